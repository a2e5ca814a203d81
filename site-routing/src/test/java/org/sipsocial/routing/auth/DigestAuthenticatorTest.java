package org.sipsocial.routing.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sipsocial.routing.auth.AuthOutcome.Kind;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.UserName;
import org.sipsocial.testkit.ManualClock;

class DigestAuthenticatorTest {
    private static final String REALM = "theSmiths";
    private final ManualClock clock = ManualClock.at("2026-11-30T12:00:00Z");
    private final NonceService nonces = new NonceService(clock, new SecureRandom(), Duration.ofMinutes(5));
    private final Map<String, DigestCredentials> users = Map.of(
            "alice", DigestCredentials.of(UserName.of("alice"), REALM, "wonderland".toCharArray()));
    private final DigestAuthenticator authenticator = new DigestAuthenticator(REALM, nonces,
            name -> Optional.ofNullable(users.get(name.toLowerCase())),
            uri -> uri.host().equalsIgnoreCase(REALM) || uri.host().equals("127.0.0.1"),
            new DigestOffers(List.of(DigestAlgorithm.values()), new SimpleMeterRegistry()));

    @Test
    void the_response_formula_gives_rfc_7616_example_values_for_sha256_and_md5() {
        // RFC 7616 §3.9.1: Mufasa, "Circle of Life", realm http-auth@example.org, GET /dir/index.html.
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        String user = "Mufasa:http-auth@example.org:Circle of Life";
        assertThat(DigestAuthenticator.responseFor(DigestAlgorithm.SHA_256, sha256(user), nonce, "00000001", cnonce,
                "auth", "GET", "/dir/index.html")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(DigestAuthenticator.responseFor(DigestAlgorithm.MD5, md5(user), nonce, "00000001", cnonce,
                "auth", "GET", "/dir/index.html")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void challenges_offer_sha256_then_md5_with_qop_auth_in_the_site_realm() {
        SipRequest unanswered = parse(base("REGISTER", "sip:theSmiths") + "\r\n");
        assertThat(authenticator.challenges(unanswered, false)).hasSize(2)
                .satisfies(values -> {
                    assertThat(values.get(0)).startsWith("Digest realm=\"theSmiths\", nonce=\"").contains("algorithm=SHA-256", "qop=\"auth\"");
                    assertThat(values.get(1)).contains("algorithm=MD5").doesNotContain("stale");
                });
        assertThat(authenticator.challenges(unanswered, true)).allMatch(value -> value.endsWith(", stale=true"));
    }

    @Test
    void the_right_password_authenticates_with_either_algorithm() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            String nonce = nonces.issue();
            SipRequest register = register("alice", "wonderland", nonce, "00000001", "sip:theSmiths", algorithm);
            AuthOutcome outcome = authenticator.authenticate(register, DigestChallengeKind.REGISTRAR);
            assertThat(outcome.kind()).as(algorithm.token()).isEqualTo(Kind.AUTHENTICATED);
            assertThat(outcome.userName()).isEqualTo("alice");
            assertThat(outcome.algorithm()).isEqualTo(algorithm);
        }
    }

    @Test
    void a_wrong_password_and_an_unknown_user_fail_alike() {
        String nonce = nonces.issue();
        AuthOutcome wrong = authenticator.authenticate(register("alice", "guess", nonce, "00000001", "sip:theSmiths",
                DigestAlgorithm.SHA_256), DigestChallengeKind.REGISTRAR);
        AuthOutcome unknown = authenticator.authenticate(register("mallory", "guess", nonce, "00000002", "sip:theSmiths",
                DigestAlgorithm.SHA_256), DigestChallengeKind.REGISTRAR);
        assertThat(wrong.kind()).isEqualTo(Kind.FAILED);
        assertThat(unknown.kind()).isEqualTo(Kind.FAILED);
        assertThat(wrong.detail()).isEqualTo(unknown.detail());
    }

    @Test
    void a_replayed_response_is_refused_and_a_higher_nonce_count_is_accepted() {
        String nonce = nonces.issue();
        SipRequest first = register("alice", "wonderland", nonce, "00000001", "sip:theSmiths", DigestAlgorithm.SHA_256);
        assertThat(authenticator.authenticate(first, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.AUTHENTICATED);
        AuthOutcome replay = authenticator.authenticate(first, DigestChallengeKind.REGISTRAR);
        assertThat(replay.kind()).isEqualTo(Kind.FAILED);
        assertThat(replay.detail()).contains("replay");
        SipRequest next = register("alice", "wonderland", nonce, "00000002", "sip:theSmiths", DigestAlgorithm.SHA_256);
        assertThat(authenticator.authenticate(next, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.AUTHENTICATED);
    }

    @Test
    void the_right_response_on_an_expired_nonce_is_stale() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(6));
        AuthOutcome outcome = authenticator.authenticate(
                register("alice", "wonderland", nonce, "00000001", "sip:theSmiths", DigestAlgorithm.MD5), DigestChallengeKind.REGISTRAR);
        assertThat(outcome.kind()).isEqualTo(Kind.STALE);
    }

    @Test
    void sipp_style_digest_uri_naming_the_site_address_is_accepted_but_another_target_is_not() {
        String nonce = nonces.issue();
        assertThat(authenticator.authenticate(register("alice", "wonderland", nonce, "00000001", "sip:127.0.0.1:5060",
                DigestAlgorithm.MD5), DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.AUTHENTICATED);
        AuthOutcome elsewhere = authenticator.authenticate(register("alice", "wonderland", nonce, "00000002",
                "sip:bob@theJoneses", DigestAlgorithm.MD5), DigestChallengeKind.REGISTRAR);
        assertThat(elsewhere.kind()).isEqualTo(Kind.FAILED);
        assertThat(elsewhere.detail()).contains("names neither");
        assertThat(authenticator.authenticate(register("alice", "wonderland", nonce, "00000003", "sip:203.0.113.9",
                DigestAlgorithm.MD5), DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.FAILED);
    }

    @Test
    void credentials_in_unknown_schemes_or_other_realms_are_ignored_and_challenged() {
        SipRequest unknownScheme = parse(base("REGISTER", "sip:theSmiths")
                + "Authorization: NoOneKnowsThisScheme opaque-data=here\r\n\r\n");
        assertThat(authenticator.authenticate(unknownScheme, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.NO_CREDENTIALS);
        SipRequest otherRealm = parse(base("REGISTER", "sip:theSmiths")
                + "Authorization: Digest username=\"alice\", realm=\"theJoneses\", nonce=\"x\", uri=\"sip:theSmiths\", response=\"0\"\r\n\r\n");
        assertThat(authenticator.authenticate(otherRealm, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.NO_CREDENTIALS);
        assertThat(authenticator.authenticate(parse(base("REGISTER", "sip:theSmiths") + "\r\n"), DigestChallengeKind.REGISTRAR).kind())
                .isEqualTo(Kind.NO_CREDENTIALS);
    }

    @Test
    void proxy_authorization_is_read_for_the_proxy_and_authorization_for_the_registrar() {
        String nonce = nonces.issue();
        String credentials = credentials("alice", "wonderland", nonce, "00000001", "sip:bob@theSmiths", DigestAlgorithm.SHA_256, "INVITE");
        SipRequest invite = parse(base("INVITE", "sip:bob@theSmiths") + "Proxy-Authorization: " + credentials + "\r\n\r\n");
        assertThat(authenticator.authenticate(invite, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.NO_CREDENTIALS);
        assertThat(authenticator.authenticate(invite, DigestChallengeKind.PROXY).kind()).isEqualTo(Kind.AUTHENTICATED);
    }

    @Test
    void digest_without_qop_auth_is_refused() {
        String nonce = nonces.issue();
        String ha1 = md5("alice:theSmiths:wonderland");
        String response = md5(ha1 + ":" + nonce + ":" + md5("REGISTER:sip:theSmiths"));
        SipRequest legacy = parse(base("REGISTER", "sip:theSmiths") + "Authorization: Digest username=\"alice\", realm=\"theSmiths\", nonce=\""
                + nonce + "\", uri=\"sip:theSmiths\", response=\"" + response + "\"\r\n\r\n");
        assertThat(authenticator.authenticate(legacy, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.FAILED);
    }

    private static SipRequest register(String user, String password, String nonce, String nc, String uri, DigestAlgorithm algorithm) {
        return parse(base("REGISTER", "sip:theSmiths") + "Authorization: "
                + credentials(user, password, nonce, nc, uri, algorithm, "REGISTER") + "\r\n\r\n");
    }

    /** What a phone computes, written independently of the code under test. */
    private static String credentials(String user, String password, String nonce, String nc, String uri,
            DigestAlgorithm algorithm, String method) {
        boolean sha = algorithm == DigestAlgorithm.SHA_256;
        String ha1 = sha ? sha256(user + ":" + REALM + ":" + password) : md5(user + ":" + REALM + ":" + password);
        String ha2 = sha ? sha256(method + ":" + uri) : md5(method + ":" + uri);
        String data = ha1 + ":" + nonce + ":" + nc + ":0a4f113b:auth:" + ha2;
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + (sha ? sha256(data) : md5(data)) + "\", algorithm=" + algorithm.token()
                + ", cnonce=\"0a4f113b\", qop=auth, nc=" + nc;
    }

    private static String base(String method, String requestUri) {
        return method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@theSmiths>\r\n"
                + "From: <sip:alice@theSmiths>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:alice@192.168.1.20>\r\n"
                + "Content-Length: 0\r\n";
    }

    private static SipRequest parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

    private static String sha256(String text) {
        return hex("SHA-256", text);
    }

    private static String md5(String text) {
        return hex("MD5", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_challenge_order_is_configurable_and_an_algorithm_not_offered_is_not_accepted() {
        DigestAuthenticator md5Only = new DigestAuthenticator(REALM, nonces, name -> Optional.ofNullable(users.get(name)),
                uri -> true, new DigestOffers(List.of(DigestAlgorithm.MD5), new SimpleMeterRegistry()));
        SipRequest unanswered = parse(base("REGISTER", "sip:theSmiths") + "\r\n");
        assertThat(md5Only.challenges(unanswered, false)).singleElement().satisfies(v -> assertThat(v).contains("algorithm=MD5"));
        DigestAuthenticator md5First = new DigestAuthenticator(REALM, nonces, name -> Optional.ofNullable(users.get(name)),
                uri -> true, new DigestOffers(List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), new SimpleMeterRegistry()));
        assertThat(md5First.challenges(unanswered, false).get(0)).contains("algorithm=MD5");
        SipRequest sha = register("alice", "wonderland", nonces.issue(), "00000001", "sip:theSmiths", DigestAlgorithm.SHA_256);
        assertThat(md5Only.authenticate(sha, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.FAILED);
        SipRequest md5 = register("alice", "wonderland", nonces.issue(), "00000001", "sip:theSmiths", DigestAlgorithm.MD5);
        assertThat(md5Only.authenticate(md5, DigestChallengeKind.REGISTRAR).kind()).isEqualTo(Kind.AUTHENTICATED);
    }
}
