package org.sipsocial.testkit.netlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs a lab is built with ({@code ip}, {@code iptables}, {@code conntrack}, {@code sysctl}) and the
 * commands tests run in its namespaces, capturing their output. Each command is logged at DEBUG; a setup command
 * that fails throws with its whole command line, exit code and error output.
 */
final class Commands {
    private static final System.Logger LOG = System.getLogger(NetworkLab.class.getName());
    private static final Duration SETUP_LIMIT = Duration.ofSeconds(10);

    private final String ip;

    Commands(Path ip) {
        this.ip = ip.toString();
    }

    /** The command line that runs {@code command} inside namespace {@code namespace}. */
    List<String> inNamespace(String namespace, List<String> command) {
        List<String> line = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
        line.addAll(command);
        return line;
    }

    /** Runs {@code ip} with these arguments; returns its output, or throws if it fails. */
    String ip(String... arguments) {
        List<String> line = new ArrayList<>(List.of(ip));
        line.addAll(List.of(arguments));
        return check(line);
    }

    /** Runs {@code command} inside {@code namespace}; returns its output, or throws if it fails. */
    String in(String namespace, String... command) {
        return check(inNamespace(namespace, List.of(command)));
    }

    private String check(List<String> command) {
        Host.Result result = run(SETUP_LIMIT, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("command failed with exit code " + result.exitCode() + ": "
                    + String.join(" ", command) + "\n" + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    /**
     * Runs {@code command} to its end and returns what it did, whatever its exit code. Throws if it is still
     * running after {@code limit} (it is then killed), with what it wrote so far.
     */
    Host.Result run(Duration limit, List<String> command) {
        LOG.log(System.Logger.Level.DEBUG, () -> String.join(" ", command));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("netlab-", ".out");
            err = Files.createTempFile("netlab-", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("command still running after " + limit + ", killed: "
                        + String.join(" ", command) + "\nstdout:\n" + read(out) + "stderr:\n" + read(err));
            }
            return new Host.Result(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot delete " + file, e);
        }
    }
}
