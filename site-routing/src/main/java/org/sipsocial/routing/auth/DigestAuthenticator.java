package org.sipsocial.routing.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.AuthHeader;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.store.DigestCredentials;

/**
 * SIP digest authentication (RFC 3261 §22.4, RFC 7616, RFC 8760) for one realm, the site's name.
 *
 * <p>Challenges offer what {@link DigestOffers} chooses for the phone (the site's list, SHA-256 then MD5, unless the
 * phone is known to answer one algorithm only), each with {@code qop="auth"} and the same nonce.
 * Credentials are checked as RFC 7616 §3.4.1 computes them:
 * <pre>
 * HA1      = H(username ":" realm ":" password)            (stored; the password never is)
 * HA2      = H(method ":" digest-uri)
 * response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)
 * </pre>
 * Credentials in other schemes, or for other realms, are ignored (RFC 4475 §3.3.7, regaut01). An unknown
 * user is checked against a decoy secret, so that it fails in the same way and time as a wrong password.
 *
 * <p><b>The digest URI.</b> RFC 7616 §3.4.6 wants {@code uri} to name the Request-URI. Real phones do that;
 * SIPp's {@code [authentication]} always sends {@code sip:<address>:<port>} of where it sent the request (a TLS
 * relay in front of it has its own port). We accept a {@code uri} that equals the Request-URI (RFC 3261
 * §19.1.4) or that names this site itself, with no user part (the site name or one of its own addresses,
 * whatever the port). A response computed for a request to another target therefore does not
 * verify, and a captured response cannot be replayed at all: each use needs a nonce-count above the last.
 */
public final class DigestAuthenticator {
    private static final String DECOY_HA1 = "0".repeat(64);
    /** RFC 7616 §3.4: nc is 8 hexadecimal digits (compiled once: {@code String.matches} compiles on every call). */
    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");

    private final String realm;
    private final NonceService nonces;
    private final Function<String, Optional<DigestCredentials>> credentials;
    private final Predicate<SipUri> namesThisSite;
    private final DigestOffers offers;

    /**
     * @param credentials   looks a user up by the {@code username} directive (case-insensitively)
     * @param namesThisSite whether a user-less SIP URI names this site (its name or its own address)
     * @param offers        which challenges each phone gets; credentials in any of the site's algorithms are accepted
     */
    public DigestAuthenticator(String realm, NonceService nonces, Function<String, Optional<DigestCredentials>> credentials,
            Predicate<SipUri> namesThisSite, DigestOffers offers) {
        this.offers = offers;
        this.realm = realm;
        this.nonces = nonces;
        this.credentials = credentials;
        this.namesThisSite = namesThisSite;
    }

    /** The challenge header values to send to {@code request}'s phone: one per algorithm, most preferred first. */
    public List<String> challenges(SipRequest request, boolean stale) {
        String nonce = nonces.issue();
        List<String> values = new ArrayList<>();
        for (DigestAlgorithm algorithm : offers.challengeFor(request)) {
            values.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        return values;
    }

    public AuthOutcome authenticate(SipRequest request, DigestChallengeKind kind) {
        List<AuthHeader> offered = kind == DigestChallengeKind.REGISTRAR ? request.authorization() : request.proxyAuthorization();
        AuthHeader ours = null;
        for (AuthHeader header : offered) {
            if (header.isDigest() && realm.equalsIgnoreCase(header.parameter("realm"))) {
                ours = header;
                break;
            }
        }
        if (ours == null) {
            offers.arrivedWithoutCredentials(request);
            return AuthOutcome.noCredentials();
        }
        AuthOutcome outcome = check(request, ours);
        if (outcome.isAuthenticated()) {
            offers.authenticated(request, outcome.algorithm());
        }
        return outcome;
    }

    private AuthOutcome check(SipRequest request, AuthHeader header) {
        String user = header.parameter("username");
        String nonce = header.parameter("nonce");
        String uri = header.parameter("uri");
        String response = header.parameter("response");
        String qop = header.parameter("qop");
        String cnonce = header.parameter("cnonce");
        String nc = header.parameter("nc");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromDirective(header.parameter("algorithm"));
        if (user == null || nonce == null || uri == null || response == null || algorithm.isEmpty()
                || !offers.siteAlgorithms().contains(algorithm.get())) {
            return AuthOutcome.failed(user, "incomplete or unsupported digest credentials");
        }
        if (!"auth".equalsIgnoreCase(qop) || cnonce == null || nc == null || !NONCE_COUNT.matcher(nc).matches()) {
            return AuthOutcome.failed(user, "qop=auth with cnonce and nc is required");
        }
        if (!uriAcceptable(uri, request.requestUri())) {
            return AuthOutcome.failed(user, "digest uri " + uri + " names neither the Request-URI nor this site");
        }
        Optional<DigestCredentials> known = credentials.apply(user);
        String ha1 = known.map(c -> algorithm.get().ha1(c)).orElse(DECOY_HA1);
        String expected = responseFor(algorithm.get(), ha1, nonce, nc, cnonce, qop, request.method(), uri);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!match || known.isEmpty() || !known.get().userName().equals(user)) {
            return AuthOutcome.failed(user, "wrong credentials");
        }
        switch (nonces.use(nonce, Long.parseLong(nc, 16))) {
            case FRESH:
                return AuthOutcome.authenticated(known.get().userName(), algorithm.get());
            case STALE:
                return AuthOutcome.stale(user);
            case REPLAYED:
                return AuthOutcome.failed(user, "nonce-count " + nc + " was used already (replay)");
            default:
                return AuthOutcome.failed(user, "a nonce this site did not issue");
        }
    }

    /** RFC 7616 §3.4.1 with qop=auth: {@code H(HA1:nonce:nc:cnonce:qop:H(method:uri))}. */
    static String responseFor(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce, String qop,
            String method, String uri) {
        String ha2 = algorithm.hash(method + ":" + uri);
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private boolean uriAcceptable(String digestUri, Uri requestUri) {
        Uri parsed;
        try {
            parsed = Uri.parse(digestUri);
        } catch (SipSyntaxException | IndexOutOfBoundsException e) {
            return false;
        }
        if (parsed.equals(requestUri)) {
            return true;
        }
        return parsed instanceof SipUri && ((SipUri) parsed).user() == null && namesThisSite.test((SipUri) parsed);
    }
}
