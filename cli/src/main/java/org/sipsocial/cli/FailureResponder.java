package org.sipsocial.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.sipsocial.identity.IdentityException;
import org.sipsocial.store.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that answers a failed command: one line on standard error, starting with {@code sipsocial:},
 * and the exit code of its {@link ExitStatus}. A stack trace only with {@code --verbose}.
 */
public final class FailureResponder implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        ExitStatus status = statusOf(failure);
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (status == ExitStatus.INTERNAL) {
            err.println("sipsocial: internal error: " + message + " (run again with --verbose for details)");
        } else {
            err.println("sipsocial: " + message);
        }
        if (verbose(command)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return status.code();
    }

    /** Whether {@code --verbose} was given anywhere on the command line, before or after the subcommand. */
    private static boolean verbose(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        for (ParseResult level = root.getParseResult(); level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static ExitStatus statusOf(Throwable failure) {
        if (failure instanceof UserInputException) {
            return ((UserInputException) failure).status();
        }
        if (failure instanceof StoreException) {
            return ExitStatus.of(((StoreException) failure).reason());
        }
        if (failure instanceof IdentityException) {
            return ExitStatus.of(((IdentityException) failure).reason());
        }
        if (failure instanceof UncheckedIOException) {
            return ExitStatus.USER_ERROR;
        }
        return ExitStatus.INTERNAL;
    }
}
