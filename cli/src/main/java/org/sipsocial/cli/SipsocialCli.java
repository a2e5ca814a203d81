package org.sipsocial.cli;

import java.lang.reflect.Constructor;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Builds the {@code sipsocial} command line: the subcommands, the {@link FailureResponder}, and a factory that
 * hands each command the {@link CliContext} it declares in its constructor.
 */
public final class SipsocialCli {
    private SipsocialCli() {
    }

    /** The command line with the given extra subcommands (the server's {@code run}). */
    public static CommandLine commandLine(CliContext context, Object... extraSubcommands) {
        CommandLine commandLine = new CommandLine(new SipsocialCommand(), new ContextFactory(context));
        for (Object subcommand : extraSubcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setExecutionExceptionHandler(new FailureResponder());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Creates commands, passing the context to those whose constructor takes one. */
    static final class ContextFactory implements IFactory {
        private final CliContext context;
        private final IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return fallback.create(type);
        }
    }
}
