package org.sipsocial.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The RFC 5626 keep-alive of one {@link LinkConnection} once it is linked. The initiator (the TLS client) sends a
 * CRLF CRLF ping every keep-alive interval and, with no CRLF pong within the pong timeout, finds the flow failed
 * (RFC 5626 §4.4.1); the answering side pongs, and finds the initiator dead after an interval and a pong timeout of
 * silence. Every {@value #PROBE_EVERY} intervals either side probes again (the round trip and the address it is seen
 * from, which follow NAT rebinding). Runs on the connection's event loop.
 */
final class LinkKeepAlive {
    /** Keep-alive intervals between two probes: 5 minutes at the default 25 s, following NAT rebinding. */
    static final int PROBE_EVERY = 12;
    /** How many times per pong timeout the answering side looks at how long the initiator has been silent. */
    private static final int SILENCE_CHECKS_PER_PONG_TIMEOUT = 4;

    private final LinkSettings settings;
    private final Clock clock;
    /** The round trip of each ping and its pong, on the injected clock: the link's RTT between probes. */
    private final PingRoundTrip pingRoundTrip = new PingRoundTrip();
    private ChannelHandlerContext ctx;
    private LongConsumer probe;
    private Runnable dead;
    private long lastProbeNanos;
    private long lastHeardNanos;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> pongDue;

    LinkKeepAlive(LinkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Something arrived from the other end (or the connection came up): it is not silent. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** The other end pinged: pong. */
    void pinged(ChannelHandlerContext context) {
        context.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.PONG));
    }

    /** The other end ponged: the round trip of our ping, if one is out. */
    Optional<Duration> ponged() {
        cancel(pongDue);
        return pingRoundTrip.answered(clock.instant());
    }

    /**
     * The link is up: the initiator starts pinging, the answering side watching for silence; {@code probe} sends a
     * probe (given the nanoTime it goes at), {@code dead} closes the link whose peer stopped answering.
     */
    void start(ChannelHandlerContext context, boolean answering, LongConsumer probe, Runnable dead) {
        this.ctx = context;
        this.probe = probe;
        this.dead = dead;
        lastProbeNanos = System.nanoTime();
        long every = Math.max(1, answering ? settings.pongTimeout().toMillis() / SILENCE_CHECKS_PER_PONG_TIMEOUT
                : settings.keepAliveInterval().toMillis());
        keepAlive = ctx.executor().scheduleAtFixedRate(answering ? this::watchSilence : this::ping,
                every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops pinging or watching; a ping already out may still time out. */
    void stopPinging() {
        cancel(keepAlive);
    }

    /** Stops everything: no more pings, and no timeout for the one out. */
    void stop() {
        cancel(keepAlive);
        cancel(pongDue);
    }

    /** RFC 5626 §4.4.1: send a CRLF ping; no pong within the timeout means the flow has failed. */
    private void ping() {
        if (pongDue != null && !pongDue.isDone()) return;
        reprobe();
        pingRoundTrip.sent(clock.instant());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkMessages.PING));
        pongDue = ctx.executor().schedule(dead, settings.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The answering side hears a ping every interval: an interval and a pong timeout of silence is a dead peer,
     * found as soon as the initiator finds it.
     */
    private void watchSilence() {
        long limit = settings.keepAliveInterval().plus(settings.pongTimeout()).toNanos();
        if (System.nanoTime() - lastHeardNanos > limit) {
            dead.run();
        } else {
            reprobe();
        }
    }

    /** Every {@value #PROBE_EVERY} keep-alive intervals, measures the round trip and the address seen from again. */
    private void reprobe() {
        long now = System.nanoTime();
        if (now - lastProbeNanos < settings.keepAliveInterval().multipliedBy(PROBE_EVERY).toNanos()) return;
        lastProbeNanos = now;
        probe.accept(now);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
