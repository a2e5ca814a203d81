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
    private static final Logger LOG = LoggerFactory.getLogger(UdpGatewayTransport.class);

    private final DatagramSocket socket;

    private UdpGatewayTransport(DatagramSocket socket) {
        this.socket = socket;
    }

    /** A transport to {@code gateway} (its port is normally {@link #NAT_PMP_PORT}), answers to {@code receiver}. */
    public static UdpGatewayTransport open(InetSocketAddress gateway, BiConsumer<byte[], Integer> receiver) throws SocketException {
        DatagramSocket socket = new DatagramSocket();
        socket.connect(gateway);
        UdpGatewayTransport transport = new UdpGatewayTransport(socket);
        GatewayDatagramReader.start(socket, gateway.getAddress(), "port-mapping-" + gateway, receiver);
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

    @Override
    public void close() {
        socket.close();
    }
}
