package org.sipsocial.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sipsocial.routing.auth.AuthOutcome;
import org.sipsocial.routing.auth.DigestAlgorithm;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestChallengeKind;
import org.sipsocial.routing.auth.DigestOffers;
import org.sipsocial.routing.auth.NonceService;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.UserName;

/**
 * The digest check of a REGISTER with credentials (RFC 7616 §3.4.1, MD5, qop=auth) against a real encrypted site
 * store, with the user's credentials taken two ways: {@code database}, one query per check as every check did before
 * issue 14, and {@code memory}, {@code Users.credentials} as the site calls it now (read once, then from memory).
 *
 * <p>The same request is checked again and again: from the second check on, its nonce-count is a replay and the
 * outcome is a failure, but only after the same work (credentials, two hashes, the nonce table).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DigestCheckBenchmark {
    private static final String SITE = "theSmiths";
    private static final String CNONCE = "0a4f113b";
    private static final String NC = "00000001";

    @Param({"database", "memory"})
    public String credentials;

    private TemporarySite site;
    private SiteStore store;
    private DigestAuthenticator authenticator;
    private SipRequest request;

    @Setup
    public void setUp() throws IOException {
        site = TemporarySite.create(SITE);
        store = site.store();
        for (int i = 0; i < 100; i++) {
            store.users().add(UserName.of("user" + i), ("password-" + i).toCharArray());
        }
        store.users().add(UserName.of("alice"), "alice's password".toCharArray());
        Function<String, Optional<DigestCredentials>> lookup = "memory".equals(credentials)
                ? name -> store.users().credentials(UserName.of(name))
                : this::selectEachTime;
        NonceService nonces = new NonceService(Clock.systemUTC(), new SecureRandom(), Duration.ofHours(1));
        authenticator = new DigestAuthenticator(SITE, nonces, lookup, uri -> SITE.equalsIgnoreCase(uri.host()),
                new DigestOffers(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), new SimpleMeterRegistry()));
        request = register(nonces.issue(), store.users().credentials(UserName.of("alice")).orElseThrow().ha1Md5());
        if (!authenticator.authenticate(request, DigestChallengeKind.REGISTRAR).isAuthenticated()) {
            throw new IllegalStateException("the benchmark's credentials do not verify");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        site.close();
    }

    @Benchmark
    public AuthOutcome check() {
        return authenticator.authenticate(request, DigestChallengeKind.REGISTRAR);
    }

    /** The query each digest check ran before issue 14. */
    private Optional<DigestCredentials> selectEachTime(String name) {
        try (Connection connection = store.database().connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name, ha1_md5, ha1_sha256 FROM site_user WHERE name_key = ?")) {
            select.setString(1, UserName.of(name).key());
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new DigestCredentials(row.getString(1), SITE, row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SipRequest register(String nonce, String ha1) {
        String uri = "sip:" + SITE;
        String response = DigestAlgorithm.MD5.hash(ha1 + ":" + nonce + ":" + NC + ":" + CNONCE + ":auth:"
                + DigestAlgorithm.MD5.hash("REGISTER:" + uri));
        String text = "REGISTER " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@" + SITE + ">\r\n"
                + "From: <sip:alice@" + SITE + ">;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@192.0.2.10\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n"
                + "Authorization: Digest username=\"alice\", realm=\"" + SITE + "\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"" + CNONCE + "\", qop=auth, nc=" + NC
                + "\r\n"
                + "Expires: 3600\r\n"
                + "Content-Length: 0\r\n\r\n";
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).request();
    }

}
