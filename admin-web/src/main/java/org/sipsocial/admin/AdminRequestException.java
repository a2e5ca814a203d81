package org.sipsocial.admin;

/** A request refused by the admin API itself, with one line for the administrator. */
final class AdminRequestException extends RuntimeException {
    private final AdminRefusal refusal;

    AdminRequestException(AdminRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    AdminRefusal refusal() {
        return refusal;
    }
}
