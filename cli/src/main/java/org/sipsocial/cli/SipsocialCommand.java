package org.sipsocial.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sipsocial}: a table of subcommands, one class each. The server adds {@code run}.
 */
@Command(name = "sipsocial", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = SipsocialVersion.class,
        description = "A self-hosted SIP site that links with other sites over pinned mutual TLS.",
        subcommands = {InitCommand.class, CertCommand.class, UserCommand.class, SiteCommand.class,
                ConnectCommand.class, DisconnectCommand.class, StatusCommand.class, DirectoryCommand.class,
                AdminCommand.class, BackupCommand.class, RestoreCommand.class})
public final class SipsocialCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show details (stack traces) when something fails.")
    private boolean verbose;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command; see sipsocial --help");
    }
}
