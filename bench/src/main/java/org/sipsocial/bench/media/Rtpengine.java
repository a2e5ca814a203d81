package org.sipsocial.bench.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rtpengine (userspace forwarding) driven over its ng control protocol (bencode over UDP, each message behind a
 * cookie): per call an {@code offer} from the other site (RTP/SAVP with one SDES AEAD_AES_128_GCM key) turned into
 * RTP/AVP for the phone, the phone's {@code answer} (RTP/AVP) turned into RTP/SAVP with rtpengine's own key for the
 * other site, and a {@code delete} at the end.
 */
final class Rtpengine implements RelayUnderTest {
    private static final Pattern CONNECTION = Pattern.compile("c=IN IP4 (\\S+)");
    private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+) ");
    private static final Pattern GCM_KEY = Pattern.compile("a=crypto:\\d+ AEAD_AES_128_GCM (inline:\\S+)");

    private final long pid;
    private final InetSocketAddress ng;
    private final java.net.DatagramSocket socket;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private int cookie;

    Rtpengine(InetSocketAddress ng, long pid) throws IOException {
        this.ng = ng;
        this.pid = pid;
        this.socket = new java.net.DatagramSocket(new InetSocketAddress(Call.PHONE_HOST, 0));
        socket.setSoTimeout(2000);
    }

    @Override
    public String name() {
        return "rtpengine";
    }

    @Override
    public String host() {
        return ng.getAddress().getHostAddress();
    }

    private String callId(Call call) {
        return "bench-" + run + "-" + call.index;
    }

    @Override
    public void open(Call call) throws IOException {
        InetSocketAddress far = call.farAddress();
        String offer = sdp(far, "RTP/SAVP", "a=crypto:1 AEAD_AES_128_GCM " + Srtp.inline(call.farKey) + "\r\n");
        Map<String, Object> offered = command(Map.of("command", "offer", "call-id", callId(call), "from-tag", "far",
                "sdp", offer, "transport-protocol", "RTP/AVP", "ICE", "remove"));
        String toPhone = (String) offered.get("sdp");
        call.phoneTo = new InetSocketAddress(find(CONNECTION, toPhone), Integer.parseInt(find(AUDIO_PORT, toPhone)));

        String answer = sdp(call.phoneAddress(), "RTP/AVP", "");
        Map<String, Object> answered = command(Map.of("command", "answer", "call-id", callId(call), "from-tag", "far",
                "to-tag", "phone", "sdp", answer, "ICE", "remove"));
        String toFar = (String) answered.get("sdp");
        call.farTo = new InetSocketAddress(find(CONNECTION, toFar), Integer.parseInt(find(AUDIO_PORT, toFar)));
        call.farChecker = new Srtp(false, Srtp.parseInline(find(GCM_KEY, toFar)), call.phoneSsrc);
    }

    private static String sdp(InetSocketAddress at, String profile, String crypto) {
        String host = at.getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio " + at.getPort() + " " + profile + " 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
                + crypto + "a=sendrecv\r\n";
    }

    private static String find(Pattern pattern, String sdp) throws IOException {
        Matcher m = pattern.matcher(sdp);
        if (!m.find()) {
            throw new IOException("rtpengine's SDP has no " + pattern + ":\n" + sdp);
        }
        return m.group(1);
    }

    @Override
    public void closeAll(List<Call> calls) throws IOException {
        for (Call call : calls) {
            command(Map.of("command", "delete", "call-id", callId(call), "from-tag", "far", "delete-delay", 0));
        }
    }

    @Override
    public long cpuTicks() {
        return RelayUnderTest.cpuTicksOf(pid);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> command(Map<String, Object> message) throws IOException {
        String id = "c" + run + "-" + ++cookie + " ";
        byte[] head = id.getBytes(StandardCharsets.US_ASCII);
        byte[] body = Bencode.encode(new LinkedHashMap<>(message));
        byte[] packet = new byte[head.length + body.length];
        System.arraycopy(head, 0, packet, 0, head.length);
        System.arraycopy(body, 0, packet, head.length, body.length);
        for (int attempt = 0; attempt < 3; attempt++) {
            socket.send(new java.net.DatagramPacket(packet, packet.length, ng));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[65536], 65536);
            try {
                do {
                    socket.receive(reply);
                } while (!new String(reply.getData(), 0, head.length, StandardCharsets.US_ASCII).equals(id));
            } catch (SocketTimeoutException e) {
                continue;
            }
            Map<String, Object> answer = (Map<String, Object>) Bencode.decode(reply.getData(), head.length);
            if (!"ok".equals(answer.get("result"))) {
                throw new IOException("rtpengine answered " + answer + " to " + message.get("command"));
            }
            return answer;
        }
        throw new IOException("rtpengine did not answer " + message.get("command"));
    }

    @Override
    public void close() {
        socket.close();
    }
}
