package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.sipsocial.link.LinkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port mapping client that keeps one port mapped on the router, on TCP (the link port) and UDP (the media relay's
 * port, the same number), speaking PCP (RFC 6887) first and NAT-PMP (RFC 6886) to a router that answers PCP as a
 * NAT-PMP server does (RFC 6887 §9: version 0 with result 1, "Unsupported Version") or not at all.
 *
 * <p>One round asks, one request at a time: with PCP, a MAP for TCP then for UDP (§11.1, one nonce for the life of
 * the mapper, §11.2); with NAT-PMP, the external address (RFC 6886 §3.2), then the TCP and the UDP mapping (§3.3).
 * Each suggests the port itself, or on renewal the external port granted before. Both dialects use NAT-PMP's
 * retransmissions (RFC 6886 §3.1: 250 ms, doubled each time, up to the settings' attempts) rather than PCP's slower
 * ones (RFC 6887 §8.1.1: 3 s, up to 1024 s, without end), so that a router on the LAN that does not answer is
 * known within about two minutes. A round that succeeds is run again at half the shortest granted lifetime (RFC 6886
 * §3.3, RFC 6887 §11.2.1); every round maps anew.
 *
 * <p>A router that lost its mappings (a reboot) says so by its epoch ({@link GatewayEpoch}: RFC 6887 §8.5, RFC 6886
 * §3.6), in its answers and in its announcements ({@link #announced}); the mappings are then made again at once,
 * not at the next renewal. A round that gets no answer or a refusal is tried again after
 * {@link PortMappingSettings#retryAfter()}, PCP first again, or, when a next protocol is set
 * ({@link #onGiveUp}), is handed to it. {@link #stop()} deletes both mappings (lifetime 0:
 * RFC 6886 §3.4, RFC 6887 §15).
 *
 * <p>{@link RouterReply} reads what the router says to each request; {@link MappedPorts} keeps what it granted.
 *
 * <p>Time is injected: timers run on the {@link LinkScheduler}, and "renewed" times come from the {@link Clock}.
 * Every method is synchronized: responses arrive on the transport's thread, timers on the scheduler's.
 */
public final class PortMapper {
    private static final Logger LOG = LoggerFactory.getLogger(PortMapper.class);

    private enum Phase { ASKING, MAPPED, NO_ANSWER, REFUSED, STOPPED }

    private final PortMappingSettings settings;
    private final LinkScheduler scheduler;
    private final Clock clock;
    private final String gateway;
    private final byte[] nonce;
    private final RandomGenerator random;
    private final GatewayEpoch epoch;
    private GatewayTransport transport;

    private final Deque<MappingRequest> round = new ArrayDeque<>();
    private Dialect dialect = Dialect.PCP;
    private boolean pcpUnanswered;
    private int attempt;
    private LinkScheduler.Timer timer;
    private Phase phase = Phase.ASKING;
    private String refusal = "";
    private final MappedPorts mapped = new MappedPorts();
    private Consumer<String> gaveUp;
    private Runnable changed = () -> { };

    /**
     * {@code gateway} names the router in status lines; {@code nonce} is PCP's Mapping Nonce (RFC 6887 §11.1: 96
     * random bits, kept for renewals and deletions); {@code random} draws the wait before mappings are made again
     * after an announcement (RFC 6887 §14.1.3, RFC 6886 §3.7).
     */
    public PortMapper(PortMappingSettings settings, LinkScheduler scheduler, Clock clock, String gateway, byte[] nonce,
            RandomGenerator random) {
        if (nonce.length != PcpCodec.NONCE_LENGTH) {
            throw new IllegalArgumentException("a mapping nonce has 96 bits");
        }
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.gateway = gateway;
        this.nonce = nonce.clone();
        this.random = random;
        this.epoch = new GatewayEpoch(clock);
    }

    /**
     * Hands a round that got no answer or a refusal to {@code next} (with the status line that says why) instead of
     * asking again after {@link PortMappingSettings#retryAfter()}: the next protocol is tried, and whoever tried it
     * calls {@link #restart()} when PCP's turn comes again. Set before {@link #start}.
     */
    public synchronized void onGiveUp(Consumer<String> next) {
        this.gaveUp = next;
    }

    /**
     * {@code listener} runs after every change of what is mapped (mapped, renewed, refused, unanswered, stopped),
     * under this mapper's lock: it may read {@link #status()}, and must not wait for another thread. Set before
     * {@link #start}.
     */
    public synchronized void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Starts the first round through {@code transport}, which this mapper closes on {@link #stop()}. */
    public synchronized void start(GatewayTransport transport) {
        this.transport = transport;
        startRound();
    }

    private void startRound() {
        round.clear();
        mapped.roundStarted();
        epoch.roundStarted();
        if (transport.localAddress() == null) {
            dialect = Dialect.NAT_PMP; // PCP needs the client's own IPv4 address (RFC 6887 §8.1)
        }
        if (dialect == Dialect.NAT_PMP) {
            round.add(new MappingRequest(NatPmpCodec.externalAddressRequest(), dialect, null));
        }
        for (MappedProtocol protocol : MappedProtocol.values()) {
            round.add(new MappingRequest(request(protocol, settings.lifetime().toSeconds()), dialect, protocol));
        }
        sendFirstAttempt();
    }

    private byte[] request(MappedProtocol protocol, long lifetime) {
        int suggested = mapped.suggested(protocol, settings.port());
        if (dialect == Dialect.NAT_PMP) {
            return lifetime == 0 ? NatPmpCodec.deletionRequest(protocol, settings.port())
                    : NatPmpCodec.mappingRequest(protocol, settings.port(), suggested, lifetime);
        }
        return PcpCodec.mapRequest(nonce, protocol, settings.port(), suggested, lifetime, transport.localAddress());
    }

    private void sendFirstAttempt() {
        attempt = 0;
        send();
    }

    private void send() {
        transport.send(round.peek().bytes());
        timer = scheduler.schedule(settings.waitAfter(attempt), this::noAnswerYet);
    }

    private synchronized void noAnswerYet() {
        if (phase == Phase.STOPPED || round.isEmpty()) {
            return;
        }
        attempt++;
        if (attempt < settings.attempts()) {
            send();
            return;
        }
        if (dialect == Dialect.PCP) {
            LOG.info("the router at {} did not answer PCP; trying NAT-PMP", gateway);
            pcpUnanswered = true;
            dialect = Dialect.NAT_PMP;
            startRound();
            return;
        }
        phase = Phase.NO_ANSWER;
        round.clear();
        changed.run();
        giveUp("the router at " + gateway + " did not answer " + unanswered());
    }

    private void giveUp(String why) {
        if (gaveUp != null) {
            LOG.info("{}; trying the next protocol", why);
            gaveUp.accept(status().line());
            return;
        }
        LOG.info("{}; asking again in {}", why, settings.retryAfter());
        timer = scheduler.schedule(settings.retryAfter(), this::retry);
    }

    /** Starts again from PCP, as after {@link PortMappingSettings#retryAfter()}: the turn of the protocols has come round. */
    public synchronized void restart() {
        cancelTimer();
        retry();
    }

    private String unanswered() {
        return pcpUnanswered ? "PCP or NAT-PMP" : "NAT-PMP";
    }

    private synchronized void retry() {
        if (phase != Phase.STOPPED) {
            dialect = Dialect.PCP;
            pcpUnanswered = false;
            startRound();
        }
    }

    /**
     * A datagram from the gateway: the answer to the request in flight, an ANNOUNCE it sent this client unasked
     * (RFC 6887 §14.1.3: this client never asks one), or else ignored.
     */
    public synchronized void received(byte[] datagram, int length) {
        if (GatewayAnnouncement.isPcpAnnounce(datagram, length)) {
            announced(datagram, length);
            return;
        }
        if (phase == Phase.STOPPED || round.isEmpty() || length < 4) {
            return;
        }
        MappingRequest pending = round.peek();
        RouterReply reply = RouterReply.to(pending, datagram, length, nonce, settings.port());
        if (reply instanceof RouterReply.OlderVersion) {
            LOG.info("the router at {} speaks NAT-PMP, not PCP", gateway);
            cancelTimer();
            dialect = Dialect.NAT_PMP;
            startRound();
        } else if (reply instanceof RouterReply.Ignored ignored) {
            LOG.debug("{} datagram ignored: {}", pending.dialect(), ignored.datagram());
        } else if (reply instanceof RouterReply.Answer answer) {
            cancelTimer();
            round.pop();
            epoch.duringRound(dialect, answer.epoch(), true);
            if (!accepted(answer.success(), answer.result())) return;
            if (answer.namesExternal()) mapped.external(answer.external());
            if (answer.protocol() != null) mapped.granted(dialect, answer.protocol(), answer.externalPort(), answer.lifetime());
            next();
        }
    }

    private void next() {
        if (!round.isEmpty()) {
            sendFirstAttempt();
            return;
        }
        phase = Phase.MAPPED;
        mapped.renewed(clock.instant());
        changed.run();
        if (epoch.roundLost()) {
            // RFC 6887 §8.5: "promptly"; RFC 6886 §3.7: after a random wait of up to 5 s.
            Duration wait = dialect == Dialect.PCP ? Duration.ZERO : randomWait();
            LOG.info("the router at {} lost its mappings during the round ({} epoch); mapping again in {}", gateway, dialect, wait);
            mapAgainAfter(wait);
            return;
        }
        Duration renewal = mapped.renewal();
        LOG.info("{}; renewing in {}", mapped.status(clock.getZone()).line(), renewal);
        timer = scheduler.schedule(renewal, this::retry);
    }

    /**
     * A datagram the gateway sent unasked ({@link GatewayAnnouncement}: RFC 6887 §14.1.3, RFC 6886 §3.2.1), whose
     * source the caller has checked is the gateway. An epoch that shows lost state (RFC 6887 §8.5, RFC 6886 §3.6)
     * makes every mapping again after a random wait of up to 5 seconds (RFC 6887 §14.1.3, RFC 6886 §3.7: every
     * client on the LAN heard the same announcement), as does another external address announced while PCP mapped
     * (only a MAP learns what the router now maps); with NAT-PMP, the new address is the mappings' at once (RFC 6886
     * §3.2.1). During a round, an epoch showing lost state runs the round again once it ends. A router that did not
     * answer or refused is asked again after the random wait. Anything else is ignored.
     */
    public synchronized void announced(byte[] datagram, int length) {
        if (phase != Phase.STOPPED) {
            GatewayAnnouncement.decode(datagram, length).ifPresent(this::announced);
        }
    }

    private void announced(GatewayAnnouncement announcement) {
        if (phase == Phase.ASKING) {
            epoch.duringRound(announcement.dialect(), announcement.epoch(), false);
            return;
        }
        boolean lost = !epoch.valid(announcement.dialect(), announcement.epoch());
        if (phase == Phase.MAPPED) {
            announcedWhileMapped(lost ? "lost its mappings (" + announcement.dialect() + " epoch " + announcement.epoch()
                    + ")" : null, announcement.external());
        } else if (gaveUp == null) { // no answer or refused, and no next protocol: a router that speaks up is asked again
            cancelTimer();
            mapAgainAfter(randomWait());
        }
    }

    private void announcedWhileMapped(String lost, Inet4Address address) {
        boolean moved = address != null && !address.equals(mapped.external());
        if (lost == null && moved && mapped.mappedBy() == Dialect.NAT_PMP) {
            LOG.info("the router at {} announced its new external address {} (NAT-PMP)", gateway, address.getHostAddress());
            mapped.external(address);
            changed.run();
            return;
        }
        if (lost == null && !moved) {
            return;
        }
        cancelTimer();
        Duration wait = randomWait();
        LOG.info("the router at {} {}; mapping again in {}", gateway,
                lost != null ? lost : "announced another external address, " + address.getHostAddress(), wait);
        mapAgainAfter(wait);
    }

    /** RFC 6887 §14.1.3, RFC 6886 §3.7: a uniformly random wait between 0 and 5 seconds. */
    Duration randomWait() {
        return Duration.ofMillis(random.nextLong(5001));
    }

    private void mapAgainAfter(Duration wait) {
        timer = scheduler.schedule(wait, this::retry);
    }

    private boolean accepted(boolean success, String result) {
        if (success) {
            return true;
        }
        phase = Phase.REFUSED;
        refusal = dialect + ": " + result;
        round.clear();
        changed.run();
        giveUp("the router at " + gateway + " refused " + refusal);
        return false;
    }

    /** What is mapped now, or why nothing is. */
    public synchronized PortMappingStatus status() {
        return switch (phase) {
            case MAPPED -> mapped.status(clock.getZone());
            case ASKING -> PortMappingStatus.unmapped("port mapping: asking the router at " + gateway + " (" + dialect + ")");
            case NO_ANSWER -> PortMappingStatus.unmapped("no port mapping: the router did not answer " + unanswered());
            case REFUSED -> PortMappingStatus.unmapped("no port mapping: the router refused " + refusal);
            case STOPPED -> PortMappingStatus.unmapped("no port mapping: the site is stopping");
        };
    }

    /**
     * Stops asking and, if anything was ever mapped, deletes the mappings in the dialect that made them, sending each
     * deletion once (RFC 6886 §3.4, RFC 6887 §15: a request with lifetime 0); then closes the transport.
     */
    public synchronized void stop() {
        if (phase == Phase.STOPPED) {
            return;
        }
        phase = Phase.STOPPED;
        cancelTimer();
        round.clear();
        changed.run();
        if (transport == null) {
            return;
        }
        if (mapped.mappedBy() != null) {
            dialect = mapped.mappedBy();
            for (MappedProtocol protocol : MappedProtocol.values()) {
                transport.send(request(protocol, 0));
            }
            LOG.info("asked the router at {} to delete the mappings of port {} ({})", gateway, settings.port(), mapped.mappedBy());
        }
        transport.close();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
