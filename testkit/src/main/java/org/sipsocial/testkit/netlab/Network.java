package org.sipsocial.testkit.netlab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A switch: a namespace holding a Linux bridge, {@value #BRIDGE}, whose ports ({@code to-<node>}) are veths to the
 * hosts and NAT routers plugged into it. It has no address of its own; the nodes on it share its subnet.
 */
public final class Network {
    static final String BRIDGE = "switch";

    private final String name;
    private final String namespace;
    private final Ipv4Subnet subnet;
    private final List<String> ports = new ArrayList<>();
    private final Set<String> addresses = new HashSet<>();

    Network(String name, String namespace, Ipv4Subnet subnet) {
        this.name = name;
        this.namespace = namespace;
        this.subnet = subnet;
    }

    public String name() {
        return name;
    }

    /** The namespace holding the bridge. */
    public String namespace() {
        return namespace;
    }

    /** The subnet, e.g. {@code 203.0.113.0/24}. */
    public String subnet() {
        return subnet.toString();
    }

    Ipv4Subnet ipv4Subnet() {
        return subnet;
    }

    /** Takes {@code address} for a new node, or throws if it is not a free host address of this subnet. */
    void claim(String address) {
        if (!subnet.hasHost(address)) {
            throw new IllegalArgumentException(address + " is not a host address of " + name + " " + subnet);
        }
        if (!addresses.add(address)) {
            throw new IllegalArgumentException(address + " is taken on " + name);
        }
    }

    void addPort(String port) {
        ports.add(port);
    }

    List<String> ports() {
        return List.copyOf(ports);
    }

    @Override
    public String toString() {
        return name + " " + subnet + " (" + namespace + ")";
    }
}
