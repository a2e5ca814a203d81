import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded UDP flood for measuring a site (issue 16), run as a single-file program:
 * {@code java Flood.java FROM_IP SITE_IP SITE_PORT SECONDS MAX_MESSAGES [users|site|dialog]}.
 * users (the default): INVITE and OPTIONS for sip:bob@theSmiths without credentials, fresh Call-IDs, never ACKed;
 * site: OPTIONS for sip:theSmiths; dialog: BYE with a To tag (the stateful path: a transaction each).
 */
public class Flood {
    public static void main(String[] args) throws Exception {
        InetAddress from = InetAddress.getByName(args[0]);
        InetSocketAddress to = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        long seconds = Long.parseLong(args[3]);
        long max = Long.parseLong(args[4]);
        String kind = args.length > 5 ? args[5] : "users";
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0));
        socket.setSendBufferSize(4 << 20);
        socket.setReceiveBufferSize(4 << 20);
        AtomicLong received = new AtomicLong();
        Thread answers = new Thread(() -> {
            byte[] buffer = new byte[65536];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.setSoTimeout(3000);
                while (true) {
                    socket.receive(packet);
                    received.incrementAndGet();
                }
            } catch (Exception quiet) {
                // no answer for 3 s: done
            }
        });
        answers.start();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        String host = from.getHostAddress() + ":" + socket.getLocalPort();
        while (sent < max && System.nanoTime() < end) {
            String method = kind.equals("dialog") ? "BYE" : kind.equals("site") || sent % 2 == 1 ? "OPTIONS" : "INVITE";
            String uri = kind.equals("site") ? "sip:theSmiths" : "sip:bob@theSmiths";
            String text = method + " " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + host + ";branch=z9hG4bKf" + sent + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:x@theSmiths>;tag=f" + sent + "\r\nTo: <sip:bob@theSmiths>"
                    + (kind.equals("dialog") ? ";tag=t" + sent : "") + "\r\nCall-ID: flood-" + sent + "\r\nCSeq: 1 " + method
                    + "\r\nContact: <sip:x@" + host + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            sent++;
        }
        long tookMs = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        answers.join();
        System.out.println("sent " + sent + " in " + tookMs + " ms (" + sent * 1000 / tookMs + "/s), received " + received.get());
    }
}
