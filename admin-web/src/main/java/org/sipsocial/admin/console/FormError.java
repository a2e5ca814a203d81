package org.sipsocial.admin.console;

/** A console form the administrator must correct (a field left empty, a box not ticked), in words that say how. */
final class FormError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormError(String message) {
        super(message, null, false, false);
    }
}
