package org.sipsocial.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.sipsocial.sip.message.ParseResult;
import org.sipsocial.sip.message.SipParser;

/**
 * Bytes of a link to SIP messages, keep-alives and {@link LinkFrame}s (RFC 3261 §18.3 framing by Content-Length;
 * RFC 5626 §3.5.1 keep-alives; a {@code '$'} starts a binary frame). The dialler pings, so on its side a CRLF between messages is a pong; on the answering side a
 * double CRLF between messages is a ping.
 */
final class LinkFramer extends ByteToMessageDecoder {
    /** Our limit on a link message: headers and body together. */
    static final int MAX_MESSAGE = 65_536;

    enum KeepAlive { PING, PONG }

    private final boolean dialler;

    LinkFramer(boolean dialler) {
        this.dialler = dialler;
    }

    /**
     * A framer that hands up one message at a time and leaves what follows unread: on a relay's connection
     * (issue 15) the bytes after the relay's 200 are TLS for the handler that replaces this one.
     */
    static LinkFramer oneAtATime(boolean dialler) {
        LinkFramer framer = new LinkFramer(dialler);
        framer.setSingleDecode(true);
        return framer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && !(isSingleDecode() && !out.isEmpty())) {
            int start = in.readerIndex();
            if (in.getByte(start) == '\r') {
                if (dialler) {
                    if (in.readableBytes() < 2) return;
                    in.skipBytes(2);
                    out.add(KeepAlive.PONG);
                } else {
                    if (in.readableBytes() < 4) return;
                    if (in.getByte(start + 2) == '\r') {
                        if (in.getByte(start + 1) != '\n' || in.getByte(start + 3) != '\n') {
                            throw new CorruptedFrameException("bad keep-alive");
                        }
                        in.skipBytes(4);
                        out.add(KeepAlive.PING);
                    } else {
                        in.skipBytes(2); // RFC 3261 §7.5: a CRLF before a message is ignored
                    }
                }
                continue;
            }
            if (in.getByte(start) == LinkFrame.MARK) {
                if (in.readableBytes() < LinkFrame.HEADER_BYTES) return;
                int length = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < LinkFrame.HEADER_BYTES + length) return;
                int type = in.getUnsignedByte(start + 1);
                byte[] payload = new byte[length];
                in.skipBytes(LinkFrame.HEADER_BYTES);
                in.readBytes(payload);
                out.add(new LinkFrame(type, payload));
                continue;
            }
            int end = headerEnd(in);
            if (end < 0) {
                if (in.readableBytes() > MAX_MESSAGE) throw new CorruptedFrameException("headers too long");
                return;
            }
            String headers = in.toString(start, end - start, StandardCharsets.US_ASCII);
            int total = end + 4 - start + contentLength(headers);
            if (total > MAX_MESSAGE) throw new CorruptedFrameException("message too long: " + total);
            if (in.readableBytes() < total) return;
            byte[] bytes = new byte[total];
            in.readBytes(bytes);
            ParseResult parsed = SipParser.parse(bytes);
            if (!parsed.isMessage()) throw new CorruptedFrameException("bad link message: " + parsed.rejection());
            out.add(parsed.message());
        }
    }

    private static int headerEnd(ByteBuf in) {
        for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                try {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("bad Content-Length: " + line);
                }
            }
        }
        return 0;
    }
}
