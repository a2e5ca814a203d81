package org.sipsocial.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sipsocial init}: sets a site up in a new home. */
@Command(name = "init", description = "Set up a new site: its name, key pair, self-signed certificate and encrypted store.")
public final class InitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HomeOption home;
    @Mixin
    private PassphraseOption passphrase;
    @Mixin
    private AdminPasswordOption adminPassword;

    @Option(names = "--site", paramLabel = "NAME", required = true,
            description = "The site name: the right-hand side of its users' addresses (alice@NAME).")
    private String site;
    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = SiteSettings.DEFAULT_BIND_ADDRESS,
            description = "The IP address the listeners bind to (default: ${DEFAULT-VALUE}).")
    private String bind;
    @Option(names = "--sip-port", defaultValue = "" + SiteSettings.DEFAULT_SIP_PORT,
            description = "SIP over UDP and TCP (default: ${DEFAULT-VALUE}).")
    private int sipPort;
    @Option(names = "--sips-port", defaultValue = "" + SiteSettings.DEFAULT_SIPS_PORT,
            description = "SIP over TLS (default: ${DEFAULT-VALUE}).")
    private int sipsPort;
    @Option(names = "--link-port", defaultValue = "" + SiteSettings.DEFAULT_LINK_PORT,
            description = "Links to other sites, mutual TLS (default: ${DEFAULT-VALUE}).")
    private int linkPort;
    @Option(names = "--admin-port", defaultValue = "" + SiteSettings.DEFAULT_ADMIN_PORT,
            description = "The admin API and web console (default: ${DEFAULT-VALUE}).")
    private int adminPort;

    @Mixin
    private PortMappingOption portMapping;
    @Option(names = "--digest-algorithms", paramLabel = "LIST", defaultValue = "SHA-256,MD5",
            description = "Digest algorithms the site accepts and offers, most preferred first (default: ${DEFAULT-VALUE}). "
                    + "A phone that answers only MD5 (baresip 1.0, SIPp) is recognised and challenged with MD5 alone.")
    private String digestAlgorithms;

    private final CliContext context;

    public InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SiteHome siteHome = home.home();
        SiteSettings settings = new SiteSettings(SiteName.of(site), bind, sipPort, sipsPort, linkPort, adminPort,
                SiteSettings.parseDigestAlgorithms(digestAlgorithms)).withPortMapping(portMapping.on());
        SiteIdentity identity;
        Optional<char[]> consolePassword = Optional.empty();
        try (Passphrase secret = passphrase.readNew(context)) {
            consolePassword = adminPassword.readIfGiven(context);
            identity = new SiteSetup(context.clock(), context.random(), context.newSiteCost())
                    .create(siteHome, settings, secret, consolePassword);
        } finally {
            consolePassword.ifPresent(password -> Arrays.fill(password, '\0'));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Site " + settings.site() + " is set up in " + siteHome.root());
        out.println("Its certificate's SHA-256 fingerprint, to read out to the administrators of other sites:");
        out.println("  " + identity.fingerprint().colonHex());
        identity.fingerprint().spokenBlocks().lines().forEach(line -> out.println("  " + line));
        if (consolePassword.isEmpty()) {
            out.println("No admin password was given: the web console refuses every login until "
                    + "sipsocial admin passwd --home " + siteHome.root());
        }
        out.println("Next: sipsocial user add NAME --home " + siteHome.root());
        return ExitStatus.OK.code();
    }
}
