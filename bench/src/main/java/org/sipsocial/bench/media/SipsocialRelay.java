package org.sipsocial.bench.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SIPsocial's relay in its own process ({@link RelayUnderLoad}): the generator's other site speaks the relays' link
 * packets to its link side (4-byte channel, then SRTP), as the other site's relay would.
 */
final class SipsocialRelay implements RelayUnderTest {
    private final long pid;
    private final String lanHost;
    private final InetSocketAddress linkSide;
    private final Socket control;
    private final BufferedReader in;
    private final PrintWriter out;

    SipsocialRelay(InetSocketAddress controlAddress, long pid, String lanHost, InetSocketAddress linkSide) throws IOException {
        this.pid = pid;
        this.lanHost = lanHost;
        this.linkSide = linkSide;
        this.control = new Socket(controlAddress.getAddress(), controlAddress.getPort());
        this.in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
        this.out = new PrintWriter(control.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    @Override
    public String name() {
        return "sipsocial";
    }

    @Override
    public String host() {
        return lanHost;
    }

    @Override
    public void open(Call call) throws IOException {
        byte[] relayKey = Srtp.randomKey();
        int farChannel = call.index + 1;
        String[] answer = command("OPEN " + hostPort(call.phoneAddress()) + " " + hostPort(call.farAddress()) + " "
                + farChannel + " " + Srtp.inline(relayKey) + " " + Srtp.inline(call.farKey));
        call.phoneTo = new InetSocketAddress(lanHost, Integer.parseInt(answer[1]));
        call.farTo = linkSide;
        call.farPrefix = Integer.parseInt(answer[2]);
        call.farExpects = farChannel;
        call.farChecker = new Srtp(false, relayKey, call.phoneSsrc);
    }

    @Override
    public void closeAll(List<Call> calls) throws IOException {
        command("CLOSE");
    }

    @Override
    public long cpuTicks() {
        return RelayUnderTest.cpuTicksOf(pid);
    }

    private String[] command(String line) throws IOException {
        out.println(line);
        String reply = in.readLine();
        if (reply == null || !reply.startsWith("OK")) {
            throw new IOException("relay answered " + reply + " to " + line);
        }
        return reply.split(" ");
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
