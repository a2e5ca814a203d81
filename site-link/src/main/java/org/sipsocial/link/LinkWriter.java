package org.sipsocial.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.util.List;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipWriter;

/**
 * What one {@link LinkConnection} writes: the link's own OPTIONS requests ({@link LinkMessages}: probe, connect,
 * disconnect, directory pages, relay requests), numbered by one CSeq for the connection (RFC 3261 §8.1.1.5); its
 * answers to the other side's, stamped with where they came from (RFC 3581 §4); and the layer above's SIP messages
 * and frames. On the connection's event loop.
 */
final class LinkWriter {
    private final SiteName self;
    private ChannelHandlerContext ctx;
    private int cseq;

    LinkWriter(SiteName self) {
        this.self = self;
    }

    /** The connection's place in its pipeline, once it is added. */
    void attach(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** A link request to {@code to}. */
    void request(String action, SiteName to) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.request(action, self, to, local(), ++cseq)));
    }

    /** A link request to {@code to} with extra header lines ({@code headers}, each ending in CRLF). */
    void request(String action, SiteName to, String headers) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.request(action, self, to, local(), ++cseq, headers,
                new byte[0])));
    }

    /** Our directory to {@code to}, page by page ({@link LinkDirectory}), flushed once. */
    void directory(SiteName to, List<byte[]> pages) {
        for (int i = 0; i < pages.size(); i++) {
            ctx.write(Unpooled.wrappedBuffer(LinkMessages.directoryPage(self, to, local(), ++cseq, i + 1, pages.size(),
                    pages.get(i))));
        }
        ctx.flush();
    }

    /** The answer to the other side's {@code request}, which came from {@code source}. */
    ChannelFuture answer(SipRequest request, int status, String reason, InetSocketAddress source) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.response(request, status, reason, source)));
    }

    /** A SIP message of the layer above. */
    ChannelFuture message(SipMessage message) {
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(SipWriter.toBytes(message)));
    }

    /** A frame of the layer above. */
    void frame(LinkFrame frame) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(frame.toBytes()));
    }

    private InetSocketAddress local() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }
}
