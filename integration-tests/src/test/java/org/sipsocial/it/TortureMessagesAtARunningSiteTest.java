package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipsocial.sip.message.ParseResult;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.testkit.Rfc4475Vectors;
import org.sipsocial.testkit.Rfc4475Vectors.Vector;

/**
 * Every RFC 4475 torture message, sent over UDP and over TCP to a running site with its example hosts rewritten
 * to the site's name, gets the answer EXPECTED.tsv asks of the site in its roles (registrar for REGISTER, a
 * proxy that authenticates its phones for everything else), and the site keeps serving.
 *
 * <p>For this site "forward" means "challenge first": an unauthenticated request for a user gets 407, a REGISTER
 * 401. Syntax errors get 400 (505 for the version); responses and unroutable responses are dropped silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TortureMessagesAtARunningSiteTest {
    private static final Pattern EXAMPLE_HOST = Pattern.compile("[A-Za-z0-9.-]*example\\.(com|net|org)");
    private static final Pattern VIA_LINE = Pattern.compile("(?i)(via|v)[ \\t]*:");
    /**
     * Three pairs of torture messages share a top Via (branch, sent-by) and method, so the second of each would be
     * a retransmission of the first to one site (RFC 3261 §17.2.3): they go to a second site.
     */
    private static final Set<String> SECOND_SITE = Set.of("unkscm", "regescrt", "cparam02");
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ", Pattern.MULTILINE);
    /** No answer at all: the message is a response, or (over a stream) a frame the site waits to complete. */
    private static final Set<Integer> SILENCE = Set.of();

    /** The answers the site may give to each message, over UDP; TCP differs where {@link #overTcp} says. */
    private static final Map<String, Set<Integer>> OVER_UDP = new HashMap<>();

    static {
        for (String name : List.of("wsinv", "intmeth", "esc01", "lwsdisp", "longreq", "semiuri", "transports", "mpart01",
                "badbranch", "inv2543", "invut", "sdp01")) {
            OVER_UDP.put(name, Set.of(407));
        }
        for (String name : List.of("escnull", "dblreq", "regaut01", "cparam01", "cparam02", "regescrt")) {
            OVER_UDP.put(name, Set.of(401));
        }
        OVER_UDP.put("esc02", Set.of(405, 501));
        for (String name : List.of("unreason", "noreason", "scalarlg", "bigcode", "bcast")) {
            OVER_UDP.put(name, SILENCE);
        }
        for (String name : List.of("badinv01", "clerr", "ncl", "scalar02", "ltgtruri", "lwsruri", "lwsstart", "mismatch01",
                "mismatch02", "regbadct", "insuf", "multi01", "mcl01")) {
            OVER_UDP.put(name, Set.of(400));
        }
        OVER_UDP.put("badvers", Set.of(505));
        for (String name : List.of("quotbal", "trws", "escruri", "baddate", "badaspec", "baddn")) {
            OVER_UDP.put(name, Set.of(400, 407));
        }
        OVER_UDP.put("unkscm", Set.of(416));
        OVER_UDP.put("novelsc", Set.of(416));
        OVER_UDP.put("unksm2", Set.of(400, 401, 416));
        OVER_UDP.put("bext01", Set.of(420));
        OVER_UDP.put("zeromf", Set.of(483));
    }

    @TempDir
    static java.nio.file.Path temp;
    /** One site per transport and lane, so that no message is taken for a retransmission of another. */
    private final Map<String, RunningSite> sites = new HashMap<>();

    @BeforeAll
    void startSites() {
        for (String lane : List.of("UDP-1", "UDP-2", "TCP-1", "TCP-2")) {
            sites.put(lane, RunningSite.start(temp.resolve(lane), "theSmiths", Map.of("user", "pw", "vivekg", "pw")));
        }
    }

    @AfterAll
    void stopSites() {
        sites.values().forEach(RunningSite::close);
    }

    private RunningSite siteFor(Vector vector, String transport) {
        return sites.get(transport + (SECOND_SITE.contains(vector.name()) ? "-2" : "-1"));
    }

    Stream<Arguments> vectors() {
        List<Arguments> arguments = new ArrayList<>();
        for (Vector vector : Rfc4475Vectors.all()) {
            arguments.add(Arguments.of(vector, "UDP"));
            arguments.add(Arguments.of(vector, "TCP"));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("vectors")
    void each_torture_message_gets_the_answer_expected_of_the_site(Vector vector, String transport) throws Exception {
        Set<Integer> expected = transport.equals("UDP") ? OVER_UDP.get(vector.name()) : overTcp(vector.name());
        assertThat(expected).as("an expectation for " + vector.name()).isNotNull();
        byte[] message = rewrite(vector.bytes());
        RunningSite site = siteFor(vector, transport);
        List<Integer> answers = transport.equals("UDP") ? sendOverUdp(site, message, !expected.isEmpty())
                : sendOverTcp(site, message, !expected.isEmpty());
        if (expected.isEmpty()) {
            assertThat(answers).as(vector + " over " + transport + ": " + vector.expectation()).isEmpty();
        } else {
            assertThat(answers).as(vector + " over " + transport + ": " + vector.expectation()).isNotEmpty();
            assertThat(expected).as(vector + " over " + transport + " answered " + answers).contains(answers.get(0));
        }
    }

    @Test
    void after_all_of_them_the_site_still_answers_an_options_for_itself() throws Exception {
        RunningSite site = sites.get("UDP-1");
        for (Vector vector : Rfc4475Vectors.all()) {
            sendOverUdp(site, rewrite(vector.bytes()), false);
        }
        String options = "OPTIONS sip:theSmiths SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;rport;branch=z9hG4bKalive1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@theSmiths>;tag=1\r\nTo: <sip:theSmiths>\r\nCall-ID: alive-1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        assertThat(sendOverUdp(site, options.getBytes(StandardCharsets.US_ASCII), true)).startsWith(200);
        assertThat(sendOverTcp(site, options.replace("UDP", "TCP").replace("alive1", "alive2").getBytes(StandardCharsets.US_ASCII),
                true)).startsWith(200);
    }

    /** Over a stream the framing differs from datagrams in a few places (RFC 4475 §3.1.1.8, §3.1.2.2, §3.3.9). */
    private static Set<Integer> overTcp(String name) {
        switch (name) {
            case "clerr":
                return SILENCE; // the stream waits for the bytes Content-Length promises, and never reads past them
            case "baddn":
                return SILENCE; // as printed in the RFC its headers never end: a stream waits for the empty line
            case "inv2543":
                return Set.of(400); // RFC 2543 framed by the end of the datagram; a stream needs Content-Length (§18.3)
            case "mcl01":
                return Set.of(400); // one answer at most, then the connection is closed: its framing cannot be trusted
            default:
                return OVER_UDP.get(name);
        }
    }

    /**
     * Rewrites example.* hosts to the site in the header section only, so that body lengths stay right; Via headers
     * keep theirs (they say where answers go, and make each message its own transaction); an escaped
     * {@code %40example.com} inside a user part keeps its escape.
     */
    private static byte[] rewrite(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String rest = end < 0 ? "" : text.substring(end);
        StringBuilder out = new StringBuilder();
        boolean inVia = false;
        for (String line : head.split("\r\n", -1)) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                inVia = VIA_LINE.matcher(line).lookingAt();
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append(inVia ? line : rewriteHosts(line));
        }
        return (out + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String rewriteHosts(String line) {
        StringBuilder rewritten = new StringBuilder();
        Matcher host = EXAMPLE_HOST.matcher(line);
        int copied = 0;
        while (host.find()) {
            int start = host.start();
            if (start > 0 && line.charAt(start - 1) == '%') {
                start += 2;
            }
            rewritten.append(line, copied, start).append("theSmiths");
            copied = host.end();
        }
        return rewritten.append(line.substring(copied)).toString();
    }

    /**
     * The first status answered but 100. RFC 3261 §18.2.2 sends a UDP answer to the {@code received} address at the
     * port of the top Via's sent-by (5060 when it names none), unless the Via asks for {@code rport}: the test
     * sends from that very port, so that it hears the answer without changing the message.
     */
    private static List<Integer> sendOverUdp(RunningSite site, byte[] message, boolean expectAnswer) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), answerPort(message)));
            socket.send(new DatagramPacket(message, message.length, site.sip()));
            socket.setSoTimeout(expectAnswer ? 3000 : 400);
            List<Integer> statuses = new ArrayList<>();
            byte[] buffer = new byte[65536];
            try {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    int status = statusOf(new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1));
                    if (status != 100) {
                        statuses.add(status);
                        return statuses;
                    }
                }
            } catch (SocketTimeoutException quiet) {
                return statuses;
            }
        }
    }

    private static int answerPort(byte[] message) {
        ParseResult parsed = SipParser.parse(message);
        if (parsed.isMessage() && parsed.message().isRequest() && parsed.message().topVia() != null
                && !parsed.message().topVia().hasRport()) {
            int port = parsed.message().topVia().port();
            return port > 0 ? port : 5060;
        }
        return 0;
    }

    private static List<Integer> sendOverTcp(RunningSite site, byte[] message, boolean expectAnswer) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(site.sip().getAddress(), site.sip().getPort()), 3000);
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            socket.setSoTimeout(expectAnswer ? 3000 : 400);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, read);
                    List<Integer> statuses = statusesIn(received.toString(StandardCharsets.ISO_8859_1));
                    if (!statuses.isEmpty()) {
                        return statuses;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException quiet) {
                // nothing more came, or the site closed the connection
            }
            return statusesIn(received.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private static List<Integer> statusesIn(String text) {
        List<Integer> statuses = new ArrayList<>();
        Matcher matcher = STATUS.matcher(text);
        while (matcher.find()) {
            int status = Integer.parseInt(matcher.group(1));
            if (status != 100) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static int statusOf(String text) {
        Matcher matcher = STATUS.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
