package org.sipsocial.cli;

import org.sipsocial.identity.SiteName;
import org.sipsocial.store.SiteLink;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sipsocial disconnect NAME}: Disconnect, on the running site. */
@Command(name = "disconnect", description = "Disconnect from the remote site NAME: the link goes down on both sides "
        + "(the other side shows who disconnected) and stays down after a restart.", footer = OnRunningSite.RUNNING_ONLY)
final class DisconnectCommand extends OnRunningSite {
    @Parameters(paramLabel = "NAME", description = "A site on the Network Connection list.")
    String name;

    @Override
    public Integer call() {
        SiteName site = SiteName.of(name);
        SiteLink link;
        try (SiteSession session = openRunningSite()) {
            link = session.administration().disconnect(site);
        }
        out().println(link);
        return ExitStatus.OK.code();
    }
}
