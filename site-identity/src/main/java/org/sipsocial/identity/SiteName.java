package org.sipsocial.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The name of a site: the right-hand side of every AOR ({@code alice@theSmiths}).
 *
 * <p>It is a host name (RFC 3261 §25.1 {@code hostname}, RFC 1123 §2.1): dot-separated labels of letters,
 * digits and {@code -}, each 1 to 63 characters, not starting or ending with {@code -}; 253 characters at most.
 * The last label must not be all digits, so that a site name is never mistaken for an IPv4 address.
 * Two names are the same site when they are equal ignoring case; the spelling given at set-up is kept for display.
 */
public final class SiteName {
    /** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 characters as text. */
    public static final int MAX_LENGTH = 253;
    /** RFC 1035 §2.3.4: a label is at most 63 octets. */
    public static final int MAX_LABEL_LENGTH = 63;

    private final String spelling;
    private final String key;

    private SiteName(String spelling) {
        this.spelling = spelling;
        this.key = spelling.toLowerCase(Locale.ROOT);
    }

    /** Parses a site name, or refuses it with a message that quotes it. */
    public static SiteName of(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IdentityException(IdentityFailure.BAD_SITE_NAME,
                    "bad site name \"" + (text == null ? "" : text) + "\": " + problem);
        }
        return new SiteName(text);
    }

    /**
     * The site name {@code text} spells, or empty when it is not one (an IP address, a phone's host): for the paths
     * that ask of every in-dialog request whether its next hop is a site, where a refusal is no error and must not
     * cost an exception (issue 14: it was 1 % of the site's CPU under calls).
     */
    public static Optional<SiteName> ofValid(String text) {
        return problemWith(text) == null ? Optional.of(new SiteName(text)) : Optional.empty();
    }

    /** Returns why {@code text} is not a site name, or null when it is one. */
    static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "it is empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        String[] labels = text.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "it has an empty label (two dots, or a dot at an end)";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "the label \"" + label + "\" is longer than " + MAX_LABEL_LENGTH + " characters";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isLetterOrDigit(c) && c != '-') {
                    return "'" + c + "' is not allowed (only letters, digits, '-' and '.')";
                }
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                return "the label \"" + label + "\" starts or ends with '-'";
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "its last label is all digits, which reads as an IP address";
        }
        return null;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The lower-case form under which two spellings of one site compare equal. */
    public String key() {
        return key;
    }

    /** The SIP URI that names the site itself (RFC 5922 §7.1 identity in SubjectAltName). */
    public String sipUri() {
        return "sip:" + spelling;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SiteName && ((SiteName) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** The spelling given when the name was chosen. */
    @Override
    public String toString() {
        return spelling;
    }
}
