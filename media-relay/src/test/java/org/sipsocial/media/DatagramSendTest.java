package org.sipsocial.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.jupiter.api.Test;

/**
 * A datagram sent from a thread that is not the channel's own arrives whole, from the channel's port, and the
 * caller keeps its buffer; on a closed socket it is refused.
 */
class DatagramSendTest {
    @Test
    void with_native_epoll_from_another_thread() throws Exception {
        assertThat(Epoll.isAvailable()).as("native epoll loads on this Linux machine").isTrue();
        sendsFromAnotherThread(EpollIoHandler.newFactory(), EpollDatagramChannel.class);
    }

    @Test
    void with_nio_from_another_thread() throws Exception {
        sendsFromAnotherThread(NioIoHandler.newFactory(), NioDatagramChannel.class);
    }

    private static void sendsFromAnotherThread(IoHandlerFactory io, Class<? extends Channel> type) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        try (DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.3.50", 0))) {
            phone.setSoTimeout(5_000);
            Channel channel = new Bootstrap().group(group).channel(type).handler(new ChannelInboundHandlerAdapter())
                    .bind(new InetSocketAddress("127.0.3.1", 0)).syncUninterruptibly().channel();
            byte[] bytes = "sent on the relay's socket from a leg's thread".getBytes();
            ByteBuf packet = Unpooled.directBuffer(64).writeBytes(bytes);
            InetSocketAddress to = (InetSocketAddress) phone.getLocalSocketAddress();

            assertThat(DatagramSend.send(channel, packet, to)).isTrue();
            DatagramPacket got = new DatagramPacket(new byte[2048], 2048);
            phone.receive(got);
            assertThat(Arrays.copyOf(got.getData(), got.getLength())).isEqualTo(bytes);
            assertThat(got.getPort()).isEqualTo(((InetSocketAddress) channel.localAddress()).getPort());
            assertThat(packet.refCnt()).as("the caller's buffer, still whole").isEqualTo(1);
            assertThat(packet.readableBytes()).isEqualTo(bytes.length);

            channel.close().syncUninterruptibly();
            assertThat(DatagramSend.send(channel, packet, to)).as("sent on a closed socket").isFalse();
            packet.release();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
