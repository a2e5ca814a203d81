package org.sipsocial.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A third-party program a test runs (sipp, stunnel4, baresip, kamailio, openssl). A missing one fails the test
 * with the package to install: such a test is never skipped, since a skipped check proves nothing.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The program's path on PATH, or an AssertionError naming the Debian package that provides it. */
    public static Path require(String program, String debianPackage) {
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "/usr/bin:/usr/sbin:/bin" : path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not installed: apt-get install " + debianPackage
                + " (.ci/run installs it)");
    }
}
