package org.sipsocial.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A secret (passphrase or password) as an administrator writes it into a file. */
public final class SecretFileContent {
    private SecretFileContent() {
    }

    /**
     * The file's text as UTF-8, less one trailing line end ({@code \n} or {@code \r\n}), as {@code echo}
     * writes it. The decoding buffer is wiped; the caller owns and wipes the result.
     */
    public static char[] decode(byte[] content) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(content));
        int end = chars.limit();
        if (end > 0 && chars.get(end - 1) == '\n') {
            end--;
            if (end > 0 && chars.get(end - 1) == '\r') {
                end--;
            }
        }
        char[] characters = Arrays.copyOf(chars.array(), end);
        Arrays.fill(chars.array(), '\0');
        return characters;
    }
}
