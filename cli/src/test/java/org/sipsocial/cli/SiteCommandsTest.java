package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SelfSignedCertificateIssuer;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;

/** The site commands on a stopped site, whose store they open with the passphrase. */
class SiteCommandsTest {
    static final SelfSignedCertificateIssuer ISSUER = new SelfSignedCertificateIssuer(Clock.systemUTC(), new SecureRandom());

    @TempDir
    Path temp;
    private Path home;
    private String passphrase;

    @BeforeEach
    void setUp() throws Exception {
        home = temp.resolve("smiths");
        passphrase = Files.writeString(temp.resolve("passphrase"), "correct horse battery staple\n").toString();
        assertThat(CliRun.run("init", "--home", home.toString(), "--site", "theSmiths", "--passphrase-file", passphrase)
                .exit()).isZero();
    }

    private CliRun.Result site(String... args) {
        List<String> all = new ArrayList<>(List.of("site"));
        all.addAll(List.of(args));
        all.addAll(List.of("--home", home.toString(), "--passphrase-file", passphrase));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** Writes {@code certificate} as PEM to a file in {@code folder}, as the other administrator would send it. */
    static Path pemFile(Path folder, String file, X509Certificate certificate) throws Exception {
        return Files.writeString(folder.resolve(file), PemCertificates.write(certificate));
    }

    private Path certificateFor(String name) throws Exception {
        return pemFile(temp, name + ".pem", ISSUER.issue(SiteName.of(name)).certificate());
    }

    private static String fingerprintOf(Path file) throws Exception {
        return Fingerprint.of(PemCertificates.read(Files.readAllBytes(file), file.toString())).colonHex();
    }

    private List<RemoteSite> stored() {
        try (Passphrase secret = Passphrase.of("correct horse battery staple".toCharArray());
             SiteStore store = SiteStore.open(new SiteHome(home), secret, Clock.systemUTC())) {
            return store.remoteSites().list();
        }
    }

    /** What {@code site add} prints about the certificate before it adds anything. */
    static String described(Path file) throws Exception {
        X509Certificate certificate = PemCertificates.read(Files.readAllBytes(file), file.toString());
        Fingerprint fingerprint = Fingerprint.of(certificate);
        String name = certificate.getSubjectX500Principal().getName().substring("CN=".length());
        StringBuilder text = new StringBuilder()
                .append("Certificate ").append(file).append('\n')
                .append("  Subject:          CN=").append(name).append('\n')
                .append("  SubjectAltNames:  URI:sip:").append(name).append(", DNS:").append(name).append('\n')
                .append("  Valid until:      ").append(CertCommand.WHEN.format(certificate.getNotAfter().toInstant())).append('\n')
                .append("SHA-256 fingerprint:\n  ").append(fingerprint.colonHex()).append('\n')
                .append("Read aloud, block by block:\n");
        fingerprint.spokenBlocks().lines().forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }

    @Test
    void site_add_with_the_matching_fingerprint_shows_it_pins_the_certificate_and_copies_it_to_lib_certificates()
            throws Exception {
        Path certificate = certificateFor("theJoneses");
        CliRun.Result added = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(),
                "--fingerprint", "sha256 Fingerprint=" + fingerprintOf(certificate));
        assertThat(added.exit()).as(added.err()).isZero();
        Path copy = home.resolve("lib/certificates/thejoneses.pem");
        assertThat(added.out()).isEqualTo(described(certificate) + "Added theJoneses at 203.0.113.7:5070; its "
                + "certificate is trusted for theJoneses only (" + copy + ")\n");
        assertThat(copy).hasSameTextualContentAs(certificate);
        assertThat(stored()).singleElement().satisfies(site -> {
            assertThat(site.name()).hasToString("theJoneses");
            assertThat(site.address()).hasToString("203.0.113.7:5070");
            assertThat(site.fingerprint().colonHex()).isEqualTo(fingerprintOf(certificate));
        });
    }

    @Test
    void site_add_takes_a_der_certificate_and_a_fingerprint_without_colons() throws Exception {
        X509Certificate certificate = ISSUER.issue(SiteName.of("der.example")).certificate();
        Path der = Files.write(temp.resolve("der.cer"), certificate.getEncoded());
        CliRun.Result added = site("add", "der.example", "--address", "[2001:db8::7]:6000", "--cert", der.toString(),
                "--fingerprint", Fingerprint.of(certificate).colonHex().replace(":", "").toLowerCase());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(site("list").out()).contains("der.example  [2001:db8::7]:6000");
    }

    @Test
    void site_add_without_a_fingerprint_and_without_a_terminal_shows_the_fingerprint_and_adds_nothing() throws Exception {
        Path certificate = certificateFor("theJoneses");
        CliRun.Result refused = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString());
        assertThat(refused.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(refused.out()).isEqualTo(described(certificate));
        assertThat(refused.err()).isEqualTo("sipsocial: no terminal to confirm the fingerprint on: give --fingerprint FP "
                + "as the other administrator read it out; nothing was added\n");
        assertThat(stored()).isEmpty();
    }

    @Test
    void site_add_with_a_fingerprint_that_does_not_match_is_refused_printing_both() throws Exception {
        Path certificate = certificateFor("theJoneses");
        String other = fingerprintOf(certificateFor("impostor"));
        CliRun.Result refused = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(),
                "--fingerprint", other);
        assertThat(refused.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(refused.err()).isEqualTo("sipsocial: the certificate's fingerprint does not match the one given, so "
                + "theJoneses was not added: certificate " + fingerprintOf(certificate) + ", given " + other + "\n");
        assertThat(stored()).isEmpty();
        assertThat(home.resolve("lib/certificates/thejoneses.pem")).doesNotExist();
    }

    @Test
    void site_add_refuses_a_certificate_that_does_not_name_the_site() throws Exception {
        Path certificate = certificateFor("theBrowns");
        CliRun.Result refused = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(),
                "--fingerprint", fingerprintOf(certificate));
        assertThat(refused.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(refused.err()).isEqualTo("sipsocial: the certificate does not name theJoneses (subject CN=theBrowns, "
                + "SubjectAltNames URI:sip:theBrowns, DNS:theBrowns); it is not the certificate of that site\n");
        assertThat(stored()).isEmpty();
    }

    @Test
    void site_add_refuses_an_expired_certificate_quoting_its_not_after() throws Exception {
        Instant notAfter = Instant.parse("2025-06-30T23:59:59Z");
        Path certificate = pemFile(temp, "old.pem",
                ISSUER.issue(SiteName.of("theJoneses"), notAfter.minus(365, ChronoUnit.DAYS), notAfter).certificate());
        CliRun.Result refused = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(),
                "--fingerprint", fingerprintOf(certificate));
        assertThat(refused.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(refused.err()).isEqualTo("sipsocial: the certificate of theJoneses expired on 2025-06-30 23:59:59 UTC "
                + "(notAfter); ask its administrator for a current one\n");
    }

    @Test
    void site_add_refuses_bad_names_bad_addresses_bad_fingerprints_and_files_that_are_not_certificates()
            throws Exception {
        Path certificate = certificateFor("theJoneses");
        String fingerprint = fingerprintOf(certificate);
        CliRun.Result badName = site("add", "the_Joneses", "--address", "203.0.113.7", "--cert", certificate.toString(),
                "--fingerprint", fingerprint);
        assertThat(badName.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(badName.err()).isEqualTo("sipsocial: bad site name \"the_Joneses\": '_' is not allowed "
                + "(only letters, digits, '-' and '.')\n");
        CliRun.Result badAddress = site("add", "theJoneses", "--address", "203.0.113.7:70000", "--cert",
                certificate.toString(), "--fingerprint", fingerprint);
        assertThat(badAddress.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(badAddress.err()).isEqualTo("sipsocial: bad address \"203.0.113.7:70000\": the port 70000 is not 1 to 65535\n");
        CliRun.Result badFingerprint = site("add", "theJoneses", "--address", "203.0.113.7", "--cert",
                certificate.toString(), "--fingerprint", "AB:CD");
        assertThat(badFingerprint.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(badFingerprint.err()).startsWith("sipsocial: bad fingerprint \"AB:CD\"");
        Path notACertificate = Files.writeString(temp.resolve("junk.pem"), "hello");
        CliRun.Result junk = site("add", "theJoneses", "--address", "203.0.113.7", "--cert", notACertificate.toString(),
                "--fingerprint", fingerprint);
        assertThat(junk.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(junk.err()).isEqualTo("sipsocial: cannot use certificate " + notACertificate
                + ": it is not an X.509 certificate in PEM or DER\n");
        CliRun.Result missing = site("add", "theJoneses", "--address", "203.0.113.7", "--cert",
                temp.resolve("missing.pem").toString(), "--fingerprint", fingerprint);
        assertThat(missing.err()).isEqualTo("sipsocial: cannot read certificate " + temp.resolve("missing.pem")
                + ": no such file\n");
        assertThat(site("add", "theJoneses", "--cert", certificate.toString()).exit()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(stored()).isEmpty();
    }

    @Test
    void site_add_refuses_a_name_already_on_the_list_and_this_sites_own_name_and_certificate() throws Exception {
        Path certificate = certificateFor("theJoneses");
        site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(), "--fingerprint",
                fingerprintOf(certificate));
        Path again = certificateFor("THEJONESES");
        CliRun.Result duplicate = site("add", "THEJONESES", "--address", "203.0.113.7", "--cert", again.toString(),
                "--fingerprint", fingerprintOf(again));
        assertThat(duplicate.exit()).isEqualTo(ExitStatus.ALREADY_EXISTS.code());
        assertThat(duplicate.err()).isEqualTo("sipsocial: theJoneses is already on the Network Connection list "
                + "(site names are compared ignoring case)\n");
        Path own = home.resolve("site-certificate.pem");
        CliRun.Result ownCertificate = site("add", "theSmiths", "--address", "203.0.113.7", "--cert", own.toString(),
                "--fingerprint", fingerprintOf(own));
        assertThat(ownCertificate.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(ownCertificate.err()).startsWith("sipsocial: theSmiths is this site's own name");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void site_list_prints_name_address_fingerprint_and_link_status_in_name_order() throws Exception {
        assertThat(site("list").out()).isEqualTo("No sites on the Network Connection list yet: add one with "
                + "sipsocial site add NAME --address HOST[:PORT] --cert FILE\n");
        Path joneses = certificateFor("theJoneses");
        Path browns = certificateFor("browns.example.org");
        site("add", "theJoneses", "--address", "203.0.113.7:6000", "--cert", joneses.toString(), "--fingerprint", fingerprintOf(joneses));
        site("add", "browns.example.org", "--address", "browns.example.org", "--cert", browns.toString(), "--fingerprint",
                fingerprintOf(browns));
        CliRun.Result list = site("list");
        assertThat(list.exit()).isZero();
        String row = "%-18s  %-23s  %-95s  %s%n";
        assertThat(list.out()).isEqualTo(String.format(row, "NAME", "ADDRESS", "FINGERPRINT (SHA-256)", "LINK")
                + String.format(row, "browns.example.org", "browns.example.org:5070", fingerprintOf(browns), "disconnected")
                + String.format(row, "theJoneses", "203.0.113.7:6000", fingerprintOf(joneses), "disconnected"));
    }

    @Test
    void site_show_prints_the_address_link_status_and_pinned_certificate() throws Exception {
        Path certificate = certificateFor("theJoneses");
        site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(), "--fingerprint",
                fingerprintOf(certificate));
        CliRun.Result show = site("show", "THEJONESES");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("Site:              theJoneses\n"
                + "Address:           203.0.113.7:5070\n"
                + "Link:              disconnected\n"
                + "Added:             ")
                .contains("Certificate file:  " + home.resolve("lib/certificates/thejoneses.pem") + "\n"
                        + "Subject:           CN=theJoneses\n"
                        + "SubjectAltNames:   URI:sip:theJoneses, DNS:theJoneses\n"
                        + "Key:               ECDSA P-256\n")
                .endsWith(described(certificate).substring(described(certificate).indexOf("SHA-256 fingerprint:")));
        CliRun.Result missing = site("show", "theBrowns");
        assertThat(missing.exit()).isEqualTo(ExitStatus.NOT_FOUND.code());
        assertThat(missing.err()).isEqualTo("sipsocial: no site theBrowns on the Network Connection list\n");
    }

    @Test
    void site_remove_forgets_the_site_and_its_certificate_file_and_a_second_remove_is_not_found() throws Exception {
        Path certificate = certificateFor("theJoneses");
        site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(), "--fingerprint",
                fingerprintOf(certificate));
        CliRun.Result removed = site("remove", "theJONESES");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(removed.out()).isEqualTo("Removed theJONESES from the Network Connection list; its link is dropped "
                + "and its certificate forgotten\n");
        assertThat(stored()).isEmpty();
        assertThat(home.resolve("lib/certificates/thejoneses.pem")).doesNotExist();
        CliRun.Result again = site("remove", "theJoneses");
        assertThat(again.exit()).isEqualTo(ExitStatus.NOT_FOUND.code());
        assertThat(again.err()).isEqualTo("sipsocial: no site theJoneses on the Network Connection list\n");
    }

    @Test
    void site_set_address_moves_the_site_and_refuses_a_bad_address_or_an_unknown_site() throws Exception {
        Path certificate = certificateFor("theJoneses");
        site("add", "theJoneses", "--address", "203.0.113.7", "--cert", certificate.toString(), "--fingerprint",
                fingerprintOf(certificate));
        CliRun.Result moved = site("set-address", "theJoneses", "[2001:db8::7]");
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(moved.out()).isEqualTo("theJoneses is now at [2001:db8::7]:5070\n");
        assertThat(stored()).singleElement().satisfies(site -> assertThat(site.address()).hasToString("[2001:db8::7]:5070"));
        CliRun.Result bad = site("set-address", "theJoneses", "2001:db8::7");
        assertThat(bad.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(bad.err()).isEqualTo("sipsocial: bad address \"2001:db8::7\": write an IPv6 address in brackets, "
                + "as [2001:db8::7]:5070\n");
        CliRun.Result unknown = site("set-address", "theBrowns", "198.51.100.4");
        assertThat(unknown.exit()).isEqualTo(ExitStatus.NOT_FOUND.code());
        assertThat(stored()).singleElement().satisfies(site -> assertThat(site.address()).hasToString("[2001:db8::7]:5070"));
    }
}
