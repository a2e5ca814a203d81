package org.sipsocial.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The SIPp scenarios of the tests (resources under {@code sipp/} in this module, each with a comment saying what
 * it plays), as files SIPp can read, and the injection files that feed them.
 */
public final class SippScenarios {
    private static Path folder;

    private SippScenarios() {
    }

    /** The scenario {@code name} as a file (copied out of the test kit once per JVM). */
    public static synchronized Path scenario(String name) {
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("sipp-scenarios");
                folder.toFile().deleteOnExit();
            }
            Path file = folder.resolve(name);
            if (!Files.exists(file)) {
                try (InputStream in = SippScenarios.class.getResourceAsStream("/sipp/" + name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no SIPp scenario " + name + " in the test kit");
                    }
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-line SEQUENTIAL injection file: user; its [authentication]; site; extra field(s). */
    public static Path credentials(Path folder, String user, String password, String site, String extra) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(user + "-" + extra.replace(';', '-') + ".csv"), "SEQUENTIAL\n" + user
                    + ";[authentication username=" + user + " password=" + password + "];" + site + ";" + extra + ";\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
