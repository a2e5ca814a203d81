package org.sipsocial.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the link commands share: they act on the links of the running site, through its admin API, so they
 * take the home but never a passphrase; on a stopped site they refuse in one line.
 */
abstract class OnRunningSite implements Callable<Integer> {
    static final String RUNNING_ONLY = "%nLinks live in the running site: this command talks to it through its admin "
            + "API on 127.0.0.1 and takes effect at once, without disturbing other links. On a stopped site it "
            + "refuses (exit code 8): start the site with sipsocial run --home DIR.";

    @Spec
    CommandSpec spec;
    @Mixin
    HomeOption home;

    SiteSession openRunningSite() {
        return SiteAccess.openRunning(home);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
