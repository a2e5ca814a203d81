package org.sipsocial.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The SIPp scenarios under src/test/resources/sipp, and the injection files that feed them. */
final class SippScenarios {
    private SippScenarios() {
    }

    static Path scenario(String name) {
        try {
            return Path.of(SippScenarios.class.getResource("/sipp/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no SIPp scenario " + name, e);
        }
    }

    /** A one-line SEQUENTIAL injection file: user; its [authentication]; site; extra field. */
    static Path credentials(Path folder, String user, String password, String site, String extra) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(user + "-" + extra + ".csv"), "SEQUENTIAL\n" + user
                    + ";[authentication username=" + user + " password=" + password + "];" + site + ";" + extra + ";\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
