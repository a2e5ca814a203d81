package org.sipsocial.link.relay;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.sipsocial.identity.SiteName;

/**
 * The link requests of relaying (issue 15), OPTIONS with a {@code Link-Action} like the link's own
 * ({@code LinkMessages}), and their headers:
 *
 * <pre>
 * relay        on a new connection to the relaying site R (TLS pinned to R), the asker A: "relay me to T"
 *              {@code Relay-To: T}; R answers once T joined (200) or with a {@link RelayRefusal}
 * relay-offer  on R's link with T, R tells T that A asks for a relayed link
 *              {@code Relay-From: A}, {@code Relay-Token: <one-time token>}; T answers 200 and dials R
 * relay-join   on a new connection to R (TLS pinned to R), T joins: {@code Relay-Token: <token>}; R answers
 *              200 on both connections and from then on copies bytes between them
 * </pre>
 *
 * After the two 200s, A and T run a second TLS handshake, end to end through R and pinned to each other (A is
 * the client), and link over it as over any link. R forwards TLS records it cannot read.
 */
public final class RelayHeaders {
    public static final String RELAY = "relay";
    public static final String RELAY_OFFER = "relay-offer";
    public static final String RELAY_JOIN = "relay-join";
    public static final String RELAY_TO = "Relay-To";
    public static final String RELAY_FROM = "Relay-From";
    public static final String RELAY_TOKEN = "Relay-Token";
    /** 128 bits, in lower-case hex. */
    private static final int TOKEN_BYTES = 16;
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{" + TOKEN_BYTES * 2 + "}");

    private RelayHeaders() {
    }

    /** A fresh one-time token. */
    public static String newToken(SecureRandom random) {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** True when {@code text} has the form of a token (a join with anything else is refused unread). */
    public static boolean isToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    /** The extra header lines of a relay request. */
    public static String relayTo(SiteName target) {
        return RELAY_TO + ": " + target + "\r\n";
    }

    /** The extra header lines of a relay offer. */
    public static String offer(SiteName asker, String token) {
        return RELAY_FROM + ": " + asker + "\r\n" + RELAY_TOKEN + ": " + token + "\r\n";
    }

    /** The extra header lines of a join. */
    public static String join(String token) {
        return RELAY_TOKEN + ": " + token + "\r\n";
    }

    /** The site a header names, or null when it names none. */
    public static SiteName site(String value) {
        if (value == null) return null;
        return SiteName.ofValid(value.trim()).orElse(null);
    }
}
