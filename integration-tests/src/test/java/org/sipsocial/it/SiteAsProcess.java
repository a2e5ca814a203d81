package org.sipsocial.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sipsocial.testkit.FreePorts;

/**
 * A site run as an administrator runs it: {@code sipsocial init}, {@code user add} and {@code run} through the
 * launcher script at the repository root (so with the launcher's JVM options), as its own process, bound to one
 * loopback address on free ports. Needs the jar that {@code package} builds ({@code server/target/sipsocial.jar}).
 */
final class SiteAsProcess implements AutoCloseable {
    static final Path SCRIPT = Path.of(System.getProperty("sipsocial.script", "../sipsocial")).toAbsolutePath();
    static final Path JAR = SCRIPT.getParent().resolve("server/target/sipsocial.jar");

    private final Path home;
    private final Path passphrase;
    private final Path log;
    private final String bindAddress;
    private final int sipPort;
    private final int adminPort;
    private Process process;

    private SiteAsProcess(Path home, Path passphrase, Path log, String bindAddress, int sipPort, int adminPort) {
        this.home = home;
        this.passphrase = passphrase;
        this.log = log;
        this.bindAddress = bindAddress;
        this.sipPort = sipPort;
        this.adminPort = adminPort;
    }

    /** Sets up {@code site} in {@code dir} bound to {@code bindAddress}, with these users (name, password, ...). */
    static SiteAsProcess init(Path dir, String site, String bindAddress, String... usersAndPasswords) throws Exception {
        Path passphrase = Files.writeString(dir.resolve(site + ".passphrase"), "correct horse " + site + "\n");
        Path home = dir.resolve(site);
        int sip = FreePorts.tcpAndUdp();
        int admin = FreePorts.tcpAndUdp();
        script(dir, "init", "--home", home.toString(), "--site", site, "--passphrase-file", passphrase.toString(),
                "--bind", bindAddress, "--sip-port", Integer.toString(sip), "--sips-port", Integer.toString(FreePorts.tcpAndUdp()),
                "--link-port", Integer.toString(FreePorts.tcpAndUdp()), "--admin-port", Integer.toString(admin),
                "--port-mapping", "off");
        for (int i = 0; i + 1 < usersAndPasswords.length; i += 2) {
            Path password = Files.writeString(dir.resolve(usersAndPasswords[i] + ".password"), usersAndPasswords[i + 1] + "\n");
            script(dir, "user", "add", usersAndPasswords[i], "--password-file", password.toString(), "--home", home.toString(),
                    "--passphrase-file", passphrase.toString());
        }
        return new SiteAsProcess(home, passphrase, dir.resolve(site + ".log"), bindAddress, sip, admin);
    }

    /** Starts the site and waits until its admin API answers. */
    void start() throws Exception {
        process = new ProcessBuilder(SCRIPT.toString(), "run", "--home", home.toString(), "--passphrase-file",
                passphrase.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) throw new AssertionError("the site exited at start:\n" + log());
            try {
                metrics();
                return;
            } catch (IOException | IllegalStateException notYet) {
                if (System.nanoTime() > deadline) throw new AssertionError("the site did not start in 60 s:\n" + log());
                Thread.sleep(250);
            }
        }
    }

    Path home() {
        return home;
    }

    Path passphraseFile() {
        return passphrase;
    }

    /** Adds {@code line} (a {@code key=value} setting) to the site's site.properties, for the next start. */
    void setting(String line) throws IOException {
        Files.writeString(home.resolve("site.properties"), "\n" + line + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    /** Adds a user through the running site's admin API (one HTTP call, no JVM), as the console does. */
    void addUserOverApi(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/api/v1/users"))
                .header("Authorization", "Bearer " + Files.readString(home.resolve("admin.token")).trim())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IllegalStateException("adding " + name + " answered " + response.statusCode());
    }

    /** Kills the site's JVM with SIGKILL (no shutdown hook runs) and waits for it to be gone. */
    void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("the site outlived SIGKILL");
        process = null;
    }

    /** Runs {@code sipsocial ARGS} to its end: its exit code and what it printed. */
    static CommandResult command(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "script", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sipsocial " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new CommandResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    record CommandResult(int exitCode, String output) {
    }

    InetSocketAddress sip() {
        return new InetSocketAddress(bindAddress, sipPort);
    }

    /** The process id of the site's JVM (the launcher script execs Java). */
    long pid() {
        return process.pid();
    }

    /** The resident memory of the site's JVM now, in kB (VmRSS of /proc), or 0 when gone. */
    long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }

    /** The site's Prometheus metrics, read from its admin API with the token in its home. */
    String metrics() throws IOException, InterruptedException {
        Path tokenFile = home.resolve("admin.token");
        if (!Files.exists(tokenFile)) throw new IllegalStateException("no admin token yet");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/api/v1/metrics"))
                .header("Authorization", "Bearer " + Files.readString(tokenFile).trim()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("metrics answered " + response.statusCode());
        return response.body();
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labelPart} (Prometheus text). */
    static double sum(String metrics, String name, String labelPart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (labelPart.isEmpty() || (m.group(1) != null && m.group(1).contains(labelPart))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** {@code sipsocial status} of the running site. */
    String status() throws Exception {
        return script(home.getParent(), "status", "--home", home.toString());
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** Stops the site as SIGTERM does and returns how long it took to exit (at most 20 s are waited for). */
    Duration stop() throws InterruptedException {
        long started = System.nanoTime();
        close();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        process = null;
    }

    static String script(Path dir, String... args) throws Exception {
        CommandResult result = command(dir, args);
        if (result.exitCode() != 0) throw new AssertionError("sipsocial " + String.join(" ", args) + " failed:\n" + result.output());
        return result.output();
    }
}
