package org.sipsocial.server;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.sipsocial.cli.CliContext;
import org.sipsocial.cli.ExitStatus;
import org.sipsocial.cli.HomeOption;
import org.sipsocial.cli.AdminPasswordOption;
import org.sipsocial.cli.PassphraseOption;
import org.sipsocial.cli.PortMappingOption;
import org.sipsocial.cli.UserInputException;
import org.sipsocial.identity.SiteName;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import org.sipsocial.store.SiteSetup;
import org.sipsocial.store.SiteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sipsocial run}: opens the site and keeps it running until SIGTERM (or Ctrl-C). On a home that holds
 * no site yet, {@code --site NAME} sets one up first with the embedded defaults, as {@code init} would.
 */
@Command(name = "run", description = "Run the site until it is stopped (SIGTERM or Ctrl-C). "
        + "With --site on an empty home, set the site up first on the default settings.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    private HomeOption home;
    @Mixin
    private PassphraseOption passphrase;
    /** On the first run only, as at init: the web console's password (a file, or typed twice on a terminal). */
    @Mixin
    private AdminPasswordOption adminPassword;
    /** On the first run only, as at init: whether the site asks its router to map its ports. */
    @Mixin
    private PortMappingOption portMapping;
    @Option(names = "--site", paramLabel = "NAME",
            description = "On first run only: the name of the site to set up in an empty home.")
    private String site;

    private final CliContext context;

    public RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        SiteHome siteHome = home.home();
        SiteStore store;
        if (siteHome.holdsSite()) {
            try (Passphrase secret = passphrase.read(context)) {
                store = SiteStore.open(siteHome, secret, context.clock());
            }
        } else {
            store = setUpOnFirstRun(siteHome);
        }
        SiteRuntime runtime = SiteRuntime.start(store, context.random());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.stop();
            stopped.countDown();
        }, "sipsocial-shutdown"));
        stopped.await();
        return ExitStatus.OK.code();
    }

    private SiteStore setUpOnFirstRun(SiteHome siteHome) {
        if (site == null) {
            throw new UserInputException(ExitStatus.NOT_FOUND, "no site in " + siteHome.root()
                    + ": give --site NAME to set one up here, or run sipsocial init");
        }
        SiteSettings settings = SiteSettings.withDefaults(SiteName.of(site)).withPortMapping(portMapping.on());
        Optional<char[]> consolePassword = Optional.empty();
        try (Passphrase secret = passphrase.readNew(context)) {
            consolePassword = adminPassword.readIfGiven(context);
            new SiteSetup(context.clock(), context.random(), context.newSiteCost())
                    .create(siteHome, settings, secret, consolePassword);
            LOG.info("set up site {} in {}", settings.site(), siteHome.root());
            return SiteStore.open(siteHome, secret, context.clock());
        } finally {
            consolePassword.ifPresent(password -> Arrays.fill(password, '\0'));
        }
    }
}
