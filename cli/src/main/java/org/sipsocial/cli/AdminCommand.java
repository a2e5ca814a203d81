package org.sipsocial.cli;

import java.util.Arrays;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sipsocial admin}: the administrator's own access to the site (the web console's password). */
@Command(name = "admin", description = "The administrator's access to the web console.",
        subcommands = AdminCommand.Passwd.class)
public final class AdminCommand {
    private AdminCommand() {
    }

    /** {@code sipsocial admin passwd}: sets the web console's password. */
    @Command(name = "passwd", description = "Set the web console's admin password (only its Argon2id hash is kept).",
            footer = UserCommand.RUNNING_OR_STOPPED)
    static final class Passwd extends OnSite {
        @Mixin
        AdminPasswordOption adminPassword;

        Passwd(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            char[] password = adminPassword.read(context);
            try (SiteSession site = openSite()) {
                site.administration().setAdminPassword(password);
                out().println("The admin password of " + site.siteName() + " is set; log in to the console with it");
            } finally {
                Arrays.fill(password, '\0');
            }
            return ExitStatus.OK.code();
        }
    }
}
