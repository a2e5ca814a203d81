package org.sipsocial.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sipsocial.testkit.netlab.Nat;

/**
 * A home router's port mapping: Debian's miniupnpd 2.3.1 ({@code miniupnpd-iptables}) run in a lab NAT's namespace,
 * offering PCP and NAT-PMP (one switch, {@code enable_natpmp}) and UPnP IGD to its LAN, as the lab notes describe. Its rules go through the legacy iptables
 * interface, so its chains are made there ({@code iptables_init.sh} does not run on Debian), and the NAT's "drop what
 * is new from outside" rule for forwarded packets moves from the nft tables to the legacy ones, after the jump to
 * miniupnpd's chain: both sets of tables see every packet, and an nft drop would undo a legacy port forward.
 */
final class MiniUpnpd implements AutoCloseable {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);

    private final Nat nat;
    private final Path conf;
    private final Path dir;
    private Process process;
    private final Path log;

    private MiniUpnpd(Nat nat, Path conf, Path dir, Process process, Path log) {
        this.nat = nat;
        this.conf = conf;
        this.dir = dir;
        this.process = process;
        this.log = log;
    }

    /** Starts miniupnpd on {@code nat}, for its LAN, with its files in {@code dir}: PCP, NAT-PMP and UPnP IGD. */
    static MiniUpnpd start(Nat nat, Path dir) throws IOException {
        return start(nat, dir, true, true);
    }

    /**
     * Starts miniupnpd as {@link #start} does, but with the epoch of a router that reboots: the seconds since
     * miniupnpd started ({@code system_uptime=no}), not since the namespace's machine booted, so that
     * {@link #stopLosingItsMappings()} and {@link #startAgain()} reset it as a reboot resets a router's (RFC 6887 §8.5, RFC 6886 §3.6).
     */
    static MiniUpnpd startAsARouterThatReboots(Nat nat, Path dir) throws IOException {
        return start(nat, dir, true, false);
    }

    /**
     * Starts miniupnpd with UPnP IGD alone ({@code enable_natpmp=no}: in miniupnpd 2.3.1 that one switch turns off
     * PCP and NAT-PMP both; UDP 5351 then gets no answer at all, not even an ICMP error), as a router that speaks
     * only UPnP does.
     */
    static MiniUpnpd startUpnpOnly(Nat nat, Path dir) throws IOException {
        return start(nat, dir, false, true);
    }

    private static MiniUpnpd start(Nat nat, Path dir, boolean natPmp, boolean systemUptime) throws IOException {
        // The legacy chains miniupnpd writes to, jumped to from the built-in ones (lab notes).
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-N", "MINIUPNPD");
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-A", "PREROUTING", "-i", "wan", "-j", "MINIUPNPD");
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-N", "MINIUPNPD-POSTROUTING");
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MINIUPNPD-POSTROUTING");
        in(nat, "iptables-legacy", "-w", "-t", "filter", "-N", "MINIUPNPD");
        in(nat, "iptables-legacy", "-w", "-A", "FORWARD", "-i", "wan", "!", "-o", "wan", "-j", "MINIUPNPD");
        in(nat, "iptables-legacy", "-w", "-A", "FORWARD", "-i", "wan", "-m", "conntrack", "--ctstate", "NEW,INVALID", "-j", "DROP");
        in(nat, "iptables", "-w", "-D", "FORWARD", "-i", "wan", "-m", "conntrack", "--ctstate", "NEW,INVALID", "-j", "DROP");
        Path conf = Files.writeString(dir.resolve("miniupnpd.conf"), String.join("\n",
                "ext_ifname=wan",
                "listening_ip=lan",
                "port=0",
                natPmp ? "enable_natpmp=yes" : "enable_natpmp=no",
                "enable_upnp=yes",
                "secure_mode=yes",
                systemUptime ? "system_uptime=yes" : "system_uptime=no",
                "uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b",
                "allow 1024-65535 " + nat.lanSubnet() + " 1024-65535",
                "deny 0-65535 0.0.0.0/0 0-65535",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("miniupnpd.log");
        return new MiniUpnpd(nat, conf, dir, launch(nat, conf, dir, log), log);
    }

    private static Process launch(Nat nat, Path conf, Path dir, Path log) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", nat.namespace(), "miniupnpd", "-f", conf.toString(), "-d",
                "-P", dir.resolve("miniupnpd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * The first half of a router's reboot: miniupnpd stops and its port forwards go (the chains flushed, as a reboot
     * empties them). {@link #startAgain()} is the second.
     */
    void stopLosingItsMappings() throws InterruptedException {
        close();
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-F", "MINIUPNPD");
        in(nat, "iptables-legacy", "-w", "-t", "nat", "-F", "MINIUPNPD-POSTROUTING");
        in(nat, "iptables-legacy", "-w", "-t", "filter", "-F", "MINIUPNPD");
    }

    /** Starts miniupnpd again, with nothing mapped; its log goes on in the same file. */
    void startAgain() throws IOException {
        Files.writeString(log, "--- started again ---\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        process = launch(nat, conf, dir, log);
    }

    /** miniupnpd's port forwards now, one rule a line ({@code iptables-legacy -t nat -S MINIUPNPD}). */
    List<String> forwards() {
        List<String> rules = new ArrayList<>();
        for (String line : in(nat, "iptables-legacy", "-w", "-t", "nat", "-S", "MINIUPNPD").split("\n")) {
            if (line.startsWith("-A MINIUPNPD")) rules.add(line);
        }
        return rules;
    }

    /** What miniupnpd wrote, for failure messages. */
    String log() {
        try {
            return "--- " + log + " (alive: " + process.isAlive() + ") ---\n" + Files.readString(log);
        } catch (IOException e) {
            return "(no miniupnpd log: " + e + ")";
        }
    }

    private static String in(Nat nat, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", nat.namespace()));
        full.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
