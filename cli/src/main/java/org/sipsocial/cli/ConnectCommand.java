package org.sipsocial.cli;

import org.sipsocial.identity.SiteName;
import org.sipsocial.store.SiteLink;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sipsocial connect NAME}: Connect, on the running site. */
@Command(name = "connect", description = "Connect to the remote site NAME: the link is tried for two minutes and, once "
        + "up, kept up until either side disconnects, and again after a restart.", footer = OnRunningSite.RUNNING_ONLY)
final class ConnectCommand extends OnRunningSite {
    @Parameters(paramLabel = "NAME", description = "A site on the Network Connection list.")
    String name;

    @Override
    public Integer call() {
        SiteName site = SiteName.of(name);
        SiteLink link;
        try (SiteSession session = openRunningSite()) {
            link = session.administration().connect(site);
        }
        out().println(link);
        return ExitStatus.OK.code();
    }
}
