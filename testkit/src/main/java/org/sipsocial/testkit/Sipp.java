package org.sipsocial.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package {@code sip-tester}), the third-party SIP peer of our tests. Every run gets
 * {@code -buff_size 4194304}, a {@code -recv_timeout}, and an outer {@code timeout -k} because SIPp's own
 * {@code -timeout} does not always stop it. Output goes to files in the run's log folder.
 */
public final class Sipp {
    /** SIPp's transport modes: one socket for all calls, UDP or TCP (Debian's SIPp has no TLS: use {@link Stunnel}). */
    public enum Transport {
        UDP("u1"), TCP("t1");

        private final String flag;

        Transport(String flag) {
            this.flag = flag;
        }
    }

    /** The outcome of a finished run; exit code 0 means every call succeeded. */
    public record Result(int exitCode, String stdout, String errors, Path logDir) {
        public boolean allCallsSucceeded() {
            return exitCode == 0;
        }

        /**
         * What to print when a test fails: the exit code, SIPp's error log, and the last {@value #TRACE_TAIL}
         * messages this SIPp sent and received (each message's time and first line, with its Call-ID and CSeq), so
         * that a failure on a machine whose files are gone still tells how it ended.
         */
        public String describe() {
            return "sipp exit " + exitCode + " (logs in " + logDir + ")\n" + errors + "\nmessages:\n"
                    + messageTrace(read(logDir.resolve("messages.log")));
        }

        private static final int TRACE_TAIL = 24;

        private static String messageTrace(String log) {
            List<StringBuilder> messages = new ArrayList<>();
            StringBuilder message = null;
            String time = "";
            for (String line : log.split("\r?\n")) {
                if (line.startsWith("-----")) {
                    time = line.replaceAll("^-+\\s*", "");
                    message = null;
                } else if (message == null && !line.isBlank()) {
                    message = new StringBuilder(time).append("  ").append(line);
                    messages.add(message);
                } else if (message != null && (line.regionMatches(true, 0, "Call-ID:", 0, 8)
                        || line.regionMatches(true, 0, "CSeq:", 0, 5) || line.startsWith("SIP/2.0 "))) {
                    message.append("  ").append(line.trim());
                }
            }
            int from = Math.max(0, messages.size() - TRACE_TAIL);
            StringBuilder trace = new StringBuilder();
            if (from > 0) {
                trace.append("(").append(from).append(" earlier messages left out)\n");
            }
            for (StringBuilder each : messages.subList(from, messages.size())) {
                trace.append(each).append('\n');
            }
            return trace.toString();
        }
    }

    private final List<String> args = new ArrayList<>();
    private final Path logDir;
    private Duration limit = Duration.ofSeconds(60);
    private InetSocketAddress remote;
    private String namespace;

    private Sipp(Path logDir) {
        this.logDir = logDir;
    }

    /** A run whose scenario, logs and output live in {@code logDir}. */
    public static Sipp in(Path logDir) {
        ExternalTool.require("sipp", "sip-tester");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sipp(logDir);
    }

    /** Runs SIPp inside a network namespace a test made ({@code ip netns exec NAME}), as a phone of a lab host. */
    public Sipp inNamespace(String name) {
        this.namespace = name;
        return this;
    }

    public Sipp scenario(Path xml) {
        return arg("-sf", xml.toString());
    }

    /** One of SIPp's embedded scenarios: uac, uas, regexp, branchc, branchs, ... */
    public Sipp builtIn(String name) {
        return arg("-sn", name);
    }

    public Sipp remote(InetSocketAddress address) {
        this.remote = address;
        return this;
    }

    public Sipp local(String ip, int port) {
        return arg("-i", ip).arg("-p", Integer.toString(port));
    }

    public Sipp transport(Transport transport) {
        return arg("-t", transport.flag);
    }

    /** Stop after this many calls ({@code -m}). */
    public Sipp calls(int count) {
        return arg("-m", Integer.toString(count));
    }

    /** Calls per second ({@code -r}). */
    public Sipp rate(int perSecond) {
        return arg("-r", Integer.toString(perSecond));
    }

    /** The user part of the Request-URI ({@code -s}). */
    public Sipp service(String user) {
        return arg("-s", user);
    }

    /** Credentials for {@code [authentication]} in the scenario ({@code -au}, {@code -ap}). */
    public Sipp credentials(String user, String password) {
        return arg("-au", user).arg("-ap", password);
    }

    /** A scenario variable {@code [key]} ({@code -key}). */
    public Sipp key(String name, String value) {
        return arg("-key", name, value);
    }

    /** A CSV injection file ({@code -inf}), one line per call. */
    public Sipp injection(Path csv) {
        return arg("-inf", csv.toString());
    }

    /** The whole run's limit: SIPp's -timeout, and the outer timeout -k a few seconds later. */
    public Sipp limit(Duration duration) {
        this.limit = duration;
        return this;
    }

    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.addAll(List.of("timeout", "-k", "5", Long.toString(limit.toSeconds() + 10), "sipp"));
        if (remote != null) {
            command.add(remote.getAddress().getHostAddress() + ":" + remote.getPort());
        }
        command.addAll(args);
        command.addAll(List.of("-buff_size", "4194304", "-recv_timeout", Long.toString(limit.toMillis()),
                "-timeout", limit.toSeconds() + "s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", logDir.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", logDir.resolve("messages.log").toString()));
        return command;
    }

    /** Starts SIPp in the background (a UAS a test then calls). */
    public Process start() {
        try {
            Files.writeString(logDir.resolve("command.txt"), String.join(" ", command()));
            return new ProcessBuilder(command()).directory(logDir.toFile())
                    .redirectOutput(logDir.resolve("stdout.txt").toFile())
                    .redirectError(logDir.resolve("stderr.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SIPp to its end and gathers the result. */
    public Result run() {
        return await(start(), logDir, limit.plusSeconds(20));
    }

    /** Waits for a started SIPp to end (killing it past {@code limit}) and gathers the result. */
    public static Result await(Process process, Path logDir, Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(process.exitValue(), read(logDir.resolve("stdout.txt")), read(logDir.resolve("errors.log"))
                    + read(logDir.resolve("stderr.txt")), logDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for sipp", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
