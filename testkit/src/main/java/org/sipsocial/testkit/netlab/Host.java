package org.sipsocial.testkit.netlab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A machine: a namespace with {@code lo} up and one interface, {@code eth0}, either on a {@link Network} or on a
 * {@link Nat}'s LAN with its default route through that NAT. Programs run in it with {@link #command} or
 * {@link #run}; the lab kills whatever still runs in it when it closes.
 */
public final class Host {
    /** What a finished command did. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** What to print when a test fails: exit code and both outputs. */
        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }

    private final Commands commands;
    private final String name;
    private final String namespace;
    private final String address;
    private final Nat nat;

    Host(Commands commands, String name, String namespace, String address, Nat nat) {
        this.commands = commands;
        this.name = name;
        this.namespace = namespace;
        this.address = address;
        this.nat = nat;
    }

    public String name() {
        return name;
    }

    /** The namespace, for {@code ip netns exec}. */
    public String namespace() {
        return namespace;
    }

    /** Its own address on {@code eth0}. */
    public String address() {
        return address;
    }

    /** The address others on the network see it from: its own, or its NAT's WAN address if it is behind one. */
    public String publicAddress() {
        return nat == null ? address : nat.wanAddress();
    }

    /** The NAT it is behind, if any. */
    public Optional<Nat> nat() {
        return Optional.ofNullable(nat);
    }

    /** A process builder for {@code command} run in this host: {@code ip netns exec <namespace> command...}. */
    public ProcessBuilder command(String... command) {
        return new ProcessBuilder(commands.inNamespace(namespace, List.of(command)));
    }

    /**
     * Runs {@code command} in this host to its end, whatever its exit code; throws if it is still running after
     * {@code limit}.
     */
    public Result run(Duration limit, String... command) {
        return commands.run(limit, commands.inNamespace(namespace, List.of(command)));
    }

    @Override
    public String toString() {
        return name + " " + address + (nat == null ? "" : " behind " + nat.name()) + " (" + namespace + ")";
    }
}
