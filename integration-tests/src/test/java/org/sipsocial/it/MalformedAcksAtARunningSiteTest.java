package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.Rfc4475Vectors;
import org.sipsocial.testkit.Rfc4475Vectors.Vector;

/**
 * An ACK is never answered (RFC 3261 §17), whatever is wrong with it: every RFC 4475 torture request with its
 * method set to ACK, sent to a running site with a top Via that would bring any answer back to the sender, and an
 * ACK without Content-Length over TCP, get no answer; the site counts them and keeps serving.
 */
class MalformedAcksAtARunningSiteTest {
    private static final String SITE_ADDRESS = "127.0.6.1";
    private static final String SENDER_ADDRESS = "127.0.6.2";
    private static final Pattern VIA_LINE = Pattern.compile("(?i)^(via|v)[ \\t]*:");
    private static final Pattern DROPPED_ACKS = Pattern.compile(
            "(?m)^sip_transport_messages_rejected_total\\{action=\"dropped-ack\"[^}]*} ([0-9.E]+)$");

    @TempDir
    Path temp;

    @Test
    void torture_requests_turned_into_acks_and_an_ack_without_content_length_get_no_answer() throws Exception {
        try (RunningSite site = RunningSite.start(temp, "theSmiths", Map.of("alice", "pw"), SITE_ADDRESS);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(SENDER_ADDRESS, 0))) {
            int sent = 0;
            for (Vector vector : Rfc4475Vectors.all()) {
                if (vector.isResponse()) continue;
                for (boolean cseqToo : List.of(false, true)) {
                    byte[] ack = asAck(vector.bytes(), cseqToo, "UDP", udp.getLocalPort(), sent++);
                    udp.send(new DatagramPacket(ack, ack.length, site.sip()));
                }
            }
            assertThat(nextDatagram(udp, 1500)).as("an answer to an ACK over UDP").isNull();

            try (Socket tcp = new Socket()) {
                tcp.bind(new InetSocketAddress(SENDER_ADDRESS, 0));
                tcp.connect(site.sip(), 3000);
                String noLength = "ACK sip:alice@theSmiths SIP/2.0\r\nVia: SIP/2.0/TCP " + SENDER_ADDRESS + ":"
                        + tcp.getLocalPort() + ";branch=z9hG4bK-no-length\r\nMax-Forwards: 70\r\n"
                        + "From: <sip:bob@theSmiths>;tag=1\r\nTo: <sip:alice@theSmiths>;tag=2\r\nCall-ID: no-length\r\n"
                        + "CSeq: 1 ACK\r\n\r\n";
                tcp.getOutputStream().write(noLength.getBytes(StandardCharsets.US_ASCII));
                assertThat(readAll(tcp, 1500)).as("an answer to an ACK without Content-Length over TCP").isEmpty();
            }

            assertThat(droppedAcks(site.metrics())).isGreaterThanOrEqualTo(40);
            String options = "OPTIONS sip:theSmiths SIP/2.0\r\nVia: SIP/2.0/UDP " + SENDER_ADDRESS + ":" + udp.getLocalPort()
                    + ";rport;branch=z9hG4bKstill-serving\r\nMax-Forwards: 70\r\nFrom: <sip:probe@theSmiths>;tag=1\r\n"
                    + "To: <sip:theSmiths>\r\nCall-ID: still-serving\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            udp.send(new DatagramPacket(options.getBytes(StandardCharsets.US_ASCII), options.length(), site.sip()));
            assertThat(nextDatagram(udp, 3000)).as("the site still answers an OPTIONS").startsWith("SIP/2.0 200 ");
        }
    }

    /**
     * The message with its Request-Line method (and with {@code cseqToo} its CSeq method) set to ACK, and its
     * top Via replaced by one that names the sender with rport, so that any answer would come back to it.
     */
    private static byte[] asAck(byte[] message, boolean cseqToo, String transport, int port, int n) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String rest = end < 0 ? "" : text.substring(end);
        List<String> lines = new ArrayList<>();
        boolean viaReplaced = false;
        boolean inReplacedVia = false;
        for (String line : head.split("\r\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && inReplacedVia) continue;
            inReplacedVia = false;
            if (lines.isEmpty()) {
                line = "ACK" + line.substring(line.indexOf(' '));
            } else if (!viaReplaced && VIA_LINE.matcher(line).lookingAt()) {
                line = "Via: SIP/2.0/" + transport + " " + SENDER_ADDRESS + ":" + port + ";rport;branch=z9hG4bK-ack-" + n;
                viaReplaced = true;
                inReplacedVia = true;
            } else if (cseqToo && line.toLowerCase().startsWith("cseq") && line.indexOf(':') > 0) {
                String[] value = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
                line = "CSeq: " + value[0] + " ACK";
            }
            lines.add(line);
        }
        return (String.join("\r\n", lines) + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String nextDatagram(DatagramSocket socket, int waitMillis) throws Exception {
        socket.setSoTimeout(waitMillis);
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        try {
            socket.receive(packet);
            return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException silence) {
            return null;
        }
    }

    private static String readAll(Socket socket, int waitMillis) throws Exception {
        socket.setSoTimeout(waitMillis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) received.write(buffer, 0, n);
        } catch (SocketTimeoutException | java.net.SocketException quiet) {
            // nothing more came, or the site closed the connection
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static double droppedAcks(String metrics) {
        double sum = 0;
        Matcher m = DROPPED_ACKS.matcher(metrics);
        while (m.find()) sum += Double.parseDouble(m.group(1));
        return sum;
    }
}
