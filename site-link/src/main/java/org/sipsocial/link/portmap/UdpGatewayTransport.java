package org.sipsocial.link.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PCP and NAT-PMP over a UDP socket connected to the gateway, with one daemon thread that reads its answers. A client
 * accepts responses from the gateway only (RFC 6886 §3.1); a connected socket receives only from its port 5351.
 */
public final class UdpGatewayTransport implements GatewayTransport {
    /** The gateway's port for NAT-PMP (RFC 6886 §3) and PCP (RFC 6887 §19.1). */
    public static final int NAT_PMP_PORT = 5351;
    /** No NAT-PMP response is longer than 16 bytes, nor a PCP MAP response (without options) than 60; a larger datagram is read whole and then refused. */
    private static final int LARGEST_READ = 1100;
    private static final Logger LOG = LoggerFactory.getLogger(UdpGatewayTransport.class);

    private final DatagramSocket socket;
    private final Thread reader;

    private UdpGatewayTransport(DatagramSocket socket, BiConsumer<byte[], Integer> receiver) {
        this.socket = socket;
        this.reader = new Thread(() -> read(receiver), "port-mapping-" + socket.getRemoteSocketAddress());
        this.reader.setDaemon(true);
    }

    /** A transport to {@code gateway} (its port is normally {@link #NAT_PMP_PORT}), answers to {@code receiver}. */
    public static UdpGatewayTransport open(InetSocketAddress gateway, BiConsumer<byte[], Integer> receiver) throws SocketException {
        DatagramSocket socket = new DatagramSocket();
        socket.connect(gateway);
        UdpGatewayTransport transport = new UdpGatewayTransport(socket, receiver);
        transport.reader.start();
        return transport;
    }

    @Override
    public Inet4Address localAddress() {
        return socket.getLocalAddress() instanceof Inet4Address local ? local : null;
    }

    @Override
    public void send(byte[] request) {
        try {
            socket.send(new DatagramPacket(request, request.length));
        } catch (IOException e) {
            LOG.debug("NAT-PMP request to {} not sent: {}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    private void read(BiConsumer<byte[], Integer> receiver) {
        byte[] buffer = new byte[LARGEST_READ];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                receiver.accept(buffer.clone(), packet.getLength());
            } catch (java.net.PortUnreachableException e) {
                // ICMP: nothing listens on the gateway's 5351. The retransmissions run their course.
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("NAT-PMP read from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
