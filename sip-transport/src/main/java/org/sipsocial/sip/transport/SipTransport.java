package org.sipsocial.sip.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;

/**
 * The SIP transport layer (RFC 3261 §18) over UDP, TCP and TLS: listeners, connections, and the
 * sending rules of §18.1.1 / §18.2.2 and RFC 3581. Received messages go to one
 * {@link InboundListener}; the transaction layer's adapter calls {@link #send} and
 * {@link #sendResponse}.
 *
 * <pre>{@code
 * SipTransport t = SipTransport.builder(listener, meterRegistry)
 *         .listen(Transport.UDP, new InetSocketAddress("0.0.0.0", 5060))
 *         .listen(Transport.TCP, new InetSocketAddress("0.0.0.0", 5060))
 *         .tls(new TlsContexts(credentials))
 *         .listen(new ListenerSpec(Transport.TLS, new InetSocketAddress("0.0.0.0", 5061), ClientAuth.OPTIONAL))
 *         .start();
 * }</pre>
 */
public final class SipTransport implements AutoCloseable {
    private final NetworkThreads threads;
    private final TransportParts parts;
    private final MessageSender sender;
    private final List<Channel> channels;
    private final List<ListenerSpec> bound;
    private volatile boolean closed;

    private SipTransport(NetworkThreads threads, TransportParts parts, List<Channel> channels,
                         List<Channel> udpSockets, List<ListenerSpec> bound) {
        this.threads = threads;
        this.parts = parts;
        this.channels = channels;
        this.bound = List.copyOf(bound);
        this.sender = new MessageSender(parts, new Connector(parts, threads), udpSockets);
    }

    /**
     * The kernel buffer asked for each UDP socket: a burst of datagrams (or a garbage-collection pause) must not
     * overflow the default of about 200 KB; the kernel caps it at net.core.rmem_max.
     */
    static final int UDP_SOCKET_RECEIVE_BUFFER = 4 * 1024 * 1024;

    public static Builder builder(InboundListener listener, MeterRegistry registry) {
        return new Builder(listener, registry);
    }

    /** The listeners with the addresses they are bound to (port 0 replaced by the real port). */
    public List<ListenerSpec> listeners() {
        return bound;
    }

    /** The bound address of the first listener of that transport, or {@code null}. */
    public InetSocketAddress localAddress(Transport transport) {
        for (ListenerSpec s : bound) {
            if (s.transport() == transport) return s.address();
        }
        return null;
    }

    /**
     * Sends a request to the next hop (RFC 3261 §18.1.1): over UDP from a listener's socket; over
     * TCP or TLS on the connection open to {@code target} (one we opened, one the target opened to
     * us, or one aliased to it, RFC 5923), else on a new one. Choosing the transport and resolving
     * the hop (RFC 3263) belong to the caller.
     *
     * @return completes when the message is handed to the network, or fails with a {@link TransportException}
     */
    public CompletableFuture<Void> send(SipRequest request, Transport transport, InetSocketAddress target) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(target, "target");
        if (closed) return CompletableFuture.failedFuture(new TransportException(TransportFailure.CLOSED, "closed"));
        return sender.send(request, transport, target);
    }

    /**
     * Sends a response where its top Via says (RFC 3261 §18.2.2): for TCP and TLS over the
     * connection the request came on while it is open, else a new connection to the
     * {@code received} address and sent-by port; for UDP to {@code received} (or the sent-by host)
     * at the {@code rport} (RFC 3581 §4) or sent-by port, from the socket the request came in on.
     */
    public CompletableFuture<Void> sendResponse(SipResponse response) {
        Objects.requireNonNull(response, "response");
        if (closed) return CompletableFuture.failedFuture(new TransportException(TransportFailure.CLOSED, "closed"));
        return sender.sendResponse(response);
    }

    /** The TLS contexts (replace credentials there at run time), or {@code null} when TLS is not configured. */
    public TlsContexts tls() {
        return parts.tls();
    }

    /** Open TCP and TLS connections, both directions. */
    public int openConnections() {
        return parts.table().open();
    }

    /** True when the network threads run on native epoll, false on NIO. */
    public boolean nativeTransport() {
        return threads.nativeEpoll();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Channel c : channels) c.close();
        parts.table().closeAll();
        threads.close();
    }

    /** Configures and starts a {@link SipTransport}. */
    public static final class Builder {
        private final InboundListener listener;
        private final MeterRegistry registry;
        private final List<ListenerSpec> specs = new ArrayList<>();
        private TransportLimits limits = TransportLimits.DEFAULTS;
        private TlsContexts tls;
        private SourceAdmission admission = SourceAdmission.ALL;

        private Builder(InboundListener listener, MeterRegistry registry) {
            this.listener = Objects.requireNonNull(listener, "listener");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        public Builder limits(TransportLimits value) {
            this.limits = Objects.requireNonNull(value);
            return this;
        }

        /** TLS credentials for TLS listeners and for TLS connections we open. */
        public Builder tls(TlsContexts value) {
            this.tls = value;
            return this;
        }

        /** Which sources' messages are taken at all (by default every source's); see {@link SourceLimiter}. */
        public Builder admission(SourceAdmission value) {
            this.admission = Objects.requireNonNull(value);
            return this;
        }

        public Builder listen(ListenerSpec spec) {
            specs.add(Objects.requireNonNull(spec));
            return this;
        }

        public Builder listen(Transport transport, InetSocketAddress address) {
            return listen(ListenerSpec.of(transport, address));
        }

        /**
         * Binds every listener and starts; on any failure nothing stays bound.
         *
         * @throws IllegalStateException when a listener cannot bind, or TLS is asked for without credentials
         */
        public SipTransport start() {
            for (ListenerSpec s : specs) {
                if (s.transport() == Transport.TLS && tls == null) {
                    throw new IllegalStateException("a TLS listener needs TLS credentials: " + s);
                }
            }
            NetworkThreads threads = new NetworkThreads(limits.ioThreads());
            TransportParts parts = new TransportParts(limits, tls, listener, new TransportMetrics(registry), admission);
            List<Channel> channels = new CopyOnWriteArrayList<>();
            List<Channel> udp = new CopyOnWriteArrayList<>();
            List<ListenerSpec> bound = new ArrayList<>();
            try {
                for (ListenerSpec s : specs) {
                    Channel ch = s.transport() == Transport.UDP ? bindUdp(threads, parts, s) : bindStream(threads, parts, s);
                    channels.add(ch);
                    if (s.transport() == Transport.UDP) udp.add(ch);
                    bound.add(new ListenerSpec(s.transport(), (InetSocketAddress) ch.localAddress(), s.clientAuth()));
                }
            } catch (Exception e) { // Netty rethrows a failed bind's IOException undeclared
                for (Channel c : channels) c.close();
                threads.close();
                throw new IllegalStateException("cannot start the SIP transport: " + e.getMessage(), e);
            }
            return new SipTransport(threads, parts, channels, udp, bound);
        }

        private Channel bindUdp(NetworkThreads threads, TransportParts parts, ListenerSpec s) {
            int receiveBuffer = Math.max(2048, Math.min(limits.sip().maxMessageSize() + 1, 65_536));
            return new Bootstrap()
                    .group(threads.group())
                    .channelFactory(() -> threads.datagramChannel(s.address().getAddress()))
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(receiveBuffer))
                    // Each datagram is read into a buffer as large as the largest message. Netty's default (adaptive)
                    // allocator pools nothing that large when direct memory is under 512 MB (the launcher gives 64 MB),
                    // so every datagram cost a fresh, zeroed 64 kB direct buffer and its cleaner (issue 14: 4 % of the
                    // network thread under calls, async-profiler). The pooled allocator serves it from its arenas.
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.SO_RCVBUF, UDP_SOCKET_RECEIVE_BUFFER)
                    .option(ChannelOption.SO_SNDBUF, UDP_SOCKET_RECEIVE_BUFFER)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("gate", new SourceGate(parts.admission()));
                            ch.pipeline().addLast("stun", new StunBindingResponder());
                            ch.pipeline().addLast("parser", new DatagramParser(limits.sip()));
                            ch.pipeline().addLast("dispatch", parts.dispatcher(Transport.UDP));
                        }
                    })
                    .bind(s.address()).syncUninterruptibly().channel();
        }

        private Channel bindStream(NetworkThreads threads, TransportParts parts, ListenerSpec s) {
            return new ServerBootstrap()
                    .group(threads.group())
                    .channel(threads.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(StreamPipeline.accepting(parts, s.transport(), s.clientAuth()))
                    .bind(s.address()).syncUninterruptibly().channel();
        }
    }
}
