package org.sipsocial.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 4475 torture requests turned into ACKs: the Request-Line's method becomes ACK (and, in
 * the second form, the CSeq method too), every other byte as it was.
 */
final class TortureAcks {
    /** Every request among the RFC 4475 messages (the responses bigcode, scalarlg, unreason, noreason, bcast are left out). */
    static final List<String> REQUESTS = List.of("wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp",
            "longreq", "dblreq", "semiuri", "transports", "mpart01", "badinv01", "clerr", "ncl", "scalar02",
            "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec",
            "baddn", "badvers", "mismatch01", "mismatch02", "badbranch", "insuf", "unkscm", "novelsc", "unksm2",
            "bext01", "invut", "regaut01", "multi01", "mcl01", "zeromf", "cparam01", "cparam02", "regescrt",
            "sdp01", "inv2543");

    private TortureAcks() {
    }

    static byte[] torture(String name) {
        try (InputStream in = TortureAcks.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message with its Request-Line method replaced by ACK (so its CSeq usually mismatches). */
    static byte[] withAckRequestLine(String name) {
        String text = new String(torture(name), StandardCharsets.ISO_8859_1);
        int sp = text.indexOf(' ');
        return ("ACK" + text.substring(sp)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The message with both its Request-Line method and its CSeq method replaced by ACK. */
    static byte[] asAck(String name) {
        String text = new String(withAckRequestLine(name), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String rest = end < 0 ? "" : text.substring(end);
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            String lower = line.toLowerCase();
            if (lower.startsWith("cseq") && line.indexOf(':') > 0) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                int sp = value.indexOf(' ');
                line = line.substring(0, line.indexOf(':') + 1) + " " + (sp < 0 ? value : value.substring(0, sp)) + " ACK";
            }
            lines.add(line);
        }
        return (String.join("\r\n", lines) + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A well-formed ACK except that it has no Content-Length (mandatory on streams, RFC 3261 §18.3). */
    static String ackWithoutContentLength(Transport t, String sentBy) {
        return "ACK sip:bob@site.test SIP/2.0\r\n"
                + "Via: SIP/2.0/" + t.viaName() + " " + sentBy + ";branch=z9hG4bK-ack-no-cl\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@site.test>;tag=a1\r\n"
                + "To: <sip:bob@site.test>;tag=b1\r\n"
                + "Call-ID: ack-no-cl@site.test\r\n"
                + "CSeq: 1 ACK\r\n\r\n";
    }
}
