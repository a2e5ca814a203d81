package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitAndCertCommandsTest {
    @TempDir
    Path temp;
    private Path home;
    private Path passphraseFile;

    @BeforeEach
    void setUp() throws Exception {
        home = temp.resolve("smiths");
        passphraseFile = Files.writeString(temp.resolve("passphrase"), "correct horse battery staple\n");
    }

    private CliRun.Result init(String site, String... more) {
        String[] base = {"init", "--home", home.toString(), "--site", site, "--passphrase-file", passphraseFile.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.run(args);
    }

    @Test
    void init_sets_up_the_site_and_prints_its_fingerprint_for_reading_out() {
        CliRun.Result result = init("theSmiths");
        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Site theSmiths is set up in " + home)
                .containsPattern("([0-9A-F]{2}:){31}[0-9A-F]{2}").containsPattern("4: [0-9A-F]{4} ");
        assertThat(home.resolve("lib/certificates")).isDirectory();
    }

    @Test
    void init_turns_port_mapping_on_unless_told_off_and_refuses_another_value_quoting_it() throws Exception {
        assertThat(init("theSmiths").exit()).isZero();
        assertThat(Files.readString(home.resolve("site.properties"))).contains("port-mapping=on");
        home = temp.resolve("off");
        assertThat(init("theSmiths", "--port-mapping", "off").exit()).isZero();
        assertThat(Files.readString(home.resolve("site.properties"))).contains("port-mapping=off");
        home = temp.resolve("bad");
        CliRun.Result bad = init("theSmiths", "--port-mapping", "maybe");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--port-mapping \"maybe\" is neither on nor off");
    }

    @Test
    void init_takes_the_bind_address_and_ports_and_refuses_bad_ones_quoting_them() throws Exception {
        assertThat(init("theSmiths", "--bind", "127.0.0.1", "--sip-port", "15060", "--sips-port", "15061",
                "--link-port", "15070", "--admin-port", "18480").exit()).isZero();
        assertThat(Files.readString(home.resolve("site.properties"))).contains("sip-port=15060", "bind=127.0.0.1",
                "link-port=15070", "admin-port=18480", "sips-port=15061");
        home = temp.resolve("other");
        CliRun.Result badPort = init("theJoneses", "--sip-port", "70000");
        assertThat(badPort.exit()).isEqualTo(1);
        assertThat(badPort.err()).isEqualTo("sipsocial: sip-port 70000 is not a port (1 to 65535)\n");
        CliRun.Result badBind = init("theJoneses", "--bind", "my.host");
        assertThat(badBind.err()).contains("\"my.host\"");
        assertThat(home).doesNotExist();
    }

    @Test
    void a_bad_site_name_is_refused_in_one_line_quoting_it_and_nothing_is_created() {
        CliRun.Result result = init("the Smiths");
        assertThat(result.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(result.err()).startsWith("sipsocial: bad site name \"the Smiths\"").hasLineCount(1);
        assertThat(home).doesNotExist();
    }

    @Test
    void init_on_an_existing_home_refuses_and_changes_nothing() throws Exception {
        assertThat(init("theSmiths").exit()).isZero();
        byte[] certificate = Files.readAllBytes(home.resolve("site-certificate.pem"));
        CliRun.Result again = init("theSmiths");
        assertThat(again.exit()).isEqualTo(ExitStatus.ALREADY_EXISTS.code());
        assertThat(again.err()).contains("already holds a site (theSmiths)").hasLineCount(1);
        assertThat(Files.readAllBytes(home.resolve("site-certificate.pem"))).isEqualTo(certificate);
    }

    @Test
    void without_a_passphrase_file_or_a_terminal_init_says_how_to_give_one() {
        CliRun.Result result = CliRun.run("init", "--home", home.toString(), "--site", "theSmiths");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("--passphrase-file").hasLineCount(1);
        assertThat(home).doesNotExist();
    }

    @Test
    void cert_fingerprint_prints_what_openssl_prints_for_the_exported_pem() throws Exception {
        init("theSmiths");
        Path pem = temp.resolve("smiths.pem");
        assertThat(CliRun.run("cert", "export", "--home", home.toString(), "--out", pem.toString()).exit()).isZero();
        CliRun.Result ours = CliRun.run("cert", "fingerprint", "--home", home.toString());
        Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", pem.toString())
                .redirectErrorStream(true).start();
        String theirs = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();
        assertThat(ours.out()).isEqualTo(theirs).startsWith("sha256 Fingerprint=");
    }

    @Test
    void cert_export_to_a_file_tells_what_a_phone_needs_the_fingerprint_and_the_sips_port() throws Exception {
        init("theSmiths");
        Path pem = temp.resolve("smiths.pem");
        CliRun.Result export = CliRun.run("cert", "export", "--home", home.toString(), "--out", pem.toString());
        String fingerprint = CliRun.run("cert", "fingerprint", "--home", home.toString()).out().trim()
                .substring("sha256 Fingerprint=".length());
        assertThat(export.exit()).isZero();
        assertThat(export.out()).contains("SHA-256 fingerprint: " + fingerprint, "sips port 5061", "sip_cafile", "root_ca");
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void cert_show_gives_subject_names_key_validity_and_the_fingerprint_in_blocks() {
        init("theSmiths");
        CliRun.Result show = CliRun.run("cert", "show", "--home", home.toString());
        String fingerprint = CliRun.run("cert", "fingerprint", "--home", home.toString()).out().trim()
                .substring("sha256 Fingerprint=".length());
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("Subject:          CN=theSmiths",
                "SubjectAltNames:  URI:sip:theSmiths, DNS:theSmiths", "Key:              ECDSA P-256",
                "(20 years)", fingerprint, "1: " + fingerprint.replace(":", "").substring(0, 4));
    }

    @Test
    void cert_export_writes_the_certificate_and_never_the_key_and_keeps_existing_files() throws Exception {
        init("theSmiths");
        CliRun.Result stdout = CliRun.run("cert", "export", "--home", home.toString());
        assertThat(stdout.out()).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----END CERTIFICATE-----\n")
                .doesNotContain("PRIVATE");
        Path taken = Files.writeString(temp.resolve("taken.pem"), "mine");
        CliRun.Result refused = CliRun.run("cert", "export", "--home", home.toString(), "--out", taken.toString());
        assertThat(refused.exit()).isEqualTo(ExitStatus.ALREADY_EXISTS.code());
        assertThat(Files.readString(taken)).isEqualTo("mine");
    }

    @Test
    void cert_commands_on_a_missing_home_say_so_without_a_stack_trace() {
        CliRun.Result result = CliRun.run("cert", "show", "--home", temp.resolve("nowhere").toString());
        assertThat(result.exit()).isEqualTo(ExitStatus.NOT_FOUND.code());
        assertThat(result.err()).startsWith("sipsocial: no site home at").hasLineCount(1).doesNotContain("Exception");
    }
}
