package org.sipsocial.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.sipsocial.sip.message.SipFraming;
import org.sipsocial.sip.message.SipLimits;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipResponse;

/** A plain JDK socket speaking bytes to a transport under test, as a misbehaving peer would. */
final class RawClient implements AutoCloseable {
    private final Transport transport;
    private final InetSocketAddress server;
    private final DatagramSocket udp;
    private final Socket stream;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawClient(Transport transport, InetSocketAddress server, DatagramSocket udp, Socket stream) {
        this.transport = transport;
        this.server = server;
        this.udp = udp;
        this.stream = stream;
    }

    /** Connects (TCP, TLS trusting {@code serverTrust}) or opens a UDP socket aimed at {@code server}. */
    static RawClient open(Transport transport, InetSocketAddress server, TrustManager serverTrust) throws Exception {
        if (transport == Transport.UDP) {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
            return new RawClient(transport, server, s, null);
        }
        Socket s;
        if (transport == Transport.TLS) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {serverTrust}, null);
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket();
            ssl.connect(server, 2000);
            ssl.startHandshake();
            s = ssl;
        } else {
            s = new Socket();
            s.connect(server, 2000);
        }
        return new RawClient(transport, server, null, s);
    }

    static RawClient open(Transport transport, InetSocketAddress server) throws Exception {
        return open(transport, server, null);
    }

    InetSocketAddress local() {
        return (InetSocketAddress) (udp != null ? udp.getLocalSocketAddress() : stream.getLocalSocketAddress());
    }

    void send(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            stream.getOutputStream().write(bytes);
            stream.getOutputStream().flush();
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends an OPTIONS with {@code ;rport} naming this socket, and returns the response to it. */
    SipResponse exchange() throws IOException {
        send(Messages.optionsText(transport, Messages.hostPort(local()), ";rport"));
        return awaitResponse(Duration.ofSeconds(5));
    }

    /** The next response, or {@code null} when none comes within {@code wait}. */
    SipResponse awaitResponse(Duration wait) throws IOException {
        byte[] message = awaitMessage(wait);
        return message == null ? null : SipParser.parse(message).response();
    }

    /** The next message's bytes (for streams: framed by Content-Length), or {@code null}. */
    byte[] awaitMessage(Duration wait) throws IOException {
        if (udp != null) {
            udp.setSoTimeout((int) wait.toMillis());
            byte[] buf = new byte[65_536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (SocketTimeoutException none) {
                return null;
            }
            return Arrays.copyOf(buf, p.getLength());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            byte[] have = received.toByteArray();
            SipFraming.Frame f = SipFraming.frame(have, 0, have.length, SipLimits.DEFAULTS);
            if (f.status() == SipFraming.Status.KEEP_ALIVE) {
                drop(f.length());
                continue;
            }
            if (f.status() == SipFraming.Status.COMPLETE) {
                drop(f.length());
                return Arrays.copyOf(have, f.length());
            }
            if (readSome(deadline) < 0) return null;
        }
    }

    /** Reads raw bytes for at most {@code wait}; returns what came (empty when nothing). */
    byte[] readRaw(Duration wait) throws IOException {
        readSome(System.nanoTime() + wait.toNanos());
        byte[] have = received.toByteArray();
        received.reset();
        return have;
    }

    /** True when the server closes the stream within {@code wait}. */
    boolean closedByPeer(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (readSome(deadline) == -2) return true;
        }
        return false;
    }

    /** -2 at end of stream (or reset), -1 on timeout, else bytes read. */
    private int readSome(long deadlineNanos) throws IOException {
        long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        if (deadlineNanos - System.nanoTime() <= 0) return -1;
        stream.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        byte[] buf = new byte[8192];
        try {
            InputStream in = stream.getInputStream();
            int n = in.read(buf);
            if (n < 0) return -2;
            received.write(buf, 0, n);
            return n;
        } catch (SocketTimeoutException timeout) {
            return -1;
        } catch (IOException reset) {
            return -2;
        }
    }

    private void drop(int n) {
        byte[] have = received.toByteArray();
        received.reset();
        received.write(have, n, have.length - n);
    }

    @Override
    public void close() throws IOException {
        if (udp != null) udp.close();
        if (stream != null) stream.close();
    }
}
