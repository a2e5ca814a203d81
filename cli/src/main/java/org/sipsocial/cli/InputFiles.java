package org.sipsocial.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file the administrator named, with one clear line when it cannot be read. */
final class InputFiles {
    /** No secret or certificate file an administrator passes is anywhere near this size. */
    static final long MAX_BYTES = 1024 * 1024;

    private InputFiles() {
    }

    static byte[] read(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw new UserInputException("cannot read " + what + " " + file + ": it is a folder");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new UserInputException("cannot read " + what + " " + file + ": larger than 1 MiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("cannot read " + what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }
}
