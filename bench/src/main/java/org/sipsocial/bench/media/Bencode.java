package org.sipsocial.bench.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Bencode, as rtpengine's ng control protocol speaks it: strings, integers, lists and dictionaries. */
final class Bencode {
    private final byte[] in;
    private int at;

    private Bencode(byte[] in, int at) {
        this.in = in;
        this.at = at;
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Number n) {
            out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(out, item));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((k, v) -> {
                write(out, k);
                write(out, v);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + value);
        }
    }

    /** The value starting at {@code offset}: String, Long, List or Map (strings decoded as UTF-8). */
    static Object decode(byte[] bytes, int offset) {
        return new Bencode(bytes, offset).value();
    }

    private Object value() {
        byte b = in[at];
        if (b == 'i') {
            int end = indexOf('e', at);
            long n = Long.parseLong(new String(in, at + 1, end - at - 1, StandardCharsets.US_ASCII));
            at = end + 1;
            return n;
        }
        if (b == 'l') {
            at++;
            List<Object> list = new ArrayList<>();
            while (in[at] != 'e') {
                list.add(value());
            }
            at++;
            return list;
        }
        if (b == 'd') {
            at++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (in[at] != 'e') {
                String key = (String) value();
                map.put(key, value());
            }
            at++;
            return map;
        }
        int colon = indexOf(':', at);
        int length = Integer.parseInt(new String(in, at, colon - at, StandardCharsets.US_ASCII));
        String s = new String(in, colon + 1, length, StandardCharsets.UTF_8);
        at = colon + 1 + length;
        return s;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("bencode: no '" + c + "' after " + from);
    }
}
