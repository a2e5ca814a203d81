package org.sipsocial.sip.transport;

import java.net.InetSocketAddress;
import org.sipsocial.sip.message.ParseResult;
import org.sipsocial.sip.message.Rejection;
import org.sipsocial.sip.message.SipLimits;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;

/** What travels up a pipeline between the stages that frame, parse and dispatch input. */
sealed interface Received {
    /** Exactly one message's bytes, cut from a stream by Content-Length (RFC 3261 §18.3). */
    record Frame(byte[] bytes) implements Received {
    }

    /** CRLFs between messages on a stream: a ping when four or more, a pong when two (RFC 5626 §3.5.1). */
    record KeepAlive(int crlfBytes) implements Received {
        boolean isPing() {
            return crlfBytes >= 4;
        }
    }

    /** A well-formed message and where it came from. */
    record Message(SipMessage message, InetSocketAddress remote) implements Received {
    }

    /**
     * Input the codec refused, with the bytes seen so far (for a 400, see {@link BadInput}) and
     * whether the stream it came on can no longer be framed and must be closed.
     */
    record Rejected(byte[] bytes, Rejection rejection, InetSocketAddress remote, boolean closeAfter)
            implements Received {
    }

    /** Parses one datagram or one stream frame. */
    static Received parse(byte[] bytes, InetSocketAddress remote, SipLimits limits) {
        ParseResult result = SipParser.parse(bytes, 0, bytes.length, limits);
        return result.isMessage() ? new Message(result.message(), remote)
                : new Rejected(bytes, result.rejection(), remote, false);
    }
}
