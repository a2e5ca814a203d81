package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Greps every regular file under a folder for a byte string, as an auditor would: used to show that no secret
 * or private name sits in the clear anywhere in a site home.
 */
public final class FileScan {
    private FileScan() {
    }

    /** The files under {@code root} whose bytes contain {@code needle} (UTF-8, and UTF-16 either way round). */
    public static List<Path> filesContaining(Path root, String needle) {
        List<byte[]> forms = List.of(needle.getBytes(StandardCharsets.UTF_8),
                needle.getBytes(StandardCharsets.UTF_16BE), needle.getBytes(StandardCharsets.UTF_16LE));
        return filesContainingAny(root, forms);
    }

    public static List<Path> filesContaining(Path root, byte[] needle) {
        return filesContainingAny(root, List.of(needle));
    }

    private static List<Path> filesContainingAny(Path root, List<byte[]> needles) {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                byte[] content = Files.readAllBytes(path);
                if (needles.stream().anyMatch(needle -> indexOf(content, needle) >= 0)) {
                    hits.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** Number of regular files under {@code root}, so a test can show the scan looked at something. */
    public static long countFiles(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
