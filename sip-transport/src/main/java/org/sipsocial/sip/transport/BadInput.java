package org.sipsocial.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.sipsocial.sip.message.Rejection;
import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.SipResponse;

/**
 * The one place that decides what refused input earns (design principle 3): an error response, or
 * silence.
 *
 * <p>RFC 3261 §8.2.2 / §21.4.1 ask a UAS to answer a malformed request with 400 (or 505, 513, as
 * the {@link org.sipsocial.sip.message.RejectReason} says), with a reason phrase naming the
 * problem. An answer is only possible when the input is recognisably a request and carries what the
 * client matches the answer to its transaction by (RFC 3261 §17.1.3: the top Via and the CSeq),
 * copied back as they came, even when the Via itself is what is malformed (RFC 4475 §3.1.2.1).
 * Everything else is dropped silently: a refused
 * response is never answered (RFC 3261 §18.1.2), nor is junk. The answer goes back to the packet's
 * source only (never to a Via address), so junk cannot aim responses at a third party.
 *
 * <p>An ACK is never answered, whatever is wrong with it (RFC 3261 §17: "the ACK ... is not
 * acknowledged"; §17.2.1: a server transaction absorbs it, and §8.2.6 gives a UAS no response to
 * send for one): a refused request whose Request-Line or CSeq names ACK is dropped and counted as
 * such ({@link Action#ACK_DROPPED}), so malformed ACKs cannot make the site talk.
 */
final class BadInput {
    private static final Map<String, String> COPIED = Map.of(
            "via", "Via", "v", "Via", "from", "From", "f", "From", "to", "To", "t", "To",
            "call-id", "Call-ID", "i", "Call-ID", "cseq", "CSeq");
    private static final Map<Integer, String> PHRASES = Map.of(
            400, "Bad Request", 505, "Version Not Supported", 513, "Message Too Large");

    private BadInput() {
    }

    /** What refused input earns; the tag is the {@code action} of the rejected-messages counter. */
    enum Action {
        ANSWERED("answered"), DROPPED("dropped"), ACK_DROPPED("dropped-ack");

        private final String tag;

        Action(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    /** The decision for one piece of refused input: the action, and the answer when there is one. */
    record Verdict(Action action, SipResponse answer) {
        private static final Verdict DROP = new Verdict(Action.DROPPED, null);
        private static final Verdict ACK = new Verdict(Action.ACK_DROPPED, null);
    }

    /** The response to send for refused input, or {@code null} to drop it. */
    static SipResponse answer(byte[] bytes, Rejection rejection) {
        return judge(bytes, rejection).answer();
    }

    /** Decides between an answer and silence for refused input (never an answer to an ACK). */
    static Verdict judge(byte[] bytes, Rejection rejection) {
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (isAck(text)) return Verdict.ACK;
            int status = rejection.reason().status();
            if (status == 0) return Verdict.DROP;
            SipResponse answer = build(text, rejection, status);
            return answer == null ? Verdict.DROP : new Verdict(Action.ANSWERED, answer);
        } catch (RuntimeException unusable) {
            return Verdict.DROP;
        }
    }

    /** A Request-Line method, or a CSeq method, of ACK (compared ignoring case: junk gets no benefit of the doubt). */
    private static boolean isAck(String text) {
        int p = skipLeadingCrlf(text);
        int sp = text.indexOf(' ', p);
        int eol = text.indexOf("\r\n", p);
        if (sp > p && (eol < 0 || sp < eol) && text.substring(p, sp).equalsIgnoreCase("ACK")) return true;
        if (eol < 0) return false;
        for (String[] h : copiedHeaders(text, eol + 2)) {
            if (!h[0].equals("CSeq")) continue;
            String[] parts = h[1].trim().split("\\s+");
            if (parts.length > 1 && parts[parts.length - 1].equalsIgnoreCase("ACK")) return true;
        }
        return false;
    }

    private static int skipLeadingCrlf(String text) {
        int p = 0;
        while (p + 1 < text.length() && text.charAt(p) == '\r' && text.charAt(p + 1) == '\n') p += 2;
        return p;
    }

    private static SipResponse build(String text, Rejection rejection, int status) {
        int p = skipLeadingCrlf(text);
        int eol = text.indexOf("\r\n", p);
        if (eol < 0 || !isRequestLine(text.substring(p, eol))) return null;
        List<String[]> headers = copiedHeaders(text, eol + 2);
        String topVia = null;
        boolean cseq = false;
        for (String[] h : headers) {
            if (topVia == null && h[0].equals("Via")) topVia = h[1];
            cseq |= h[0].equals("CSeq");
        }
        if (topVia == null || !cseq) return null;
        ResponseBuilder b = SipResponse.builder(status, phrase(status, rejection));
        for (String[] h : headers) {
            b.addHeader(h[0], h[0].equals("To") ? withTag(h[1]) : h[1]);
        }
        return b.build();
    }

    /** {@code Method SP ...}: a token and a space; a Status-Line starts with {@code SIP/}. */
    private static boolean isRequestLine(String line) {
        if (line.startsWith("SIP/")) return false;
        int sp = line.indexOf(' ');
        if (sp <= 0) return false;
        for (int i = 0; i < sp; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** Via, From, To, Call-ID and CSeq lines (long or compact names), unfolded, up to the empty line. */
    private static List<String[]> copiedHeaders(String text, int from) {
        List<String[]> out = new ArrayList<>();
        int p = from;
        String[] last = null;
        while (p < text.length()) {
            int eol = text.indexOf("\r\n", p);
            if (eol < 0) eol = text.length();
            if (eol == p) break;
            String line = text.substring(p, eol);
            p = eol + 2;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last != null) last[1] = last[1] + " " + line.strip();
                continue;
            }
            last = null;
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String name = COPIED.get(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            if (name == null) continue;
            last = new String[] {name, line.substring(colon + 1).strip()};
            out.add(last);
        }
        return out;
    }

    /** RFC 3261 §8.2.6.2: a response other than 100 carries a To tag. */
    private static String withTag(String to) {
        if (to.toLowerCase(Locale.ROOT).contains(";tag=")) return to;
        return to + ";tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /** RFC 3261 §21.4.1: "The reason phrase SHOULD identify the syntax problem in more detail". */
    private static String phrase(int status, Rejection rejection) {
        String detail = rejection.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (rejection.header() != null) detail += " in " + rejection.header();
        return PHRASES.getOrDefault(status, "Bad Request") + " (" + detail + ")";
    }
}
