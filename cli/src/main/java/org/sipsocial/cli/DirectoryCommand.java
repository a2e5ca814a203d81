package org.sipsocial.cli;

import java.util.List;

import org.sipsocial.identity.SiteName;
import org.sipsocial.store.DirectoryEntry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sipsocial directory [SITE]}: the AORs that connected sites publish, one per line. */
@Command(name = "directory", description = "Print the addresses (AORs) of the users that connected sites publish, "
        + "one per line, or those of SITE only. A site publishes its listed users while its link is up.",
        footer = OnRunningSite.RUNNING_ONLY)
final class DirectoryCommand extends OnRunningSite {
    @Parameters(paramLabel = "SITE", arity = "0..1", description = "A site on the Network Connection list.")
    String name;

    @Override
    public Integer call() {
        SiteName only = name == null ? null : SiteName.of(name);
        List<DirectoryEntry> entries;
        try (SiteSession session = openRunningSite()) {
            if (only != null) {
                only = session.administration().site(only).site().name();
            }
            entries = session.administration().directory();
        }
        for (DirectoryEntry entry : entries) {
            if (only == null || entry.site().equals(only)) {
                out().println(entry.aor());
            }
        }
        return ExitStatus.OK.code();
    }
}
