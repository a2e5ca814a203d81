package org.sipsocial.link.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that reads a port-mapping socket until it is closed and hands each datagram from the router to a
 * receiver: what {@link UdpGatewayTransport} (the router's answers) and {@link AnnouncementListener} (its
 * announcements) share. A datagram from any other address is dropped (RFC 6886 §3.1, §3.2.1).
 */
final class GatewayDatagramReader {
    /** No NAT-PMP or PCP message here is longer than 60 bytes; a larger datagram is read whole and then refused. */
    private static final int LARGEST_READ = 1100;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDatagramReader.class);

    private GatewayDatagramReader() {
    }

    /** Starts reading {@code socket} on a daemon thread named {@code name}; returns the thread. */
    static Thread start(DatagramSocket socket, InetAddress gateway, String name, BiConsumer<byte[], Integer> receiver) {
        Thread reader = new Thread(() -> read(socket, gateway, receiver), name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void read(DatagramSocket socket, InetAddress gateway, BiConsumer<byte[], Integer> receiver) {
        byte[] buffer = new byte[LARGEST_READ];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (PortUnreachableException e) {
                continue; // ICMP: nothing listens on the router's port. The retransmissions run their course.
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("reading from the router at {} on port {} failed: {}", gateway, socket.getLocalPort(), e.toString());
                }
                continue;
            }
            if (!gateway.equals(packet.getAddress())) {
                LOG.debug("datagram from {} dropped: not the router at {}", packet.getAddress(), gateway);
                continue;
            }
            receiver.accept(buffer.clone(), packet.getLength());
        }
    }
}
