package org.sipsocial.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sipsocial.store.SiteBackup;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", description = {
        "Put the backup FILE (made by sipsocial backup) in place as the site home --home DIR.",
        "The whole file is checked first. A DIR that holds a site is refused unless --replace is given; it is then "
                + "moved aside (never deleted), and refused while the site runs. Start the site with its passphrase."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HomeOption home;
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    private Path file;
    @Option(names = "--replace", description = "Replace the site in DIR (moved aside to DIR.before-restore-TIME).")
    private boolean replace;

    @Override
    public Integer call() {
        SiteHome target = home.home();
        Path aside = SiteBackup.restore(file, target, replace);
        String site = SiteSettings.read(target.settingsFile()).site().toString();
        spec.commandLine().getOut().println("Restored " + site + " from " + file + " into " + target.root()
                + (aside == null ? "" : "; the site that was there is now in " + aside)
                + ". Start it with: sipsocial run --home " + target.root());
        return ExitStatus.OK.code();
    }
}
