package org.sipsocial.sip.message.uri;

import java.util.Locale;
import org.sipsocial.sip.message.Parameters;
import org.sipsocial.sip.message.SipSyntaxException;

/**
 * A {@code tel:} URI, RFC 3966 §3.
 *
 * <pre>
 * telephone-uri = "tel:" telephone-subscriber
 * telephone-subscriber = global-number / local-number
 * global-number-digits = "+" *phonedigit DIGIT *phonedigit
 * phonedigit    = DIGIT / [ visual-separator ]     ; visual-separator = "-" / "." / "(" / ")"
 * </pre>
 * Two tel URIs are equal when their numbers match with visual separators removed and their
 * parameters match case-insensitively (RFC 3966 §4).
 */
public final class TelUri implements Uri {
    private final String number;
    private final Parameters parameters;
    private final String text;

    private TelUri(String number, Parameters parameters, String text) {
        this.number = number;
        this.parameters = parameters;
        this.text = text;
    }

    static TelUri parse(String text, int colon) {
        int semi = text.indexOf(';', colon + 1);
        int end = semi < 0 ? text.length() : semi;
        String number = text.substring(colon + 1, end);
        if (number.isEmpty()) throw new SipSyntaxException("empty telephone number", colon + 1);
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) && c < 128 || "+-.()*#".indexOf(c) >= 0;
            if (!ok) throw new SipSyntaxException("bad character in telephone number", colon + 1 + i);
        }
        return new TelUri(number, Parameters.ofUri(text.substring(end)), text);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, e.g. {@code +1-201-555-0123}. */
    public String number() {
        return number;
    }

    /** True for a global number (starts with {@code +}). */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    public Parameters parameters() {
        return parameters;
    }

    private String digits() {
        StringBuilder b = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ("-.()".indexOf(c) < 0) b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TelUri && ((TelUri) o).digits().equals(digits())
                && ((TelUri) o).parameters.toString().toLowerCase(Locale.ROOT)
                        .equals(parameters.toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public int hashCode() {
        return digits().hashCode();
    }
}
