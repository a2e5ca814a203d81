package org.sipsocial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.sipsocial.testkit.netlab.Host;

/**
 * A site run as an administrator runs it, as its own process ({@code ./sipsocial run}), on a host of a
 * {@link org.sipsocial.testkit.netlab.NetworkLab}; its administrator's commands are the {@code sipsocial} script
 * run on the same host, so they reach the site's admin API on that host's loopback.
 */
final class SiteProcess implements AutoCloseable {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    final String name;
    final Path home;
    private final Path passphrase;
    private final Path certificate;
    private Host host;
    private Process process;
    private Path log;
    private int runs;
    private String javaOptions = "";

    private SiteProcess(String name, Path home, Path passphrase, Path certificate) {
        this.name = name;
        this.home = home;
        this.passphrase = passphrase;
        this.certificate = certificate;
    }

    /**
     * Sets a site up in {@code dir/name} with the default settings but port mapping off (a test turns it on where
     * its namespace has a lab router: issue 15's TestRouterGuard refuses it anywhere else) and exports its certificate.
     */
    static SiteProcess init(Path dir, String name) throws Exception {
        Path passphrase = Files.writeString(dir.resolve(name + ".passphrase"), "correct horse " + name + "\n");
        Path home = dir.resolve(name);
        offline(dir, "init", "--home", home.toString(), "--site", name, "--passphrase-file", passphrase.toString(),
                "--port-mapping", "off");
        Path certificate = dir.resolve(name + ".pem");
        offline(dir, "cert", "export", "--out", certificate.toString(), "--home", home.toString());
        return new SiteProcess(name, home, passphrase, certificate);
    }

    /** Sets up the sites {@code names} in {@code dir} as {@link #init} does, all at once; in the order given. */
    static List<SiteProcess> initAll(Path dir, String... names) {
        List<java.util.concurrent.CompletableFuture<SiteProcess>> inits = Stream.of(names)
                .map(name -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return init(dir, name);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot set up " + name, e);
                    }
                })).toList();
        return inits.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    /** A copy of this stopped site's home in {@code dir}: each test starts from the same pristine sites. */
    SiteProcess copyTo(Path dir) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = copy.resolve(home.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to); else Files.copy(from, to);
            }
        }
        return new SiteProcess(name, copy, passphrase, certificate);
    }

    /** Imports {@code other}'s certificate (its fingerprint compared as read out) with its address, site stopped. */
    void add(SiteProcess other, String address) {
        String fingerprint = offline(home.getParent(), "cert", "fingerprint", "--home", other.home.toString()).trim();
        offline(home.getParent(), "site", "add", other.name, "--address", address, "--cert", other.certificate.toString(),
                "--fingerprint", fingerprint, "--home", home.toString(), "--passphrase-file", passphrase.toString());
    }

    /** Sets a key of {@code site.properties} (the site is stopped). */
    void set(String key, String value) throws IOException {
        Path file = home.resolve("site.properties");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith(key + "=")) lines.add(line);
        }
        lines.add(key + "=" + value);
        Files.write(file, lines);
    }

    /** JVM options for the site's next starts, after the launcher's and the test's own (the site is stopped). */
    void javaOptions(String options) {
        javaOptions = options;
    }

    /** Starts the site on {@code where} and waits until its admin API answers. */
    void startOn(Host where) throws IOException {
        host = where;
        log = home.resolveSibling(name + "-run" + (++runs) + ".log");
        ProcessBuilder run = where.command(ScriptProcess.SCRIPT.toString(), "run", "--home", home.toString(),
                "--passphrase-file", passphrase.toString());
        run.environment().put("SIPSOCIAL_JAVA_OPTS", ("-Dsipsocial.log.level=DEBUG " + javaOptions).trim());
        process = run.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            Awaitility.await("site " + name + " running on " + where).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !process.isAlive() || cli("status").exitCode() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("site " + name + " did not start:\n" + logTail(), e);
        }
        assertThat(process.isAlive()).as("site %s running; its log:\n%s", name, logTail()).isTrue();
    }

    /** Stops the site as SIGTERM does, and waits for it. */
    void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        process = null;
    }

    /** Adds a user with {@code password} through the running site's admin API, as the administrator would. */
    void addUser(String user, String password) throws IOException {
        Path file = Files.writeString(home.resolveSibling(name + "-" + user + ".pass"), password + "\n");
        Host.Result r = cli("user", "add", user, "--password-file", file.toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /** The host the site runs on. */
    Host host() {
        return host;
    }

    /** Runs {@code sipsocial ARGS --home HOME} on the site's host. */
    Host.Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of(ScriptProcess.SCRIPT.toString()));
        command.addAll(List.of(args));
        command.add("--home");
        command.add(home.toString());
        return host.run(COMMAND_LIMIT, command.toArray(String[]::new));
    }

    /**
     * The value of one metric of the running site (Prometheus text, e.g.
     * {@code sipsocial_media_packets_total{direction="to_phone"}}), read from its admin API on its host.
     */
    double metric(String nameAndLabels) {
        Host.Result r = host.run(COMMAND_LIMIT, "sh", "-c", "curl -sf -H \"Authorization: Bearer $(cat " + home.resolve("admin.token")
                + ")\" http://127.0.0.1:" + org.sipsocial.store.SiteSettings.DEFAULT_ADMIN_PORT + "/api/v1/metrics");
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " has no metric " + nameAndLabels + ": " + r.stdout());
    }

    void connect(SiteProcess other) {
        Host.Result r = cli("connect", other.name);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    void disconnect(SiteProcess other) {
        Host.Result r = cli("disconnect", other.name);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    /** All of {@code sipsocial status}: the site's lines (seen from, port mapping, NAT) and one per link. */
    String status() {
        Host.Result r = cli("status");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    /**
     * Waits until {@link #status()} has a line starting with {@code prefix} and returns that line; the failure shows
     * the last status, {@code more} (for example a router's log) and the site's log.
     */
    String awaitStatusLine(String prefix, Duration limit, java.util.function.Supplier<String> more) {
        String[] last = {""};
        try {
            Awaitility.await(name + " status line " + prefix).atMost(limit).pollInterval(Duration.ofSeconds(1))
                    .until(() -> (last[0] = status()).lines().anyMatch(line -> line.startsWith(prefix)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("last status:\n" + last[0] + "\n" + more.get() + "\n" + logTail(), e);
        }
        return last[0].lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The status line of the link with {@code other}, as {@code sipsocial status NAME} prints it. */
    String status(SiteProcess other) {
        Host.Result r = cli("status", other.name);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout().trim();
    }

    /** Waits until the status line with {@code other} matches; the failure shows the last line and the log. */
    String awaitStatus(SiteProcess other, Duration limit, String description, Predicate<String> wanted) {
        String[] last = {""};
        try {
            Awaitility.await(name + " status with " + other.name + ": " + description).atMost(limit)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> wanted.test(last[0] = status(other)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + ": wanted " + description + " within " + limit + ", last status: \""
                    + last[0] + "\"\n" + logTail() + "\n" + other.logTail(), e);
        }
        return last[0];
    }

    String awaitConnected(SiteProcess other, Duration limit) {
        return awaitStatus(other, limit, "connected", line -> line.contains(": connected since "));
    }

    /** The log of the site's last run: what it wrote to standard output and error. */
    Path log() {
        return log;
    }

    /** The last lines of this site's log and the TCP sockets of its host, for failure messages. */
    String logTail() {
        if (log == null || !Files.exists(log)) return "(" + name + " has no log)";
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String sockets = host == null ? "" : "\n--- TCP sockets on " + host + " ---\n"
                    + host.run(Duration.ofSeconds(10), "ss", "-tanoe").stdout();
            return "--- " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()))
                    + sockets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sipsocial ARGS} where no site runs (the store is opened directly), and requires success. */
    private static String offline(Path workDir, String... args) {
        try {
            ScriptProcess.Result r = ScriptProcess.run(workDir, args);
            if (r.exit() != 0) throw new AssertionError("sipsocial " + String.join(" ", args) + " failed:\n" + r.out() + r.err());
            return r.out();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
