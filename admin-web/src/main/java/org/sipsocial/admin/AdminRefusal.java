package org.sipsocial.admin;

/**
 * Why the admin API refuses a request before it reaches the site's administration. Refusals from the site
 * itself are {@link org.sipsocial.store.StoreFailure}s; both kinds travel as the {@code reason} of an error.
 */
public enum AdminRefusal {
    /** No {@code Authorization: Bearer} header, or not the running site's token. */
    UNAUTHORIZED(401),
    /** A body that is not the JSON object this endpoint takes. */
    BAD_REQUEST(400),
    /** No endpoint at this path, or not with this method. */
    NO_SUCH_ENDPOINT(404),
    /** A fault of ours; the details are in the site's log. */
    INTERNAL(500);

    private final int status;

    AdminRefusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
