package org.sipsocial.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a site's own TLS decrypted, every record of every connection: what the site itself sees under the TLS it
 * terminates. A site run with {@link #JAVA_OPTION} has the JDK's TLS (JSSE) write each record's plaintext, as it
 * decrypts it, to standard error, which is the site's log:
 *
 * <pre>
 * javax.net.ssl|DEBUG|...|SSLCipher.java:1961|Plaintext after DECRYPTION (
 *   0000: 4F 50 54 49 4F 4E 53 20   73 69 70 3A 74 68 65 42  OPTIONS sip:theB
 * )
 * </pre>
 *
 * A capture on the wire cannot show this at a relaying site: each end's connection to the relay runs in the
 * relay's own TLS, so whatever the relay forwards, TLS or SIP in the clear, is encrypted on the wire.
 */
final class DecryptedByTheSite {
    /** JSSE's debug output: the plaintext of every record, and nothing else of its debug log. */
    static final String JAVA_OPTION = "-Djavax.net.debug=plaintext";
    private static final String DUMP_START = "Plaintext after DECRYPTION (";
    /** A hex dump line: offset, then up to 16 bytes in hex (a gap after 8) in 49 characters, then the same in ASCII. */
    private static final Pattern DUMP_LINE = Pattern.compile("^\\s*[0-9A-F]{4}: (.*)$");
    private static final int HEX_COLUMNS = 49;
    private static final int CONTEXT = 600;

    private final byte[] plaintext;
    private final int records;

    private DecryptedByTheSite(byte[] plaintext, int records) {
        this.plaintext = plaintext;
        this.records = records;
    }

    /** Reads the dumps in {@code log}, one after the other, into one run of bytes. */
    static DecryptedByTheSite readFrom(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int records = 0;
        boolean inDump = false;
        for (String line : lines) {
            if (line.endsWith(DUMP_START)) {
                inDump = true;
                records++;
            } else if (inDump && line.equals(")")) {
                inDump = false;
            } else if (inDump) {
                Matcher dump = DUMP_LINE.matcher(line);
                if (dump.matches()) {
                    String hex = dump.group(1).substring(0, Math.min(HEX_COLUMNS, dump.group(1).length()));
                    bytes.writeBytes(HexFormat.of().parseHex(hex.replace(" ", "")));
                }
            }
        }
        return new DecryptedByTheSite(bytes.toByteArray(), records);
    }

    /** How many records the site decrypted. */
    int records() {
        return records;
    }

    /** How many bytes of plaintext they held. */
    int bytes() {
        return plaintext.length;
    }

    /** Whether the plaintext holds {@code text} (ISO-8859-1). */
    boolean holds(String text) {
        return org.sipsocial.testkit.netlab.CapturedPackets.indexOf(plaintext,
                text.getBytes(StandardCharsets.ISO_8859_1)) >= 0;
    }

    /** The plaintext around the first {@code text}, what is not printable ASCII as '.', for failure messages. */
    String around(String text) {
        int at = org.sipsocial.testkit.netlab.CapturedPackets.indexOf(plaintext, text.getBytes(StandardCharsets.ISO_8859_1));
        if (at < 0) return "(no " + text + ")";
        StringBuilder shown = new StringBuilder();
        for (int i = Math.max(0, at - CONTEXT); i < Math.min(plaintext.length, at + CONTEXT); i++) {
            int b = plaintext[i] & 0xff;
            shown.append(b == '\r' || b == '\n' || b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return shown.toString();
    }
}
