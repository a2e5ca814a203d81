package org.sipsocial.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.sipsocial.store.AdminPasswordHash;
import org.sipsocial.store.SecretFileContent;

import picocli.CommandLine.Option;

/**
 * {@code --admin-password-file FILE}, or the password typed twice on the terminal: the two ways the
 * administrator's web console password may come in, never as an argument.
 */
public final class AdminPasswordOption {
    @Option(names = "--admin-password-file", paramLabel = "FILE",
            description = "Read the web console's admin password from FILE (one trailing line end is ignored; at least "
                    + AdminPasswordHash.MIN_LENGTH + " characters). Without it the password is asked for on the terminal.")
    private Path file;

    /** The new password from the file or the terminal, checked; empty when neither is there. */
    public Optional<char[]> readIfGiven(CliContext context) {
        if (file != null) {
            return Optional.of(checked(SecretFileContent.decode(InputFiles.read(file, "admin password file"))));
        }
        Console terminal = context.terminal();
        if (terminal == null) {
            return Optional.empty();
        }
        char[] first = prompt(terminal, "New admin password for the web console: ");
        char[] second = prompt(terminal, "The same admin password again: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new UserInputException("the two admin passwords differ; nothing was changed");
            }
            return Optional.of(checked(first));
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /** The new password, which must be given. */
    public char[] read(CliContext context) {
        return readIfGiven(context).orElseThrow(() -> new UserInputException(
                "no admin password: give --admin-password-file FILE, or run on a terminal to be asked"));
    }

    private static char[] checked(char[] password) {
        try {
            AdminPasswordHash.check(password);
            return password;
        } catch (RuntimeException e) {
            Arrays.fill(password, '\0');
            throw e;
        }
    }

    private static char[] prompt(Console terminal, String question) {
        char[] typed = terminal.readPassword("%s", question);
        if (typed == null) {
            throw new UserInputException("no admin password was typed");
        }
        return typed;
    }
}
