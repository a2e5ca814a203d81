package org.sipsocial.testkit.netlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds real labs (needs root, iproute2, iptables, conntrack, procps) and checks what crosses them with
 * {@link TcpProbe} run inside the hosts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkLabTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final int LISTEN_PORT = 5060;

    @Test
    void two_hosts_on_one_network_reach_each_other_over_tcp() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Host b = lab.host("b", internet, "203.0.113.20");
            listen(a);
            listen(b);

            Host.Result aToB = connect(a, b.address(), 5070, 3000);
            Host.Result bToA = connect(b, a.address(), 5070, 3000);

            assertThat(aToB.stdout()).as(aToB.describe()).contains("seen-from 203.0.113.10:5070");
            assertThat(bToA.stdout()).as(bToA.describe()).contains("seen-from 203.0.113.20:5070");
            assertThat(b.publicAddress()).isEqualTo(b.address()).isEqualTo("203.0.113.20");
        }
    }

    @Test
    void a_host_behind_a_nat_reaches_a_public_host_from_the_nat_wan_address_and_the_port_it_bound() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Nat natB = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24");
            Host b = lab.hostBehind("b", natB);
            Listener listener = listen(a);

            Host.Result result = connect(b, a.address(), 5070, 3000);

            assertThat(b.address()).isEqualTo("10.2.0.2");
            assertThat(b.publicAddress()).isEqualTo("203.0.113.2");
            assertThat(natB.lanAddress()).isEqualTo("10.2.0.1");
            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).contains("seen-from 203.0.113.2:5070");
            assertThat(listener.awaitLine()).isEqualTo("accepted 203.0.113.2:5070");
        }
    }

    @Test
    void a_nat_with_random_ports_gives_each_connection_a_port_of_its_own_whatever_port_the_host_bound() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Nat natB = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24", Nat.Ports.RANDOM);
            Host b = lab.hostBehind("b", natB);
            listen(a);

            List<String> seen = new ArrayList<>();
            for (int localPort : List.of(5070, 5071, 5072)) {
                Host.Result result = connect(b, a.address(), localPort, 3000);
                assertThat(result.exitCode()).as(result.describe()).isZero();
                seen.add(result.stdout().replaceAll("(?s).*seen-from (\\S+).*", "$1").trim());
            }

            assertThat(natB.ports()).isEqualTo(Nat.Ports.RANDOM);
            assertThat(seen).allSatisfy(address -> assertThat(address).startsWith("203.0.113.2:"));
            // A port-preserving NAT shows all three as bound; a random one keeps a port by chance, 1 in ~64,000.
            assertThat(seen).as("at most one connection kept its own port")
                    .filteredOn(address -> List.of("203.0.113.2:5070", "203.0.113.2:5071", "203.0.113.2:5072")
                            .contains(address)).hasSizeLessThanOrEqualTo(1);
            assertThat(seen).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_public_host_gets_no_answer_at_all_from_a_nat_not_even_a_refusal() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Host c = lab.host("c", internet, "203.0.113.30");
            Nat natB = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24");
            Host b = lab.hostBehind("b", natB);
            listen(b);
            Host.Result routed = a.run(RUN_LIMIT, "ip", "route", "add", natB.lanSubnet(), "via", natB.wanAddress());
            assertThat(routed.exitCode()).as(routed.describe()).isZero();

            Host.Result closedPublicPort = connect(a, c.address(), 9, 0, 1500);
            Host.Result natListenedPort = connect(a, natB.wanAddress(), LISTEN_PORT, 0, 1500);
            Host.Result natClosedPort = connect(a, natB.wanAddress(), 9, 0, 1500);
            Host.Result routedIntoTheLan = connect(a, b.address(), LISTEN_PORT, 0, 1500);

            assertThat(closedPublicPort.stdout()).as("contrast: no firewall answers with a RST").contains("refused");
            assertThat(List.of(natListenedPort, natClosedPort, routedIntoTheLan))
                    .allSatisfy(result -> assertThat(result.exitCode()).as(result.describe()).isEqualTo(2));
        }
    }

    @Test
    void two_hosts_behind_their_own_nats_open_a_tcp_connection_by_both_connecting_to_each_other_at_once() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Nat natA = lab.nat("nata", internet, "203.0.113.1", "10.1.0.0/24");
            Nat natB = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24");
            Host a = lab.hostBehind("a", natA);
            Host b = lab.hostBehind("b", natB);

            CompletableFuture<Host.Result> fromB = inBackground(() -> punch(b, a.publicAddress()));
            Host.Result fromA = punch(a, b.publicAddress());

            assertThat(fromA.stdout()).as(fromA.describe())
                    .contains("punched", "remote 203.0.113.2:5070", "hello from 10.2.0.2:5070");
            assertThat(fromB.join().stdout()).as(fromB.join().describe())
                    .contains("punched", "remote 203.0.113.1:5070", "hello from 10.1.0.2:5070");
        }
    }

    @Test
    void a_capture_on_a_host_holds_a_connection_from_its_first_byte_and_finds_what_crossed_in_the_clear(@TempDir Path dir) {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Host b = lab.host("b", internet, "203.0.113.20");
            listen(a);
            CapturedPackets captured;
            try (PacketCapture capture = PacketCapture.of(a, "eth0", dir.resolve("a.pcap"))) {
                Host.Result result = connect(b, a.address(), 5070, 3000);
                assertThat(result.exitCode()).as(result.describe()).isZero();
                capture.stop();
                captured = CapturedPackets.read(capture.file());
            }

            String said = "seen-from 203.0.113.20:5070\n";
            assertThat(captured.tcpConnectionsFromTheirStart()).as("the connection, both ways").hasSize(2)
                    .anySatisfy(d -> {
                        assertThat(d.source() + ":" + d.sourcePort()).isEqualTo("203.0.113.10:" + LISTEN_PORT);
                        assertThat(d.destination() + ":" + d.destinationPort()).isEqualTo("203.0.113.20:5070");
                        assertThat(new String(d.bytes(), StandardCharsets.US_ASCII)).isEqualTo(said);
                    });
            assertThat(captured.payloadBytesBetween("tcp", a.address(), b.address())).isEqualTo(said.length());
            assertThat(captured.placesHolding("seen-from 203.0.113.20")).hasSize(2);
            assertThat(captured.placesHolding("INVITE sip:")).isEmpty();
        }
    }

    @Test
    void cutting_a_network_fails_connections_and_empties_the_nat_tables_until_it_is_restored() {
        try (NetworkLab lab = NetworkLab.create()) {
            Network internet = lab.network("inet", "203.0.113.0/24");
            Host a = lab.host("a", internet, "203.0.113.10");
            Nat natB = lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24");
            Host b = lab.hostBehind("b", natB);
            listen(a);
            Host.Result before = connect(b, a.address(), 5070, 3000);
            assertThat(before.exitCode()).as(before.describe()).isZero();
            assertThat(natB.trackedConnections()).isNotEmpty();

            lab.cut(internet);
            List<String> tableAfterCut = natB.trackedConnections();
            Host.Result during = connect(b, a.address(), 5071, 1500);
            lab.restore(internet);
            Host.Result after = connect(b, a.address(), 5072, 3000);

            assertThat(tableAfterCut).isEmpty();
            assertThat(during.exitCode()).as(during.describe()).isNotZero();
            assertThat(after.stdout()).as(after.describe()).contains("seen-from 203.0.113.2:5072");
        }
    }

    @Test
    void closing_a_lab_kills_its_processes_and_leaves_no_namespace_or_veth_behind_even_when_closed_twice() throws Exception {
        List<String> vethsBefore = rootVeths();
        NetworkLab lab = NetworkLab.create();
        Network internet = lab.network("inet", "203.0.113.0/24");
        lab.host("a", internet, "203.0.113.10");
        Host b = lab.hostBehind("b", lab.nat("natb", internet, "203.0.113.2", "10.2.0.0/24"));
        Process sleeper = b.command("sleep", "600").start();
        assertThat(namespaceList()).contains(lab.id() + "-inet", lab.id() + "-a", lab.id() + "-natb", lab.id() + "-b");
        assertThat(rootVeths()).isEqualTo(vethsBefore);

        lab.close();
        lab.close();

        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(namespaceList()).doesNotContain(lab.id());
        assertThat(rootVeths()).isEqualTo(vethsBefore);
    }

    @Test
    void creating_a_lab_removes_namespaces_left_by_a_dead_jvm_and_keeps_those_of_live_labs() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String leftover = "sslab-" + gone.pid() + "-beef-inet";
        assertThat(ProcessHandle.of(gone.pid())).isEmpty();
        root("ip", "netns", "add", leftover);
        try (NetworkLab live = NetworkLab.create()) {
            live.network("inet", "203.0.113.0/24");
            try (NetworkLab next = NetworkLab.create()) {
                assertThat(namespaceList()).doesNotContain(leftover).contains(live.id() + "-inet");
                assertThat(next.id()).isNotEqualTo(live.id()).startsWith("sslab-" + ProcessHandle.current().pid() + "-");
            }
        } finally {
            if (namespaceList().contains(leftover)) {
                root("ip", "netns", "delete", leftover);
            }
        }
    }

    private static Listener listen(Host host) {
        Listener listener = new Listener(host.command(probe("listen", Integer.toString(LISTEN_PORT))));
        assertThat(listener.awaitLine()).isEqualTo("listening on " + LISTEN_PORT);
        return listener;
    }

    private static Host.Result connect(Host host, String address, int localPort, int timeoutMillis) {
        return connect(host, address, LISTEN_PORT, localPort, timeoutMillis);
    }

    private static Host.Result connect(Host host, String address, int port, int localPort, int timeoutMillis) {
        return host.run(RUN_LIMIT, probe("connect", address, Integer.toString(port), Integer.toString(localPort),
                Integer.toString(timeoutMillis)));
    }

    private static Host.Result punch(Host host, String peerAddress) {
        return host.run(RUN_LIMIT, probe("punch", "5070", peerAddress, "5070", "8"));
    }

    private static String[] probe(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", testClasses(), TcpProbe.class.getName()));
        command.addAll(List.of(arguments));
        return command.toArray(String[]::new);
    }

    private static String testClasses() {
        try {
            return Path.of(TcpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> CompletableFuture<T> inBackground(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> new Thread(task, "netlab-test-background").start());
    }

    private static List<String> namespaceList() throws IOException, InterruptedException {
        return root("ip", "netns", "list").lines().map(line -> line.split("\\s+")[0]).toList();
    }

    private static List<String> rootVeths() throws IOException, InterruptedException {
        return root("ip", "-o", "link", "show", "type", "veth").lines().sorted().toList();
    }

    private static String root(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    /** A {@code TcpProbe listen} running in a host, its output lines read as they come. */
    private static final class Listener {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Listener(ProcessBuilder command) {
            try {
                Process process = command.redirectErrorStream(true).start();
                Thread reader = new Thread(() -> {
                    try (BufferedReader output = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        output.lines().forEach(lines::add);
                    } catch (IOException | UncheckedIOException ended) {
                        lines.add("output ended: " + ended);
                    }
                }, "netlab-test-listener");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String awaitLine() {
            try {
                String line = lines.poll(10, TimeUnit.SECONDS);
                assertThat(line).as("a line from the listener within 10 s").isNotNull();
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
