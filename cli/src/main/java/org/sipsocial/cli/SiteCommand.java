package org.sipsocial.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import org.sipsocial.identity.CertificateDescription;
import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.PemCertificates;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.ListedSite;
import org.sipsocial.store.RemoteCertificateFiles;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteAddress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sipsocial site}: the Network Connection list, the remote sites this site trusts, each pinned to the
 * one certificate its administrator sent. Each subcommand is one {@link org.sipsocial.store.SiteAdministration}
 * call on the site {@link SiteAccess} reaches; on a running site it takes effect at once.
 */
@Command(name = "site", description = "Add, list, show, remove remote sites of the Network Connection list, or change "
        + "their addresses.",
        footer = SiteCommand.RUNNING_OR_STOPPED,
        subcommands = {SiteCommand.Add.class, SiteCommand.ListSites.class, SiteCommand.Show.class,
                SiteCommand.Remove.class, SiteCommand.SetAddress.class})
public final class SiteCommand {
    static final String RUNNING_OR_STOPPED = "%nWhile the site runs, these commands change it at once, without a "
            + "restart and without disturbing other links, through its admin API on 127.0.0.1 (no passphrase "
            + "needed). While it is stopped, the store is opened with the passphrase.";
    static final String ADDRESS_HELP = "HOST[:PORT]: the other site's public IP (or its NAT's public IP), a bracketed "
            + "IPv6 address or a DNS name, and its link port (default 5070).";

    private SiteCommand() {
    }

    @Command(name = "add", description = {"Add the remote site NAME with its address and its certificate, which is "
            + "trusted for NAME only and copied into <home>/lib/certificates/.",
        "The certificate's SHA-256 fingerprint is shown; confirm that it matches what the other administrator read "
            + "out, or give it with --fingerprint to have it compared."},
            footer = RUNNING_OR_STOPPED)
    static final class Add extends OnSite {
        static final String QUESTION = "Does it match what the other administrator read out? [yes/no] ";

        @Parameters(paramLabel = "NAME", description = "The remote site's name, as in its users' addresses (bob@NAME).")
        String name;
        @Option(names = "--address", required = true, paramLabel = "HOST[:PORT]", description = ADDRESS_HELP)
        String address;
        @Option(names = "--cert", required = true, paramLabel = "FILE",
                description = "The remote site's certificate, PEM or DER (sipsocial cert export on that site).")
        Path certificateFile;
        @Option(names = "--fingerprint", paramLabel = "FP",
                description = "The SHA-256 fingerprint the other administrator read out (colons, spaces and openssl's "
                        + "'sha256 Fingerprint=' are fine). A certificate with another one is refused.")
        String fingerprint;

        Add(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            SiteName site = SiteName.of(name);
            SiteAddress at = SiteAddress.parse(address);
            Fingerprint given = fingerprint == null ? null : Fingerprint.parse(fingerprint);
            X509Certificate certificate = PemCertificates.read(InputFiles.read(certificateFile, "certificate"),
                    certificateFile.toString());
            describe(CertificateDescription.of(certificate));
            Fingerprint confirmed = given != null ? given : confirm(Fingerprint.of(certificate));
            try (SiteSession session = openSite()) {
                RemoteSite added = session.administration().addSite(site, at, certificate, confirmed);
                out().println("Added " + added.name() + " at " + added.address() + "; its certificate is trusted for "
                        + added.name() + " only (" + new RemoteCertificateFiles(home.home()).fileOf(added.name()) + ")");
            }
            return ExitStatus.OK.code();
        }

        private void describe(CertificateDescription description) {
            PrintWriter out = out();
            out.println("Certificate " + certificateFile);
            out.println("  Subject:          " + description.subject());
            out.println("  SubjectAltNames:  " + String.join(", ", description.subjectAltNames()));
            out.println("  Valid until:      " + CertCommand.WHEN.format(description.notAfter()));
            fingerprintLines(out, description.fingerprint());
            out.flush();
        }

        /** The administrator's yes on the terminal, or a refusal: a certificate is never pinned unchecked. */
        private Fingerprint confirm(Fingerprint actual) {
            Console terminal = context.terminal();
            if (terminal == null) {
                throw new UserInputException("no terminal to confirm the fingerprint on: give --fingerprint FP as the "
                        + "other administrator read it out; nothing was added");
            }
            String answer = terminal.readLine("%s", QUESTION);
            if (answer == null || !List.of("yes", "y").contains(answer.trim().toLowerCase(Locale.ROOT))) {
                throw new UserInputException("the fingerprint was not confirmed; nothing was added");
            }
            return actual;
        }
    }

    @Command(name = "list", description = "List the remote sites: name, address, fingerprint and link status.",
            footer = RUNNING_OR_STOPPED)
    static final class ListSites extends OnSite {
        ListSites(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            List<ListedSite> sites;
            try (SiteSession session = openSite()) {
                sites = session.administration().sites();
            }
            if (sites.isEmpty()) {
                out().println("No sites on the Network Connection list yet: add one with "
                        + "sipsocial site add NAME --address HOST[:PORT] --cert FILE");
                return ExitStatus.OK.code();
            }
            int nameWidth = Math.max("NAME".length(),
                    sites.stream().mapToInt(s -> s.site().name().toString().length()).max().orElse(0));
            int addressWidth = Math.max("ADDRESS".length(),
                    sites.stream().mapToInt(s -> s.site().address().toString().length()).max().orElse(0));
            String row = "%-" + nameWidth + "s  %-" + addressWidth + "s  %-95s  %s%n";
            out().printf(row, "NAME", "ADDRESS", "FINGERPRINT (SHA-256)", "LINK");
            for (ListedSite listed : sites) {
                RemoteSite site = listed.site();
                out().printf(row, site.name(), site.address(), site.fingerprint().colonHex(), listed.linkStatus());
            }
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "show", description = "Show one remote site: address, link status and its pinned certificate.",
            footer = RUNNING_OR_STOPPED)
    static final class Show extends OnSite {
        @Parameters(paramLabel = "NAME")
        String name;

        Show(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            SiteName site = SiteName.of(name);
            ListedSite listed;
            try (SiteSession session = openSite()) {
                listed = session.administration().site(site);
            }
            RemoteSite remote = listed.site();
            CertificateDescription description = CertificateDescription.of(remote.certificate());
            PrintWriter out = out();
            out.println("Site:              " + remote.name());
            out.println("Address:           " + remote.address());
            out.println("Link:              " + listed.linkStatus());
            out.println("Added:             " + CertCommand.WHEN.format(remote.addedAt()));
            out.println("Certificate file:  " + new RemoteCertificateFiles(home.home()).fileOf(remote.name()));
            out.println("Subject:           " + description.subject());
            out.println("SubjectAltNames:   " + String.join(", ", description.subjectAltNames()));
            out.println("Key:               " + description.keyType());
            out.println("Valid from:        " + CertCommand.WHEN.format(description.notBefore()));
            out.println("Valid until:       " + CertCommand.WHEN.format(description.notAfter()));
            fingerprintLines(out, description.fingerprint());
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "remove", description = "Remove the remote site NAME: its link is dropped at once and its "
            + "certificate forgotten.", footer = RUNNING_OR_STOPPED)
    static final class Remove extends OnSite {
        @Parameters(paramLabel = "NAME")
        String name;

        Remove(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            SiteName site = SiteName.of(name);
            try (SiteSession session = openSite()) {
                session.administration().removeSite(site);
            }
            out().println("Removed " + site + " from the Network Connection list; its link is dropped and its "
                    + "certificate forgotten");
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "set-address", description = "Change where the remote site NAME takes links.",
            footer = RUNNING_OR_STOPPED)
    static final class SetAddress extends OnSite {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "HOST[:PORT]", description = ADDRESS_HELP)
        String address;

        SetAddress(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            SiteName site = SiteName.of(name);
            SiteAddress at = SiteAddress.parse(address);
            RemoteSite moved;
            try (SiteSession session = openSite()) {
                moved = session.administration().setSiteAddress(site, at);
            }
            out().println(moved.name() + " is now at " + moved.address());
            return ExitStatus.OK.code();
        }
    }

    static void fingerprintLines(PrintWriter out, Fingerprint fingerprint) {
        out.println("SHA-256 fingerprint:");
        out.println("  " + fingerprint.colonHex());
        out.println("Read aloud, block by block:");
        fingerprint.spokenBlocks().lines().forEach(line -> out.println("  " + line));
    }
}
