package org.sipsocial.cli;

import org.sipsocial.identity.IdentityFailure;
import org.sipsocial.store.StoreFailure;

/**
 * The exit codes of {@code sipsocial}, one per kind of failure, so that scripts can tell them apart.
 * 2 is picocli's code for a command line it could not read.
 */
public enum ExitStatus {
    OK(0),
    /** Bad input from the administrator: a bad name, a bad value, an unreadable file. */
    USER_ERROR(1),
    USAGE(2),
    WRONG_PASSPHRASE(3),
    NOT_FOUND(4),
    ALREADY_EXISTS(5),
    IN_USE(6),
    DAMAGED(7),
    /** The command needs the running site (connect, disconnect, status) and the site is stopped. */
    NOT_RUNNING(8),
    /** A fault of ours: reported with a hint to run again with --verbose. */
    INTERNAL(70);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ExitStatus of(StoreFailure failure) {
        switch (failure) {
            case WRONG_PASSPHRASE:
                return WRONG_PASSPHRASE;
            case NO_SITE_HOME:
            case NO_SUCH_USER:
            case NO_SUCH_SITE:
                return NOT_FOUND;
            case SITE_HOME_EXISTS:
            case USER_EXISTS:
            case SITE_EXISTS:
            case CERTIFICATE_PINNED:
                return ALREADY_EXISTS;
            case STORE_IN_USE:
                return IN_USE;
            case STORE_DAMAGED:
            case BACKUP_DAMAGED:
                return DAMAGED;
            case SITE_NOT_RUNNING:
                return NOT_RUNNING;
            default:
                return USER_ERROR;
        }
    }

    static ExitStatus of(IdentityFailure failure) {
        return failure == IdentityFailure.PLATFORM ? INTERNAL
                : failure == IdentityFailure.KEYSTORE_UNREADABLE ? DAMAGED : USER_ERROR;
    }
}
