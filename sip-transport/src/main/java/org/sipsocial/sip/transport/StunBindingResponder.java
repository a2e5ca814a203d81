package org.sipsocial.sip.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * First stage of the UDP pipeline: answers the STUN keep-alives that phones send to the SIP port (RFC 5626
 * §4.4.2, §8.4) and passes everything else on to the SIP parser.
 *
 * <p><b>Demultiplexing</b> (RFC 7983 §7): a datagram whose first byte is 0 to 3 is STUN; SIP starts with a
 * letter ({@code INVITE}, {@code SIP/2.0}) and keep-alive noise with CR or LF. A STUN datagram never reaches the
 * SIP parser.
 *
 * <p><b>Binding</b> (RFC 5389 §6, §7.3): a well-formed Binding request (type {@code 0x0001}, magic cookie
 * {@code 0x2112A442}, length a multiple of 4 that matches the datagram) gets a Binding success response
 * ({@code 0x0101}) with the same transaction ID and one XOR-MAPPED-ADDRESS (§15.2): the address and port the
 * request came from, as this site sees them after any NAT. A FINGERPRINT (§15.5) is added when the request
 * carried one. No authentication: RFC 5626 §8.4 keep-alives carry none. Any other STUN message (responses,
 * indications, short or damaged ones) is dropped unanswered, so that the site never answers junk.
 */
final class StunBindingResponder extends ChannelInboundHandlerAdapter {
    /** RFC 5389 §6: the fixed value in bytes 4 to 7 of every STUN message. */
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER_BYTES = 20;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int FINGERPRINT = 0x8028;
    /** RFC 5389 §15.5: the CRC-32 of the message is XOR-ed with this ("STUN"). */
    static final int FINGERPRINT_XOR = 0x5354554e;
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    /** Our own limit: a Binding keep-alive is 20 to 28 bytes; nothing this size needs more than 548 (RFC 5389 §7.1). */
    static final int MAX_REQUEST_BYTES = 548;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet) || !isStun(packet.content())) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf request = packet.content();
            if (isBindingRequest(request)) {
                ctx.writeAndFlush(new DatagramPacket(response(ctx, request, packet.sender()), packet.sender()));
            }
        } finally {
            packet.release();
        }
    }

    /** RFC 7983 §7: the first byte of a STUN message is 0 to 3. */
    static boolean isStun(ByteBuf datagram) {
        return datagram.readableBytes() > 0 && (datagram.getUnsignedByte(datagram.readerIndex()) & 0xFC) == 0;
    }

    static boolean isBindingRequest(ByteBuf m) {
        int at = m.readerIndex();
        int size = m.readableBytes();
        if (size < HEADER_BYTES || size > MAX_REQUEST_BYTES) {
            return false;
        }
        int length = m.getUnsignedShort(at + 2);
        return m.getUnsignedShort(at) == BINDING_REQUEST && m.getInt(at + 4) == MAGIC_COOKIE
                && length % 4 == 0 && length == size - HEADER_BYTES;
    }

    private static ByteBuf response(ChannelHandlerContext ctx, ByteBuf request, InetSocketAddress sender) {
        int at = request.readerIndex();
        byte[] address = sender.getAddress().getAddress();
        boolean fingerprint = hasFingerprint(request);
        int attributes = 4 + 4 + address.length + (fingerprint ? 8 : 0);
        ByteBuf out = ctx.alloc().buffer(HEADER_BYTES + attributes);
        out.writeShort(BINDING_SUCCESS);
        out.writeShort(attributes);
        out.writeBytes(request, at + 4, 16);  // magic cookie and the 96-bit transaction ID
        out.writeShort(XOR_MAPPED_ADDRESS);
        out.writeShort(4 + address.length);
        out.writeByte(0);
        out.writeByte(sender.getAddress() instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        out.writeShort(sender.getPort() ^ (MAGIC_COOKIE >>> 16));
        for (int i = 0; i < address.length; i++) {
            // RFC 5389 §15.2: XOR with the magic cookie, then (IPv6) with the transaction ID.
            out.writeByte(address[i] ^ request.getByte(at + 4 + i));
        }
        if (fingerprint) {
            CRC32 crc = new CRC32();
            crc.update(out.nioBuffer(0, out.writerIndex()));
            out.writeShort(FINGERPRINT);
            out.writeShort(4);
            out.writeInt((int) crc.getValue() ^ FINGERPRINT_XOR);
        }
        return out;
    }

    private static boolean hasFingerprint(ByteBuf m) {
        int at = m.readerIndex() + HEADER_BYTES;
        int end = m.readerIndex() + m.readableBytes();
        while (at + 4 <= end) {
            int type = m.getUnsignedShort(at);
            int length = m.getUnsignedShort(at + 2);
            if (type == FINGERPRINT) {
                return true;
            }
            at += 4 + ((length + 3) & ~3);
        }
        return false;
    }
}
