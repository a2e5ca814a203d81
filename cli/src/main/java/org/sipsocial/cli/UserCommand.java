package org.sipsocial.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SecretFileContent;
import org.sipsocial.store.SitePassword;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.User;
import org.sipsocial.store.UserName;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sipsocial user}: the site's users, whose addresses (AORs) read {@code NAME@<site>}. */
@Command(name = "user", description = "Add, list, remove users of this site, or change their passwords.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class,
                UserCommand.Passwd.class})
public final class UserCommand {
    private UserCommand() {
    }

    /** What every user subcommand shares: the home, the passphrase, and a way to run one action on the store. */
    abstract static class OnStore implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HomeOption home;
        @Mixin
        PassphraseOption passphrase;
        final CliContext context;

        OnStore(CliContext context) {
            this.context = context;
        }

        <T> T withStore(Function<SiteStore, T> action) {
            try (Passphrase secret = passphrase.read(context);
                 SiteStore store = SiteStore.open(home.home().requireSite(), secret, context.clock())) {
                return action.apply(store);
            }
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** A new password: from a file, or generated and printed once. */
    abstract static class WithPassword extends OnStore {
        @Option(names = "--password-file", paramLabel = "FILE",
                description = "Read the SIP password from FILE (one trailing line end is ignored). "
                        + "Without it a strong password is generated and printed once.")
        Path passwordFile;

        WithPassword(CliContext context) {
            super(context);
        }

        /** The password to set, and whether it was generated (and so must be shown). */
        char[] password() {
            if (passwordFile == null) {
                return SitePassword.generate(context.random());
            }
            return SitePassword.check(SecretFileContent.decode(InputFiles.read(passwordFile, "password file")));
        }

        void showIfGenerated(char[] password) {
            if (passwordFile == null) {
                out().println("Password (shown only this once; enter it in the phone): " + new String(password));
            }
        }
    }

    @Command(name = "add", description = "Add the user NAME@<site>. Several names per person are fine (Robert, Bob, Rob).")
    static final class Add extends WithPassword {
        @Parameters(paramLabel = "NAME", description = "The user part of the address, in SIP user syntax.")
        String name;

        Add(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            UserName user = UserName.of(name);
            char[] password = password();
            char[] shown = password.clone();
            String site = withStore(store -> {
                store.users().add(user, password);
                return store.settings().site().toString();
            });
            out().println("Added " + user + "@" + site + " (sip:" + user + "@" + site + ")");
            showIfGenerated(shown);
            Arrays.fill(shown, '\0');
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "list", description = "List the users: their addresses and SIP URIs (never passwords).")
    static final class ListUsers extends OnStore {
        ListUsers(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            String[] site = new String[1];
            List<User> users = withStore(store -> {
                site[0] = store.settings().site().toString();
                return store.users().list();
            });
            if (users.isEmpty()) {
                out().println("No users yet: add one with sipsocial user add NAME");
            }
            int width = users.stream().mapToInt(user -> user.aor(site[0]).length()).max().orElse(0);
            for (User user : users) {
                out().printf("%-" + width + "s  %s%n", user.aor(site[0]), user.sipUri(site[0]));
            }
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "remove", description = "Remove the user NAME@<site>.")
    static final class Remove extends OnStore {
        @Parameters(paramLabel = "NAME")
        String name;

        Remove(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            UserName user = UserName.of(name);
            String site = withStore(store -> {
                store.users().remove(user);
                return store.settings().site().toString();
            });
            out().println("Removed " + user + "@" + site);
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "passwd", description = "Set a new SIP password for NAME@<site>.")
    static final class Passwd extends WithPassword {
        @Parameters(paramLabel = "NAME")
        String name;

        Passwd(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            UserName user = UserName.of(name);
            char[] password = password();
            char[] shown = password.clone();
            String site = withStore(store -> {
                store.users().changePassword(user, password);
                return store.settings().site().toString();
            });
            out().println("Changed the password of " + user + "@" + site);
            showIfGenerated(shown);
            Arrays.fill(shown, '\0');
            return ExitStatus.OK.code();
        }
    }
}
