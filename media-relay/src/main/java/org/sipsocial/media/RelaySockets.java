package org.sipsocial.media;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;

/**
 * The media relay's UDP sockets and their threads, on native epoll where it loads (Linux), NIO elsewhere: the one
 * link-side socket every call with every site shares, and each leg's pair of LAN sockets. The sizes and read modes
 * were measured with bench/media (bench/README.md).
 */
final class RelaySockets {
    /** The largest datagram the link side reads (with recvmmsg, each datagram's slot in the read buffer). */
    static final int LINK_DATAGRAM_BYTES = 2048;
    /** Datagrams the link side reads per {@code recvmmsg} call. */
    static final int LINK_DATAGRAMS_PER_READ = 32;
    /**
     * The link-side socket's kernel buffers: every call with every site arrives on that one socket, so it must
     * ride out a pause of the link side's thread (a GC, a busy CPU). Measured with bench/media (bench/README.md):
     * at 100 calls the kernel's default 208 KiB dropped 1.3 % of packets and 4 MiB none. The kernel caps it at
     * {@code net.core.rmem_max} / {@code wmem_max} (README: raise them on a busy site).
     */
    static final int LINK_SIDE_BUFFER_BYTES = 4 << 20;

    /** Native epoll on Linux when it loads, NIO elsewhere. */
    private final boolean epoll = Epoll.isAvailable();
    private final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();

    /** Whether the sockets run on native epoll (Linux) rather than NIO. */
    boolean epoll() {
        return epoll;
    }

    /** {@code count} daemon threads named {@code name}, for sockets of this kind. */
    EventLoopGroup threads(int count, String name) {
        return new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory(name, true), io);
    }

    /**
     * A leg's LAN socket. With epoll, level-triggered and one datagram per read: a phone's packet costs one
     * {@code recvmsg}, where edge-triggered reading goes on until a second one fails with {@code EAGAIN}; the next
     * datagram, if any, is reported again by {@code epoll_wait} at once.
     */
    Channel lan(EventLoop loop, InetSocketAddress address, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(handler);
        if (epoll) {
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.MAX_MESSAGES_PER_READ, 1);
        }
        return bootstrap.bind(address).syncUninterruptibly().channel();
    }

    /**
     * The link-side socket: big kernel buffers, and with epoll one {@code recvmmsg} of up to
     * {@link #LINK_DATAGRAMS_PER_READ} datagrams per read, level-triggered (no second call that fails with
     * {@code EAGAIN}; what is left is reported again by {@code epoll_wait} at once).
     */
    Channel linkSide(EventLoopGroup group, InetSocketAddress address, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class).handler(handler)
                .option(ChannelOption.SO_RCVBUF, LINK_SIDE_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, LINK_SIDE_BUFFER_BYTES)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 4 * LINK_DATAGRAMS_PER_READ)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        if (epoll) {
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
                    .option(ChannelOption.MAX_MESSAGES_PER_READ, 1)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, LINK_DATAGRAM_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(LINK_DATAGRAM_BYTES * LINK_DATAGRAMS_PER_READ));
        }
        return bootstrap.bind(address).syncUninterruptibly().channel();
    }
}
