package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.UserName;
import org.sipsocial.testkit.FileScan;

class UserCommandsTest {
    @TempDir
    Path temp;
    private String home;
    private String passphrase;

    @BeforeEach
    void setUp() throws Exception {
        home = temp.resolve("smiths").toString();
        passphrase = Files.writeString(temp.resolve("passphrase"), "correct horse battery staple\n").toString();
        assertThat(CliRun.run("init", "--home", home, "--site", "theSmiths", "--passphrase-file", passphrase).exit()).isZero();
    }

    private CliRun.Result user(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "user";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--home";
        all[args.length + 2] = home;
        all[args.length + 3] = "--passphrase-file";
        all[args.length + 4] = passphrase;
        return CliRun.run(all);
    }

    private DigestCredentials storedCredentials(String name) {
        try (Passphrase secret = Passphrase.of("correct horse battery staple".toCharArray());
             SiteStore store = SiteStore.open(new SiteHome(Path.of(home)), secret, Clock.systemUTC())) {
            return store.users().credentials(UserName.of(name)).orElseThrow();
        }
    }

    @Test
    void user_add_without_a_password_file_generates_a_strong_password_and_prints_it_once() {
        CliRun.Result added = user("add", "alice");
        assertThat(added.exit()).isZero();
        Matcher password = Pattern.compile("shown only this once; enter it in the phone\\): (\\S{20})\\n").matcher(added.out());
        assertThat(password.find()).isTrue();
        assertThat(added.out()).contains("Added alice@theSmiths (sip:alice@theSmiths)");
        assertThat(storedCredentials("alice"))
                .isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", password.group(1).toCharArray()));
        assertThat(user("list").out()).doesNotContain(password.group(1));
    }

    @Test
    void user_add_with_a_password_file_stores_that_password_and_prints_none() throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), "Tr0ub4dor&3\n");
        CliRun.Result added = user("add", "bob", "--password-file", file.toString());
        assertThat(added.out()).doesNotContain("Password").doesNotContain("Tr0ub4dor");
        assertThat(storedCredentials("bob")).isEqualTo(DigestCredentials.of(UserName.of("bob"), "theSmiths", "Tr0ub4dor&3".toCharArray()));
    }

    @Test
    void user_list_shows_aors_and_sip_uris_of_every_user() {
        user("add", "Robert");
        user("add", "Bob");
        CliRun.Result list = user("list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo("Bob@theSmiths     sip:Bob@theSmiths\nRobert@theSmiths  sip:Robert@theSmiths\n");
    }

    @Test
    void a_duplicate_user_in_another_case_is_refused_in_one_line() {
        user("add", "alice");
        CliRun.Result again = user("add", "Alice");
        assertThat(again.exit()).isEqualTo(ExitStatus.ALREADY_EXISTS.code());
        assertThat(again.err()).isEqualTo("sipsocial: user alice@theSmiths already exists (user names are compared ignoring case)\n");
    }

    @Test
    void user_remove_and_passwd_act_on_existing_users_and_refuse_missing_ones() throws Exception {
        user("add", "alice");
        Path file = Files.writeString(temp.resolve("pw"), "new secret");
        assertThat(user("passwd", "ALICE", "--password-file", file.toString()).out())
                .isEqualTo("Changed the password of ALICE@theSmiths\n");
        assertThat(storedCredentials("alice")).isEqualTo(DigestCredentials.of(UserName.of("alice"), "theSmiths", "new secret".toCharArray()));
        assertThat(user("remove", "alice").out()).isEqualTo("Removed alice@theSmiths\n");
        CliRun.Result missing = user("remove", "alice");
        assertThat(missing.exit()).isEqualTo(ExitStatus.NOT_FOUND.code());
        assertThat(missing.err()).isEqualTo("sipsocial: no user alice@theSmiths\n");
    }

    @Test
    void a_bad_user_name_is_refused_quoting_it() {
        CliRun.Result result = user("add", "alice smith");
        assertThat(result.exit()).isEqualTo(ExitStatus.USER_ERROR.code());
        assertThat(result.err()).startsWith("sipsocial: bad user name \"alice smith\"").hasLineCount(1);
    }

    @Test
    void a_wrong_passphrase_is_refused_with_exit_3_and_changes_nothing() throws Exception {
        Path wrong = Files.writeString(temp.resolve("wrong"), "not the passphrase");
        CliRun.Result result = CliRun.run("user", "add", "mallory", "--home", home, "--passphrase-file", wrong.toString());
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("sipsocial: wrong passphrase: it does not open this site\n");
        assertThat(user("list").out()).doesNotContain("mallory");
    }

    @Test
    void an_unreadable_password_file_is_named_in_the_error() {
        CliRun.Result result = user("add", "alice", "--password-file", temp.resolve("missing").toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("sipsocial: cannot read password file " + temp.resolve("missing") + ": no such file\n");
        assertThat(user("list").out()).doesNotContain("alice@");
    }

    @Test
    void verbose_adds_the_stack_trace_that_is_otherwise_hidden() {
        CliRun.Result quiet = user("remove", "nobody");
        CliRun.Result verbose = CliRun.run("--verbose", "user", "remove", "nobody", "--home", home, "--passphrase-file", passphrase);
        assertThat(quiet.err()).doesNotContain("at org.sipsocial");
        assertThat(verbose.err()).contains("StoreException").contains("at org.sipsocial");
    }

    @Test
    void after_users_are_added_through_the_cli_no_file_in_the_home_holds_their_names_or_passwords() throws Exception {
        Path file = Files.writeString(temp.resolve("pw"), "Sekrit-Passw0rd-xyz");
        user("add", "wilhelminaquackenbush", "--password-file", file.toString());
        assertThat(FileScan.filesContaining(Path.of(home), "wilhelminaquackenbush")).isEmpty();
        assertThat(FileScan.filesContaining(Path.of(home), "Sekrit-Passw0rd-xyz")).isEmpty();
    }
}
