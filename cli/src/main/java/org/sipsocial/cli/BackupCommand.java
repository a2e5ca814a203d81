package org.sipsocial.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sipsocial.store.SiteBackup;
import org.sipsocial.store.SiteHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", description = {
        "Write a backup of the site home to FILE: a consistent copy, taken while the site runs or while it is stopped.",
        "It stays encrypted: restoring it needs nothing, using it needs the site's passphrase (keep both, apart)."})
final class BackupCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HomeOption home;
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The backup file to write (must not exist yet).")
    private Path out;
    private final CliContext context;

    BackupCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SiteHome site = home.home().requireSite();
        if (Files.exists(out)) {
            throw new UserInputException(ExitStatus.ALREADY_EXISTS, out + " already exists; choose another --out");
        }
        Path part = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        Optional<SiteSession> running = SiteAccess.running(site);
        try {
            try (OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW)) {
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-------"));
                if (running.isPresent()) {
                    running.get().administration().backup(file);
                } else {
                    SiteBackup.writeStopped(site, context.clock(), file);
                }
            }
            String name = SiteBackup.check(part);
            Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("Wrote a backup of " + name + " to " + out + " (" + Files.size(out)
                    + " bytes, taken while the site " + (running.isPresent() ? "ran" : "was stopped")
                    + "); it is encrypted: using it needs the site's passphrase.");
            return ExitStatus.OK.code();
        } catch (FileAlreadyExistsException e) {
            throw new UserInputException(ExitStatus.ALREADY_EXISTS, e.getFile() + " already exists; choose another --out");
        } catch (IOException e) {
            throw new UserInputException("cannot write " + out + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // Only a leftover .part file, named for what it is.
            }
        }
    }
}
