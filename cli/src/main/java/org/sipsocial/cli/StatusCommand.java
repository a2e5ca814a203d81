package org.sipsocial.cli;

import java.io.PrintWriter;

import org.sipsocial.identity.SiteName;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.SiteLink;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sipsocial status [NAME]}: one line per link (or for NAME only), what the router mapped to this site (or
 * why nothing), what the site learned of the NAT in front of it, the addresses this site is seen from, the callers the site refused, and the latest event of the
 * links (what the console's Status Message line shows).
 */
@Command(name = "status", description = "Show the status of the link with each remote site, or with NAME only: "
        + "disconnected, connecting, connected (since when, which site initiated, round-trip time, the address "
        + "the other side sees this site from), or the last error (such as the other side's Disconnect).", footer = OnRunningSite.RUNNING_ONLY)
final class StatusCommand extends OnRunningSite {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A site on the Network Connection list.")
    String name;

    @Override
    public Integer call() {
        SiteName site = name == null ? null : SiteName.of(name);
        try (SiteSession session = openRunningSite()) {
            if (site != null) {
                out().println(session.administration().status(site));
                return ExitStatus.OK.code();
            }
            print(session.administration().status());
        }
        return ExitStatus.OK.code();
    }

    private void print(NetworkStatus status) {
        PrintWriter out = out();
        if (status.links().isEmpty()) {
            out.println("No sites on the Network Connection list yet: add one with "
                    + "sipsocial site add NAME --address HOST[:PORT] --cert FILE");
        }
        for (SiteLink link : status.links()) {
            out.println(link);
        }
        if (!status.portMapping().isEmpty()) {
            out.println("Port mapping: " + status.portMapping());
        }
        if (!status.nat().isEmpty()) {
            out.println("NAT: " + status.nat());
        }
        if (!status.seenFrom().isEmpty()) {
            out.println("Seen from: " + String.join(", ", status.seenFrom()));
        }
        if (!status.refusals().isEmpty()) {
            out.println("Refused callers:");
            status.refusals().forEach(line -> out.println("  " + line));
        }
        status.latestEvent().ifPresent(event -> out.println("Latest event: " + event));
    }
}
