package org.sipsocial.server.link;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The addresses of this machine's interfaces, as peers write them: a site seen from one of them is not behind a
 * NAT ({@link org.sipsocial.link.nat.NatVerdict}).
 */
final class MachineAddresses {
    private MachineAddresses() {
    }

    /** Every address of every interface that is up, IPv6 ones without their scope; empty when none can be read. */
    static Set<String> now() {
        try {
            return NetworkInterface.networkInterfaces().filter(MachineAddresses::isUp)
                    .flatMap(NetworkInterface::inetAddresses).map(MachineAddresses::written).collect(Collectors.toSet());
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this machine's network interfaces: " + e.getMessage(), e);
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot read the state of interface " + network.getName(), e);
        }
    }

    private static String written(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
