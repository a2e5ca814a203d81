package org.sipsocial.cli;

import org.sipsocial.store.UserName;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sipsocial user set NAME --listed|--unlisted}: whether connected sites see the user in the directory. */
@Command(name = "set", description = "Publish NAME@<site> to connected sites in the directory (--listed), or stop "
        + "publishing it (--unlisted). An unlisted user can still be called by anyone who knows the address.",
        footer = UserCommand.RUNNING_OR_STOPPED)
final class UserSetCommand extends OnSite {
    @Parameters(paramLabel = "NAME")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Listing listing;

    static final class Listing {
        @Option(names = "--listed", required = true, description = "Publish the address (the default for a new user).")
        boolean listed;

        @Option(names = "--unlisted", required = true, description = "Do not publish the address.")
        boolean unlisted;
    }

    UserSetCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        UserName user = UserName.of(name);
        boolean listed = listing.listed;
        try (SiteSession site = openSite()) {
            site.administration().setListed(user, listed);
            out().println(user + "@" + site.siteName() + " is " + (listed ? "listed" : "unlisted")
                    + " in the directory");
        }
        return ExitStatus.OK.code();
    }
}
