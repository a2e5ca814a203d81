package org.sipsocial.testkit.netlab;

import java.util.Arrays;
import java.util.List;

/**
 * A home router: a namespace whose {@code wan} interface is on a {@link Network} and whose bridge {@code lan} is
 * the switch of a LAN of its own (it takes the LAN's first address; hosts behind it get the next ones). It
 * forwards, MASQUERADEs what leaves by {@code wan} (keeping the source port when it is free, as Linux does, or
 * choosing a random one for every connection: {@link Ports}), has no port forwarding, and silently drops every packet arriving on {@code wan} that conntrack sees as NEW or
 * INVALID, both for itself (INPUT) and for the LAN (FORWARD): it never answers the unsolicited with a RST.
 */
public final class Nat {
    static final String WAN = "wan";
    static final String LAN = "lan";

    /** How the router chooses the public port of a connection from its LAN. */
    public enum Ports {
        /**
         * Keeps the connection's own source port when no other connection holds it on the WAN address (Linux
         * MASQUERADE's default, and what most home routers do): a site dialling from its link port is seen there.
         */
        KEPT_WHEN_FREE,
        /**
         * A fresh random port for every connection ({@code MASQUERADE --random-fully}): endpoint-dependent mapping
         * (RFC 4787 §4.1), the "symmetric" NAT of carrier-grade NATs and many enterprise firewalls.
         */
        RANDOM
    }

    private final Commands commands;
    private final String name;
    private final String namespace;
    private final Network wan;
    private final String wanAddress;
    private final Ipv4Subnet lan;
    private final Ports ports;
    private int lanHosts;

    Nat(Commands commands, String name, String namespace, Network wan, String wanAddress, Ipv4Subnet lan, Ports ports) {
        this.commands = commands;
        this.name = name;
        this.namespace = namespace;
        this.wan = wan;
        this.wanAddress = wanAddress;
        this.lan = lan;
        this.ports = ports;
    }

    /** How it chooses the public port of a connection from its LAN. */
    public Ports ports() {
        return ports;
    }

    public String name() {
        return name;
    }

    /** The namespace, for {@code ip netns exec}. */
    public String namespace() {
        return namespace;
    }

    /** The network its WAN side is on. */
    public Network wan() {
        return wan;
    }

    public String wanAddress() {
        return wanAddress;
    }

    /** Its own address on its LAN, the default gateway of the hosts behind it. */
    public String lanAddress() {
        return lan.address(1);
    }

    /** Its LAN's subnet, e.g. {@code 10.2.0.0/24}. */
    public String lanSubnet() {
        return lan.toString();
    }

    /** Its conntrack table ({@code conntrack -L}), one entry a line: the NAT mappings and firewall states it keeps. */
    public List<String> trackedConnections() {
        return Arrays.stream(commands.in(namespace, "conntrack", "-L").split("\n")).filter(line -> !line.isBlank()).toList();
    }

    /**
     * From now on the router drops every UDP datagram between its LAN and the WAN, both ways (a firewall that lets
     * only TCP through); TCP connections are untouched.
     */
    public void blockUdp() {
        for (String direction : List.of("-i", "-o")) {
            commands.in(namespace, "iptables", "-w", "-I", "FORWARD", direction, WAN, "-p", "udp", "-j", "DROP");
        }
    }

    /** Ends {@link #blockUdp()}. */
    public void allowUdp() {
        for (String direction : List.of("-i", "-o")) {
            commands.in(namespace, "iptables", "-w", "-D", "FORWARD", direction, WAN, "-p", "udp", "-j", "DROP");
        }
    }

    Ipv4Subnet ipv4Lan() {
        return lan;
    }

    /** The address for the next host behind it. */
    String nextLanAddress() {
        return lan.address(2 + lanHosts++);
    }

    void forgetConnections() {
        commands.in(namespace, "conntrack", "-F");
    }

    @Override
    public String toString() {
        return name + " " + wanAddress + " on " + wan.name() + ", LAN " + lan + ", ports " + ports + " (" + namespace + ")";
    }
}
