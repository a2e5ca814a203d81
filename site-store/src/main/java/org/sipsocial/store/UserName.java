package org.sipsocial.store;

import java.util.Locale;

/**
 * The user part of an AOR ({@code alice} in {@code alice@theSmiths}). It follows RFC 3261 §25.1:
 *
 * <pre>
 * user             =  1*( unreserved / escaped / user-unreserved )
 * user-unreserved  =  "&amp;" / "=" / "+" / "$" / "," / ";" / "?" / "/"
 * unreserved       =  alphanum / mark
 * mark             =  "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
 * </pre>
 *
 * Escapes ({@code %HH}) are refused at the door so that one user has one spelling; the characters that need
 * no escape are the ones above. Two names are the same user when they are equal ignoring case.
 */
public final class UserName {
    public static final int MAX_LENGTH = 64;
    private static final String MARKS = "-_.!~*'()";
    private static final String USER_UNRESERVED = "&=+$,;?/";

    private final String spelling;
    private final String key;

    private UserName(String spelling) {
        this.spelling = spelling;
        this.key = spelling.toLowerCase(Locale.ROOT);
    }

    public static UserName of(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new StoreException(StoreFailure.BAD_USER_NAME,
                    "bad user name \"" + (text == null ? "" : text) + "\": " + problem);
        }
        return new UserName(text);
    }

    private static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "it is empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                return "escapes (%HH) are not accepted; write the character itself, if SIP allows it";
            }
            boolean alphanum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanum && MARKS.indexOf(c) < 0 && USER_UNRESERVED.indexOf(c) < 0) {
                return (c == '@' ? "'@' separates the user from the site; give the user part only"
                        : "'" + (Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                                + "' is not allowed in a SIP user name");
            }
        }
        return null;
    }

    /** The lower-case form under which two spellings of one user compare equal. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserName && ((UserName) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return spelling;
    }
}
