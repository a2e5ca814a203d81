package org.sipsocial.testkit.netlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sipsocial.testkit.ExternalTool;

/**
 * Small networks built of Linux network namespaces, so that a test can run processes as if on separate machines:
 * switches ({@link Network}), hosts on them ({@link Host}), and home routers ({@link Nat}) with hosts behind them.
 * Everything is made with {@code ip}, {@code iptables}, {@code conntrack} and {@code sysctl}; it needs root, and a
 * missing program fails with the Debian package to install. The namespaces are IPv4 only.
 *
 * <p>Naming: every namespace of a lab is {@code sslab-<pid>-<4 hex digits>-<node name>}, the pid being that of the
 * JVM that made it ({@link #id()} is the part before the node name). No interface of a lab ever lives in the root
 * namespace: each veth is created with its two ends already in lab namespaces, named {@code eth0}, {@code wan} or
 * {@code to-<node name>} there, so deleting the namespaces deletes them, and the 15-character limit on interface
 * names only limits node names to 12 characters.
 *
 * <p>Cleanup: {@link #close()} kills every process still running in the lab's namespaces and deletes them; it is
 * also a shutdown hook. A JVM killed before its hooks ran leaves namespaces behind: {@link #create()} deletes
 * those named by the scheme above whose JVM is gone, and nothing else.
 */
public final class NetworkLab implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetworkLab.class.getName());
    private static final String PREFIX = "sslab-";
    private static final Pattern LAB_NAMESPACE = Pattern.compile("(" + PREFIX + "(\\d+)-[0-9a-f]{4})-[a-z][a-z0-9-]*");
    private static final Pattern NODE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,11}");
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    private final String id;
    private final Commands commands;
    private final Thread shutdownHook;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final List<Nat> nats = new ArrayList<>();
    private boolean closed;

    private NetworkLab(String id, Commands commands) {
        this.id = id;
        this.commands = commands;
        this.shutdownHook = new Thread(this::closeAtShutdown, id + "-cleanup");
    }

    /** An empty lab with a name of its own, after deleting what dead JVMs' labs left behind. */
    public static NetworkLab create() {
        Commands commands = new Commands(ExternalTool.require("ip", "iproute2"));
        ExternalTool.require("iptables", "iptables");
        ExternalTool.require("conntrack", "conntrack");
        ExternalTool.require("sysctl", "procps");
        String id;
        synchronized (OPEN) {
            removeLeftovers(commands);
            do {
                id = PREFIX + ProcessHandle.current().pid() + "-"
                        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
            } while (!OPEN.add(id));
        }
        NetworkLab lab = new NetworkLab(id, commands);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        return lab;
    }

    /** The prefix of this lab's namespace names, {@code sslab-<pid>-<4 hex digits>}. */
    public String id() {
        return id;
    }

    /** The namespaces made so far, in order. */
    public synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** A switch for the subnet {@code cidr}, e.g. {@code lab.network("inet", "203.0.113.0/24")}. */
    public synchronized Network network(String name, String cidr) {
        Ipv4Subnet subnet = Ipv4Subnet.parse(cidr);
        String namespace = addNamespace(name);
        commands.ip("-n", namespace, "link", "add", Network.BRIDGE, "type", "bridge", "mcast_snooping", "0");
        commands.ip("-n", namespace, "link", "set", Network.BRIDGE, "up");
        Network network = new Network(name, namespace, subnet);
        networks.add(network);
        return network;
    }

    /** A host plugged into {@code network} at {@code address}; it reaches every other address on that network. */
    public synchronized Host host(String name, Network network, String address) {
        requireOwn(network);
        String namespace = addNamespace(name);
        plugIn(network, name, namespace, "eth0", address);
        return new Host(commands, name, namespace, address, null);
    }

    /**
     * A home router whose WAN side is on {@code wan} at {@code wanAddress}, with a LAN {@code lanCidr} of its own
     * whose first address it takes; see {@link Nat}.
     */
    public synchronized Nat nat(String name, Network wan, String wanAddress, String lanCidr) {
        return nat(name, wan, wanAddress, lanCidr, Nat.Ports.KEPT_WHEN_FREE);
    }

    /**
     * A home router as {@link #nat(String, Network, String, String)} makes, whose outbound mappings choose their
     * ports as {@code ports} says: {@link Nat.Ports#RANDOM} is a NAT that changes ports (a fresh random one for every
     * connection, as carrier-grade NATs and many enterprise firewalls do).
     */
    public synchronized Nat nat(String name, Network wan, String wanAddress, String lanCidr, Nat.Ports ports) {
        requireOwn(wan);
        Ipv4Subnet lan = Ipv4Subnet.parse(lanCidr);
        String namespace = addNamespace(name);
        plugIn(wan, name, namespace, Nat.WAN, wanAddress);
        commands.ip("-n", namespace, "link", "add", Nat.LAN, "type", "bridge", "mcast_snooping", "0");
        commands.ip("-n", namespace, "address", "add", lan.withPrefix(lan.address(1)), "dev", Nat.LAN);
        commands.ip("-n", namespace, "link", "set", Nat.LAN, "up");
        commands.in(namespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        List<String> masquerade = new ArrayList<>(List.of("iptables", "-w", "-t", "nat", "-A", "POSTROUTING",
                "-o", Nat.WAN, "-j", "MASQUERADE"));
        if (ports == Nat.Ports.RANDOM) {
            masquerade.add("--random-fully");
        }
        commands.in(namespace, masquerade.toArray(String[]::new));
        for (String chain : List.of("INPUT", "FORWARD")) {
            commands.in(namespace, "iptables", "-w", "-A", chain, "-i", Nat.WAN,
                    "-m", "conntrack", "--ctstate", "NEW,INVALID", "-j", "DROP");
        }
        Nat nat = new Nat(commands, name, namespace, wan, wanAddress, lan, ports);
        nats.add(nat);
        return nat;
    }

    /** A host on {@code nat}'s LAN at its next free address, its default route through the NAT. */
    public synchronized Host hostBehind(String name, Nat nat) {
        if (!nats.contains(nat)) {
            throw new IllegalArgumentException(nat + " is not in lab " + id);
        }
        String namespace = addNamespace(name);
        String address = nat.nextLanAddress();
        String port = "to-" + name;
        commands.ip("link", "add", port, "netns", nat.namespace(), "type", "veth", "peer", "name", "eth0", "netns", namespace);
        commands.ip("-n", nat.namespace(), "link", "set", port, "master", Nat.LAN, "up");
        commands.ip("-n", namespace, "address", "add", nat.ipv4Lan().withPrefix(address), "dev", "eth0");
        commands.ip("-n", namespace, "link", "set", "eth0", "up");
        commands.ip("-n", namespace, "route", "add", "default", "via", nat.lanAddress());
        return new Host(commands, name, namespace, address, nat);
    }

    /**
     * An outage of {@code network}: every port of its switch goes down, then every NAT whose WAN side is on it
     * forgets its connections (its conntrack table is flushed), as a router does when its line drops.
     */
    public synchronized void cut(Network network) {
        requireOwn(network);
        for (String port : network.ports()) {
            commands.ip("-n", network.namespace(), "link", "set", port, "down");
        }
        for (Nat nat : nats) {
            if (nat.wan() == network) {
                nat.forgetConnections();
            }
        }
    }

    /** Ends an outage of {@code network}: every port of its switch comes up again. */
    public synchronized void restore(Network network) {
        requireOwn(network);
        for (String port : network.ports()) {
            commands.ip("-n", network.namespace(), "link", "set", port, "up");
        }
    }

    /**
     * Kills every process still running in the lab's namespaces and deletes them, and with them every veth of the
     * lab. Does nothing the second time.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                LOG.log(System.Logger.Level.DEBUG, "JVM shutting down: lab " + id + " closes now");
            }
        }
        List<RuntimeException> failures = new ArrayList<>();
        List<String> newestFirst = new ArrayList<>(namespaces);
        Collections.reverse(newestFirst);
        for (String namespace : newestFirst) {
            try {
                remove(commands, namespace);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        OPEN.remove(id);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("lab " + id + " not wholly removed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void closeAtShutdown() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove lab " + id + " at shutdown", e);
        }
    }

    private String addNamespace(String name) {
        if (closed) {
            throw new IllegalStateException("lab " + id + " is closed");
        }
        if (!NODE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a node name is 1 to 12 lower-case letters, digits and '-', starting "
                    + "with a letter (it names interfaces, at most 15 characters): " + name);
        }
        String namespace = id + "-" + name;
        if (namespaces.contains(namespace)) {
            throw new IllegalArgumentException("lab " + id + " already has a " + name);
        }
        commands.ip("netns", "add", namespace);
        namespaces.add(namespace);
        if (Files.isDirectory(Path.of("/proc/sys/net/ipv6"))) {
            commands.in(namespace, "sysctl", "-q", "-w",
                    "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        commands.ip("-n", namespace, "link", "set", "lo", "up");
        return namespace;
    }

    private void plugIn(Network network, String node, String namespace, String interfaceName, String address) {
        network.claim(address);
        String port = "to-" + node;
        commands.ip("link", "add", port, "netns", network.namespace(), "type", "veth",
                "peer", "name", interfaceName, "netns", namespace);
        commands.ip("-n", network.namespace(), "link", "set", port, "master", Network.BRIDGE, "up");
        network.addPort(port);
        commands.ip("-n", namespace, "address", "add", network.ipv4Subnet().withPrefix(address), "dev", interfaceName);
        commands.ip("-n", namespace, "link", "set", interfaceName, "up");
    }

    private void requireOwn(Network network) {
        if (!networks.contains(network)) {
            throw new IllegalArgumentException(network + " is not in lab " + id);
        }
    }

    private static void removeLeftovers(Commands commands) {
        long self = ProcessHandle.current().pid();
        for (String line : commands.ip("netns", "list").split("\n")) {
            String namespace = line.trim().split("\\s+")[0];
            Matcher match = LAB_NAMESPACE.matcher(namespace);
            if (!match.matches()) {
                continue;
            }
            long owner = Long.parseLong(match.group(2));
            boolean ownerGone = owner == self ? !OPEN.contains(match.group(1)) : ProcessHandle.of(owner).isEmpty();
            if (ownerGone) {
                LOG.log(System.Logger.Level.INFO, "removing " + namespace + ", left behind by a lab whose JVM is gone");
                remove(commands, namespace);
            }
        }
    }

    private static void remove(Commands commands, String namespace) {
        killProcessesIn(commands, namespace);
        commands.ip("netns", "delete", namespace);
    }

    private static void killProcessesIn(Commands commands, String namespace) {
        long deadline = System.nanoTime() + KILL_LIMIT.toNanos();
        while (true) {
            List<ProcessHandle> running = commands.ip("netns", "pids", namespace).lines()
                    .map(String::trim).filter(pid -> !pid.isEmpty())
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(Optional::stream).toList();
            if (running.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processes " + running.stream().map(ProcessHandle::pid).toList()
                        + " still run in " + namespace + " after " + KILL_LIMIT);
            }
            running.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing the processes in " + namespace, e);
            }
        }
    }

    @Override
    public String toString() {
        return "network lab " + id;
    }
}
