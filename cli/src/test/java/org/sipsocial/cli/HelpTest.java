package org.sipsocial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class HelpTest {

    @Test
    void every_command_and_subcommand_answers_help_with_its_usage() {
        List<List<String>> paths = new ArrayList<>();
        collect(SipsocialCli.commandLine(CliRun.CONTEXT), new ArrayList<>(), paths);
        assertThat(paths).extracting(path -> String.join(" ", path)).contains("init", "cert fingerprint", "cert show",
                "cert export", "user add", "user list", "user remove", "user passwd", "site", "site add", "site list", "site show",
                "site remove", "site set-address");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun.Result help = CliRun.run(args.toArray(String[]::new));
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: sipsocial " + String.join(" ", path).trim());
        }
    }

    @Test
    void an_unknown_option_is_a_usage_error_with_exit_2() {
        CliRun.Result result = CliRun.run("user", "list", "--frobnicate");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--frobnicate'");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> child = new ArrayList<>(path);
                child.add(name);
                collect(sub, child, into);
            }
        });
    }
}
