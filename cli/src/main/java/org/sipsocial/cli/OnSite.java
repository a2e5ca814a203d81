package org.sipsocial.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command that acts on a site shares: the home, the passphrase (for a stopped site), and the site
 * {@link SiteAccess} reaches.
 */
abstract class OnSite implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HomeOption home;
    @Mixin
    PassphraseOption passphrase;
    final CliContext context;

    OnSite(CliContext context) {
        this.context = context;
    }

    SiteSession openSite() {
        return SiteAccess.open(home, passphrase, context);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
