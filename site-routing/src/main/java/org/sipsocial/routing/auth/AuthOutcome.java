package org.sipsocial.routing.auth;

/**
 * What digest authentication made of a request. Only {@link Kind#AUTHENTICATED} names a user; every other
 * outcome is answered with the same challenge whether or not the user exists, so that nothing tells an
 * unauthenticated sender which users a site has. {@code algorithm} is the one an authenticated user answered
 * with, null otherwise.
 */
public record AuthOutcome(Kind kind, String userName, String detail, DigestAlgorithm algorithm) {

    public enum Kind {
        /** The response is right for a user of this site, with a fresh nonce and nonce-count. */
        AUTHENTICATED,
        /** No digest credentials for this realm: challenge (the usual first request). */
        NO_CREDENTIALS,
        /** Right response on an expired nonce: challenge again with {@code stale=true}. */
        STALE,
        /** Wrong password, unknown user, forged or replayed nonce, foreign URI: a failed attempt. */
        FAILED
    }

    static AuthOutcome authenticated(String userName, DigestAlgorithm algorithm) {
        return new AuthOutcome(Kind.AUTHENTICATED, userName, "", algorithm);
    }

    static AuthOutcome noCredentials() {
        return new AuthOutcome(Kind.NO_CREDENTIALS, null, "no credentials for this realm", null);
    }

    static AuthOutcome stale(String userName) {
        return new AuthOutcome(Kind.STALE, userName, "stale nonce", null);
    }

    static AuthOutcome failed(String userName, String detail) {
        return new AuthOutcome(Kind.FAILED, userName, detail, null);
    }

    public boolean isAuthenticated() {
        return kind == Kind.AUTHENTICATED;
    }
}
