package org.sipsocial.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sipsocial.identity.SiteName;

/**
 * The link port and the sockets of links, on one network thread. Outbound links leave from the link port
 * itself: the listener and every dialling socket set SO_REUSEADDR and SO_REUSEPORT, so that a port-preserving
 * NAT maps them where the other site expects them.
 *
 * <p>Every link socket closes with a reset (SO_LINGER 0): between two link ports there is one TCP 4-tuple, and
 * a graceful close would hold it in FIN-WAIT or TIME_WAIT for a minute or more, so that neither site could dial
 * the other from its link port, the only port the other's NAT lets through. Nothing is lost by it: what must
 * arrive before a close (the 200 to a disconnect) is answered before the other side resets.
 *
 * <p>Each connection's pipeline, from the network up:
 * <pre>
 * open    which end is the TLS client; replaces itself with tls and framer    {@link SimultaneousOpen}
 * tls     TLS 1.3 with a fresh engine and a {@link PinnedTrust} of its own     SslHandler
 * framer  bytes to SIP messages and CRLF keep-alives                          {@link LinkFramer}
 * link    link requests, keep-alive, reports                                  {@link LinkConnection}
 * </pre>
 */
final class LinkSockets implements AutoCloseable {
    /** What a new connection runs: the stage that starts its TLS, and its link handler. */
    record Stages(SimultaneousOpen open, LinkConnection link) {
    }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private Channel listener;
    private InetSocketAddress local;

    LinkSockets(SiteName site) {
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("site-link-" + site, true),
                NioIoHandler.newFactory());
        this.loop = group.next();
    }

    /** The one thread that runs every link of this site. */
    EventLoop loop() {
        return loop;
    }

    InetSocketAddress local() {
        return local;
    }

    /** Binds the link port; {@code accept} makes the stages of each accepted connection. */
    InetSocketAddress listen(InetSocketAddress at, Function<InetSocketAddress, Stages> accept) {
        requireUnshared(at);
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_LINGER, 0)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        install(ch, accept.apply((InetSocketAddress) ch.remoteAddress()));
                    }
                })
                .bind(at).syncUninterruptibly().channel();
        local = (InetSocketAddress) listener.localAddress();
        return local;
    }

    /**
     * SO_REUSEPORT would let a second listener share the port silently (two sites, or a site started twice):
     * a plain bind first proves that nothing else listens there.
     */
    private static void requireUnshared(InetSocketAddress at) {
        if (at.getPort() == 0) return;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(at);
        } catch (IOException e) {
            throw new IllegalStateException("the link port " + at + " is in use: " + e.getMessage(), e);
        }
    }

    /**
     * Dials {@code target} from the link port; {@code failed} hears a TCP connect that did not complete within {@code connectTimeout}.
     *
     * @return the TCP connect, done when it completed or failed
     */
    ChannelFuture dial(InetSocketAddress target, Duration connectTimeout, Stages stages,
                       Consumer<Throwable> failed) {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_LINGER, 0)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        install(ch, stages);
                    }
                })
                .connect(target, local)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) failed.accept(f.cause());
                });
    }

    private static void install(Channel ch, Stages stages) {
        ch.pipeline().addLast("open", stages.open());
        ch.pipeline().addLast("link", stages.link());
    }

    /**
     * True when a dial from the link port failed because the one TCP 4-tuple between the two link ports is taken:
     * most often the other site's dial is arriving at our listener.
     */
    static boolean linkPortUnavailable(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return cause instanceof java.net.BindException || message.contains("Cannot assign requested address")
                || message.contains("Address already in use");
    }

    /** Runs {@code task} on the link thread and waits for its result (at once when called on that thread). */
    <T> T call(Callable<T> task) {
        try {
            if (loop.inEventLoop()) return task.call();
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the link thread failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("the link thread failed: " + e, e);
        }
    }

    /** Stops listening; the caller closes the connections first. */
    @Override
    public void close() {
        if (listener != null) listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
