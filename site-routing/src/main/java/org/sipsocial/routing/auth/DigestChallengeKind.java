package org.sipsocial.routing.auth;

/**
 * Who challenges: the registrar as the user agent server (401, {@code WWW-Authenticate} / {@code Authorization},
 * RFC 3261 §22.2) or the proxy (407, {@code Proxy-Authenticate} / {@code Proxy-Authorization}, §22.3).
 */
public enum DigestChallengeKind {
    REGISTRAR(401, "Unauthorized", "WWW-Authenticate", "Authorization"),
    PROXY(407, "Proxy Authentication Required", "Proxy-Authenticate", "Proxy-Authorization");

    private final int statusCode;
    private final String reasonPhrase;
    private final String challengeHeader;
    private final String credentialsHeader;

    DigestChallengeKind(int statusCode, String reasonPhrase, String challengeHeader, String credentialsHeader) {
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.challengeHeader = challengeHeader;
        this.credentialsHeader = credentialsHeader;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    public String challengeHeader() {
        return challengeHeader;
    }

    public String credentialsHeader() {
        return credentialsHeader;
    }
}
