package org.sipsocial.link.portmap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.function.BiConsumer;


/**
 * Hears what the router sends unasked ({@link GatewayAnnouncement}): a UDP socket on the client port 5350 (RFC 6887
 * §19.1, RFC 6886 §3.2.1), joined to the all-hosts group 224.0.0.1 on the interface that faces the router, where
 * PCP's unsolicited ANNOUNCE (RFC 6887 §14.1.3) and NAT-PMP's external address announcements (RFC 6886 §3.2.1)
 * arrive. One daemon thread reads it; a datagram whose source is not the router is dropped (RFC 6886 §3.2.1: the
 * client "MUST check the source IP address, and silently discard the packet" from any other), the rest handed to
 * the receiver (normally {@link FallbackMapper#announced}). The socket shares its port (SO_REUSEADDR), as every
 * PCP and NAT-PMP client on the machine listens on the same one.
 */
public final class AnnouncementListener implements AutoCloseable {
    /** RFC 6886 §3.2.1, RFC 6887 §19.1: the port clients hear announcements on. */
    public static final int CLIENT_PORT = 5350;

    private final MulticastSocket socket;

    private AnnouncementListener(MulticastSocket socket) {
        this.socket = socket;
    }

    /** The all-hosts group (RFC 1112), where RFC 6887 §14.1.3 and RFC 6886 §3.2.1 multicast. */
    public static InetAddress allHosts() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * Listens on UDP {@code port} of every address, joined to the all-hosts group on {@code facing} (the interface
     * requests to the router leave by; null: no group, as on loopback in a test), for datagrams from
     * {@code gateway}, which go to {@code receiver} on the reading thread.
     */
    public static AnnouncementListener open(InetAddress gateway, int port, NetworkInterface facing,
            BiConsumer<byte[], Integer> receiver) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            if (facing != null) {
                socket.joinGroup(new InetSocketAddress(allHosts(), 0), facing);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        GatewayDatagramReader.start(socket, gateway, "port-mapping-announcements", receiver);
        return new AnnouncementListener(socket);
    }

    /** The port it listens on (that asked for, or the one the system chose for port 0). */
    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
