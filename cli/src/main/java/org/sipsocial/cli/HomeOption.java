package org.sipsocial.cli;

import java.nio.file.Path;

import org.sipsocial.store.SiteHome;

import picocli.CommandLine.Option;

/** {@code --home DIR}: the site home a command works on; {@code SIPSOCIAL_HOME} when not given. */
public final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:SIPSOCIAL_HOME}",
            description = "The site home folder (default: $SIPSOCIAL_HOME).")
    private Path home;

    public SiteHome home() {
        if (home == null) {
            throw new UserInputException(ExitStatus.USAGE, "no site home: give --home DIR (or set SIPSOCIAL_HOME)");
        }
        return new SiteHome(home);
    }
}
