package org.sipsocial.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 49 torture messages of RFC 4475, byte for byte, with what {@code EXPECTED.tsv} says of each: its section,
 * its kind (valid, invalid, invalid-tolerable, semantic) and what a receiving element must do.
 */
public final class Rfc4475Vectors {
    /** One torture message. */
    public record Vector(String file, String section, String kind, String expectation, byte[] bytes) {
        public String name() {
            return file.substring(0, file.length() - ".dat".length());
        }

        public boolean isResponse() {
            return new String(bytes, 0, Math.min(8, bytes.length), StandardCharsets.US_ASCII).startsWith("SIP/");
        }

        @Override
        public String toString() {
            return file + " (" + kind + ")";
        }
    }

    private Rfc4475Vectors() {
    }

    public static List<Vector> all() {
        List<Vector> vectors = new ArrayList<>();
        for (String line : new String(resource("EXPECTED.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", 4);
            vectors.add(new Vector(columns[0], columns[1], columns[2], columns[3].strip(), resource(columns[0])));
        }
        return vectors;
    }

    public static Vector named(String file) {
        return all().stream().filter(v -> v.file().equals(file) || v.name().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RFC 4475 vector " + file));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Rfc4475Vectors.class.getResourceAsStream("/rfc4475/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector /rfc4475/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
