package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.ExternalTool;
import org.sipsocial.testkit.FreePorts;

/**
 * sipvicious's {@code svwar}, what attackers enumerate SIP users with, finds none of the site's users: an
 * unauthenticated sender gets the same challenge for a user who exists and one who does not.
 */
class ScannerFindsNoUsersTest {
    @TempDir
    Path temp;

    @Test
    void svwar_finds_no_users_with_register_invite_or_options() throws Exception {
        Path svwar = ExternalTool.require("svwar", "sipvicious");
        Path dictionary = Files.writeString(temp.resolve("names.txt"), "alice\nbob\ncarol\nnobody\n100\n1000\nadmin\n");
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "a-pw", "bob", "b-pw", "carol", "c-pw"))) {
            for (String method : List.of("REGISTER", "INVITE", "OPTIONS")) {
                Path output = temp.resolve("svwar-" + method + ".txt");
                Process scan = new ProcessBuilder("timeout", "-k", "5", "60", svwar.toString(), "--force", "-m", method,
                        "-d", dictionary.toString(), "-p", Integer.toString(site.sip().getPort()),
                        "-P", Integer.toString(FreePorts.tcpAndUdp()), "127.0.0.1")
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                assertThat(scan.waitFor(70, TimeUnit.SECONDS)).isTrue();
                String report = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(report).as(method + " scan:\n" + report).contains("found nothing").doesNotContain("| Extension");
                for (String user : List.of("alice", "bob", "carol")) {
                    assertThat(report).as(method).doesNotContainPattern("\\|\\s*" + user + "\\s*\\|");
                }
            }
        }
    }
}
