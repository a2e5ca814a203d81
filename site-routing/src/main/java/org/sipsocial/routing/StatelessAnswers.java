package org.sipsocial.routing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.transaction.Hop;

/**
 * Answers without state, in front of the transaction layer (RFC 3261 §8.2.7, §17.2.1; Kamailio's {@code sl}):
 * digest challenges, and the site's own 200 to an OPTIONS for it (§11.2), which would otherwise keep a server
 * transaction for 32 s (Timer J) per request.
 *
 * <p>A new request from the LAN that carries no credentials at all gets its 401 (REGISTER to this
 * site) or 407 (anything the proxy would forward) at once, with no server transaction, so it is never
 * retransmitted and costs the site one response per request, however many an unauthenticated source sends.
 *
 * <p>The challenge's To tag is derived from the request with a keyed hash (HMAC-SHA256 over Call-ID, From tag
 * and CSeq number, under a key made at start), so the ACK of a non-2xx final response (same Call-ID, From tag,
 * CSeq number and the response's To tag, §17.1.1.3) is recognised without remembering anything, and absorbed:
 * never answered, never forwarded.
 *
 * <p>Everything else goes on to the transaction layer as before: requests inside a dialog, from a link, with
 * credentials (they may fail, and failures are throttled), CANCEL, the site's own OPTIONS, and requests the
 * checks of {@link RequestChecks} refuse.
 *
 * <pre>
 * sipsocial.auth.challenges.stateless   counter  kind     registrar / proxy
 * sipsocial.auth.challenge.acks.absorbed counter
 * sipsocial.options.stateless           counter           OPTIONS for the site answered without state
 * </pre>
 */
public final class StatelessAnswers {
    /** Marks our derived To tags, so that only ACKs carrying one cost a hash. */
    static final String TAG_PREFIX = "sl";
    private static final int TAG_BYTES = 8;

    private final SiteAddresses addresses;
    private final DigestAuthenticator authenticator;
    private final SecretKeySpec key;
    private final Counter registrarChallenges;
    private final Counter proxyChallenges;
    private final Counter absorbedAcks;
    private final Counter options;
    private volatile boolean stopping;
    /** One keyed HMAC per thread (a Mac costs a provider look-up to make, and is not thread-safe). */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public StatelessAnswers(SiteAddresses addresses, DigestAuthenticator authenticator, SecureRandom random,
            MeterRegistry metrics) {
        this.addresses = addresses;
        this.authenticator = authenticator;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.registrarChallenges = metrics.counter("sipsocial.auth.challenges.stateless", "kind", "registrar");
        this.proxyChallenges = metrics.counter("sipsocial.auth.challenges.stateless", "kind", "proxy");
        this.absorbedAcks = metrics.counter("sipsocial.auth.challenge.acks.absorbed");
        this.options = metrics.counter("sipsocial.options.stateless");
    }

    /** The site is stopping: every request goes to the core, which answers 503. */
    public void stop() {
        stopping = true;
    }

    /**
     * The answer to send for {@code request} without a transaction (a challenge, or the site's 200 to OPTIONS), or
     * empty when the request must go to the transaction layer.
     */
    public Optional<SipResponse> answer(SipRequest request, Hop source) {
        try {
            if (isNewFromThePhones(request, source)) {
                SipRequest routed = RoutePreprocessing.apply(request, addresses);
                if (request.isMethod(SipMethod.OPTIONS) && isForTheSiteItself(routed)) {
                    options.increment();
                    return Optional.of(SiteCore.optionsAnswer(request, tagFor(request)).build());
                }
                return kindFor(request, routed).map(kind -> challenge(request, kind));
            }
        } catch (SipSyntaxException e) {
            // left to the transaction layer, which answers it
        }
        return Optional.empty();
    }

    private SipResponse challenge(SipRequest request, DigestChallengeKind k) {
        ResponseBuilder response = Responses.create(request, k.statusCode(), k.reasonPhrase(), tagFor(request));
        for (String value : authenticator.challenges(request, false)) {
            response.addHeader(k.challengeHeader(), value);
        }
        (k == DigestChallengeKind.REGISTRAR ? registrarChallenges : proxyChallenges).increment();
        return response.build();
    }

    /** True for the ACK of a challenge sent here: its To tag is the one derived for it. It is then absorbed. */
    public boolean absorbsAck(SipRequest ack) {
        String tag = ack.to() == null ? null : ack.to().tag();
        if (tag == null || !tag.startsWith(TAG_PREFIX) || ack.callId() == null || ack.cSeq() == null) {
            return false;
        }
        boolean ours = MessageDigest.isEqual(tag.getBytes(StandardCharsets.US_ASCII),
                tagFor(ack).getBytes(StandardCharsets.US_ASCII));
        if (ours) {
            absorbedAcks.increment();
        }
        return ours;
    }

    /** Out of dialog, from the LAN, not ACK or CANCEL, passing the checks of §16.3; the site not stopping. */
    private boolean isNewFromThePhones(SipRequest request, Hop source) {
        return !stopping && !source.isLink() && !request.isMethod(SipMethod.ACK) && !request.isMethod(SipMethod.CANCEL)
                && request.to() != null && request.to().tag() == null && request.from() != null
                && request.callId() != null && request.cSeq() != null
                && RequestChecks.check(request, addresses).isEmpty();
    }

    private boolean isForTheSiteItself(SipRequest routed) {
        return addresses.isForThisSite(routed.requestUri()) && ((SipUri) routed.requestUri()).user() == null
                && routed.routes().isEmpty();
    }

    /** Who would challenge this request, when it carries no credentials at all (as {@link SiteCore} dispatches it). */
    private Optional<DigestChallengeKind> kindFor(SipRequest request, SipRequest routed) {
        if (request.isMethod(SipMethod.REGISTER) && addresses.isForThisSite(request.requestUri())) {
            boolean bare = request.authorization().isEmpty()
                    && RequestChecks.checkRequire(request, RequestChecks.REGISTRAR_SUPPORTED).isEmpty();
            return bare ? Optional.of(DigestChallengeKind.REGISTRAR) : Optional.empty();
        }
        if (isForTheSiteItself(routed)) {
            return Optional.empty();
        }
        return request.proxyAuthorization().isEmpty() ? Optional.of(DigestChallengeKind.PROXY) : Optional.empty();
    }

    /** {@code sl} + hex of HMAC-SHA256(key, Call-ID, From tag, CSeq number), 8 bytes. */
    String tagFor(SipRequest request) {
        String fromTag = request.from() == null || request.from().tag() == null ? "" : request.from().tag();
        String input = request.callId() + '\n' + fromTag + '\n' + request.cSeq().number();
        byte[] digest = macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        return TAG_PREFIX + HexFormat.of().formatHex(digest, 0, TAG_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java platform", e);
        }
    }
}
