package org.sipsocial.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

import org.sipsocial.store.Passphrase;

import picocli.CommandLine.Option;

/**
 * {@code --passphrase-file FILE}, or a prompt on the terminal: the two ways a passphrase may come in.
 * Never as an argument, where other users of the machine could read it in the process list.
 */
public final class PassphraseOption {
    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the site passphrase from FILE (one trailing line end is ignored). "
                    + "Without it the passphrase is asked for on the terminal.")
    private Path file;

    /** The passphrase of an existing site. */
    public Passphrase read(CliContext context) {
        if (file != null) {
            return Passphrase.fromFileContent(InputFiles.read(file, "passphrase file"));
        }
        return Passphrase.of(prompt(context, "Passphrase of the site: "));
    }

    /** The passphrase of a new site: from the file, or typed twice on the terminal. */
    public Passphrase readNew(CliContext context) {
        if (file != null) {
            return Passphrase.fromFileContent(InputFiles.read(file, "passphrase file"));
        }
        char[] first = prompt(context, "New passphrase for the site (it protects everything; keep it safe): ");
        char[] second = prompt(context, "The same passphrase again: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new UserInputException("the two passphrases differ; nothing was changed");
            }
            return Passphrase.of(first);
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    private static char[] prompt(CliContext context, String question) {
        Console terminal = context.terminal();
        if (terminal == null) {
            throw new UserInputException("no passphrase: give --passphrase-file FILE, or run on a terminal to be asked");
        }
        char[] typed = terminal.readPassword("%s", question);
        if (typed == null) {
            throw new UserInputException("no passphrase was typed");
        }
        return typed;
    }
}
