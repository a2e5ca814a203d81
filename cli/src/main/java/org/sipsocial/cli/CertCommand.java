package org.sipsocial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.sipsocial.identity.CertificateDescription;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sipsocial cert}: the site's own certificate, which is public: no passphrase is needed to show or
 * export it, and the private key is never part of what these commands write.
 */
@Command(name = "cert", description = "Show or export this site's certificate and its fingerprint.",
        subcommands = {CertCommand.PrintFingerprint.class, CertCommand.Show.class, CertCommand.Export.class})
public final class CertCommand {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CertCommand() {
    }

    static X509Certificate siteCertificate(SiteHome home) {
        home.requireSite();
        return PemCertificates.read(InputFiles.read(home.certificateFile(), "certificate"),
                home.certificateFile().toString());
    }

    @Command(name = "fingerprint",
            description = "Print the SHA-256 fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it.")
    static final class PrintFingerprint implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private HomeOption home;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(
                    Fingerprint.of(siteCertificate(home.home())).opensslLine());
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "show", description = "Print subject, SubjectAltNames, key type, validity and fingerprint.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private HomeOption home;

        @Override
        public Integer call() {
            CertificateDescription description = CertificateDescription.of(siteCertificate(home.home()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Subject:          " + description.subject());
            out.println("SubjectAltNames:  " + String.join(", ", description.subjectAltNames()));
            out.println("Key:              " + description.keyType());
            out.println("Valid from:       " + WHEN.format(description.notBefore()));
            out.println("Valid until:      " + WHEN.format(description.notAfter())
                    + " (" + description.validityPeriod() + ")");
            out.println("SHA-256 fingerprint:");
            out.println("  " + description.fingerprint().colonHex());
            out.println("Read aloud, block by block:");
            description.fingerprint().spokenBlocks().lines().forEach(line -> out.println("  " + line));
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "export", description = {
            "Write the certificate as PEM (never the key), to FILE or standard output.",
            "The same file serves other sites' administrators and this site's phones: a phone on TLS trusts it as its "
                    + "CA (baresip: sip_cafile; Linphone: root_ca) and reaches the site on its SIPS port; a phone that "
                    + "pins instead takes the SHA-256 fingerprint printed with --out."})
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private HomeOption home;
        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (which must not exist yet).")
        private Path out;

        @Override
        public Integer call() {
            String pem = PemCertificates.write(siteCertificate(home.home()));
            if (out == null) {
                spec.commandLine().getOut().print(pem);
                spec.commandLine().getOut().flush();
                return ExitStatus.OK.code();
            }
            try {
                Files.writeString(out, pem, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                throw new UserInputException(ExitStatus.ALREADY_EXISTS, out + " already exists; choose another --out");
            } catch (IOException e) {
                throw new UserInputException("cannot write " + out + ": " + e.getMessage());
            }
            X509Certificate certificate = siteCertificate(home.home());
            SiteSettings settings = SiteSettings.read(home.home().settingsFile());
            PrintWriter done = spec.commandLine().getOut();
            done.println("Wrote the certificate of this site to " + out);
            done.println("SHA-256 fingerprint: " + Fingerprint.of(certificate).colonHex());
            done.println("For a phone on TLS (sips port " + settings.sipsPort() + "): trust " + out
                    + " as its CA (baresip: sip_cafile; Linphone: root_ca, with verify_server_cn=0 when it reaches the site"
                    + " by address), or pin the fingerprint above.");
            return ExitStatus.OK.code();
        }
    }
}
