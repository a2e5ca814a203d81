package org.sipsocial.server;

import org.sipsocial.cli.CliContext;
import org.sipsocial.cli.SipsocialCli;

/** The {@code sipsocial} command: the CLI's subcommands plus {@code run}, which starts the site. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SipsocialCli.commandLine(CliContext.system(), RunCommand.class).execute(args));
    }
}
