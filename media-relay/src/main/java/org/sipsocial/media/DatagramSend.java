package org.sipsocial.media;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;

/**
 * Sends one datagram on a relay socket from the calling thread. With native epoll it is one {@code sendto} on the
 * socket, from whichever relay thread has the packet (the kernel allows any thread to send on a UDP socket), as
 * rtpengine does: no hand-off to the thread that reads the socket, and no copy (the packet stays the caller's). With
 * NIO it is a copy handed to the channel's own thread.
 */
final class DatagramSend {
    private DatagramSend() {
    }

    /**
     * Sends the readable bytes of {@code packet} to {@code to} on {@code channel}'s socket; false when the socket is
     * closed or its send buffer is full (the packet is dropped, as a router would). {@code packet} stays the caller's.
     */
    static boolean send(Channel channel, ByteBuf packet, InetSocketAddress to) {
        if (!channel.isOpen()) {
            return false;
        }
        if (channel instanceof UnixChannel unix && unix.fd() instanceof Socket socket && packet.hasMemoryAddress()) {
            try {
                return socket.sendToAddress(packet.memoryAddress(), packet.readerIndex(), packet.writerIndex(),
                        to.getAddress(), to.getPort()) > 0;
            } catch (IOException e) {
                return false;
            }
        }
        channel.writeAndFlush(new DatagramPacket(packet.copy(), to));
        return true;
    }
}
