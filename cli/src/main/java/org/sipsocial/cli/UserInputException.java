package org.sipsocial.cli;

/** Input the command cannot use (a missing option, a file that cannot be read), with one line saying why. */
public final class UserInputException extends RuntimeException {
    private final ExitStatus status;

    public UserInputException(String message) {
        this(ExitStatus.USER_ERROR, message);
    }

    public UserInputException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }
}
