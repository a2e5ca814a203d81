package org.sipsocial.bench.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * One call as the load generator plays it: its phone (plain RTP, one UDP socket) and the other site (SRTP, one
 * UDP socket), each sending 50 packets a second to the relay under test and timing what the relay forwards.
 */
final class Call implements AutoCloseable {
    /** Where the generator's phones live. */
    static final String PHONE_HOST = "127.0.7.10";
    /** Where the generator's "other site" lives. */
    static final String FAR_HOST = "127.0.7.11";

    final int index;
    final DatagramChannel phone;
    final DatagramChannel far;
    /** The SSRC of what the phone sends, and of what the other site sends. */
    final int phoneSsrc;
    final int farSsrc;
    /** The key the other site protects its packets with (the relay checks and decrypts them). */
    final byte[] farKey = Srtp.randomKey();
    final Srtp farSender;

    /** Set by the relay under test when the call opens. */
    InetSocketAddress phoneTo;
    InetSocketAddress farTo;
    /** The channel word the other site puts before its SRTP (SIPsocial's link packets), or -1 for none. */
    int farPrefix = -1;
    /** The channel word the relay puts before the SRTP it sends the other site, or -1 for none. */
    int farExpects = -1;
    /** Checks what the relay sends the other site (with the relay's key), or null when it sends plain RTP. */
    Srtp farChecker;

    Call(int index) throws IOException {
        this.index = index;
        this.phoneSsrc = 0x10000000 | index;
        this.farSsrc = 0x20000000 | index;
        this.phone = open(PHONE_HOST);
        this.far = open(FAR_HOST);
        this.farSender = new Srtp(true, farKey, farSsrc);
    }

    private static DatagramChannel open(String host) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        channel.bind(new InetSocketAddress(host, 0));
        channel.configureBlocking(false);
        return channel;
    }

    InetSocketAddress phoneAddress() throws IOException {
        return (InetSocketAddress) phone.getLocalAddress();
    }

    InetSocketAddress farAddress() throws IOException {
        return (InetSocketAddress) far.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        phone.close();
        far.close();
        farSender.close();
        if (farChecker != null) {
            farChecker.close();
        }
    }
}
