package org.sipsocial.link.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** No announcement is longer than a PCP header (24 bytes); a larger datagram is read whole and then refused. */
    private static final int LARGEST_READ = 1100;
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementListener.class);

    private final MulticastSocket socket;
    private final InetAddress gateway;
    private final Thread reader;

    private AnnouncementListener(MulticastSocket socket, InetAddress gateway, BiConsumer<byte[], Integer> receiver) {
        this.socket = socket;
        this.gateway = gateway;
        this.reader = new Thread(() -> read(receiver), "port-mapping-announcements");
        this.reader.setDaemon(true);
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
        AnnouncementListener listener = new AnnouncementListener(socket, gateway, receiver);
        listener.reader.start();
        return listener;
    }

    /** The port it listens on (that asked for, or the one the system chose for port 0). */
    public int port() {
        return socket.getLocalPort();
    }

    private void read(BiConsumer<byte[], Integer> receiver) {
        byte[] buffer = new byte[LARGEST_READ];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("reading announcements on port {} failed: {}", socket.getLocalPort(), e.toString());
                }
                continue;
            }
            if (!gateway.equals(packet.getAddress())) {
                LOG.debug("announcement from {} dropped: not the router at {}", packet.getAddress(), gateway);
                continue;
            }
            receiver.accept(buffer.clone(), packet.getLength());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
