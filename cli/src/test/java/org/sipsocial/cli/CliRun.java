package org.sipsocial.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;

import org.sipsocial.store.Argon2idCost;

import picocli.CommandLine;

/** Runs the real {@code sipsocial} command line in this JVM, with no terminal, and captures what it prints. */
final class CliRun {
    static final CliContext CONTEXT = new CliContext(Clock.systemUTC(), new SecureRandom(), null, Argon2idCost.FOR_TESTS);

    record Result(int exit, String out, String err) {
    }

    private CliRun() {
    }

    static Result run(String... args) {
        CommandLine commandLine = SipsocialCli.commandLine(CONTEXT);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
