package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.sipsocial.link.LinkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NAT-PMP client (RFC 6886) that keeps one port mapped on the router, on TCP (the link port) and UDP (the media
 * relay's port, the same number). One round asks, one request at a time, for the external address (§3.2), then the
 * TCP and the UDP mapping (§3.3), suggesting the port itself (or, on renewal, the external port granted before).
 * Each request is sent again after 250 ms, then after twice as long each time, up to the settings' attempts (§3.1).
 * A round that succeeds is run again at half the shortest granted lifetime (§3.3: "The client SHOULD begin trying to
 * renew the mapping halfway to expiry time"); since every round maps anew, a router that lost its mappings (§3.6,
 * a reboot) has them back at the next renewal. A round that gets no answer or a refusal is tried again after
 * {@link PortMappingSettings#retryAfter()}. {@link #stop()} deletes both mappings (§3.4: lifetime 0).
 *
 * <p>Time is injected: timers run on the {@link LinkScheduler}, and "renewed" times come from the {@link Clock}.
 * Every method is synchronized: responses arrive on the transport's thread, timers on the scheduler's.
 */
public final class PortMapper {
    private static final Logger LOG = LoggerFactory.getLogger(PortMapper.class);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private enum Phase { ASKING, MAPPED, NO_ANSWER, REFUSED, STOPPED }

    /** One request of a round and the response opcode that answers it. */
    private record Request(byte[] bytes, int responseOpcode) {
    }

    private final PortMappingSettings settings;
    private final LinkScheduler scheduler;
    private final Clock clock;
    private final String gateway;
    private NatPmpTransport transport;

    private final Deque<Request> round = new ArrayDeque<>();
    private int attempt;
    private LinkScheduler.Timer timer;
    private Phase phase = Phase.ASKING;
    private String refusal = "";
    private Inet4Address external;
    private int externalTcpPort;
    private int externalUdpPort;
    private long shortestLifetime;
    private Instant renewed;
    private boolean mappedOnce;

    /** {@code gateway} names the router in status lines. */
    public PortMapper(PortMappingSettings settings, LinkScheduler scheduler, Clock clock, String gateway) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.gateway = gateway;
    }

    /** Starts the first round through {@code transport}, which this mapper closes on {@link #stop()}. */
    public synchronized void start(NatPmpTransport transport) {
        this.transport = transport;
        startRound();
    }

    private void startRound() {
        round.clear();
        shortestLifetime = Long.MAX_VALUE;
        round.add(new Request(NatPmpCodec.externalAddressRequest(), NatPmpCodec.RESPONSE_BIT + NatPmpCodec.OP_EXTERNAL_ADDRESS));
        for (MappedProtocol protocol : MappedProtocol.values()) {
            int suggested = protocol == MappedProtocol.TCP ? externalTcpPort : externalUdpPort;
            round.add(new Request(NatPmpCodec.mappingRequest(protocol, settings.port(), suggested == 0 ? settings.port() : suggested,
                    settings.lifetime().toSeconds()), NatPmpCodec.RESPONSE_BIT + protocol.opcode()));
        }
        sendFirstAttempt();
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
        LOG.info("the router at {} did not answer NAT-PMP; asking again in {}", gateway, settings.retryAfter());
        phase = Phase.NO_ANSWER;
        round.clear();
        timer = scheduler.schedule(settings.retryAfter(), this::retry);
    }

    private synchronized void retry() {
        if (phase != Phase.STOPPED) {
            startRound();
        }
    }

    /** A datagram from the gateway: the answer to the request in flight, or else ignored. */
    public synchronized void received(byte[] datagram, int length) {
        if (phase == Phase.STOPPED || round.isEmpty()) {
            return;
        }
        NatPmpResponse response = NatPmpCodec.decode(datagram, length);
        if (response.opcode() != round.peek().responseOpcode()) {
            LOG.debug("NAT-PMP datagram ignored: {}", response);
            return;
        }
        cancelTimer();
        round.pop();
        if (response instanceof NatPmpResponse.ExternalAddress answer) {
            if (!accepted(answer.result())) return;
            external = answer.external();
        } else if (response instanceof NatPmpResponse.Mapping answer) {
            if (!accepted(answer.result())) return;
            mappedOnce = true;
            if (answer.protocol() == MappedProtocol.TCP) externalTcpPort = answer.externalPort(); else externalUdpPort = answer.externalPort();
            shortestLifetime = Math.min(shortestLifetime, answer.lifetime());
        }
        if (!round.isEmpty()) {
            sendFirstAttempt();
            return;
        }
        phase = Phase.MAPPED;
        renewed = clock.instant();
        Duration renewal = Duration.ofSeconds(Math.max(1, shortestLifetime / 2));
        LOG.info("{}; renewing in {}", line(), renewal);
        timer = scheduler.schedule(renewal, this::retry);
    }

    private boolean accepted(NatPmpResult result) {
        if (result == NatPmpResult.SUCCESS) {
            return true;
        }
        phase = Phase.REFUSED;
        refusal = result.text();
        round.clear();
        LOG.info("the router at {} refused NAT-PMP: {}; asking again in {}", gateway, refusal, settings.retryAfter());
        timer = scheduler.schedule(settings.retryAfter(), this::retry);
        return false;
    }

    /** What is mapped now, or why nothing is. */
    public synchronized PortMappingStatus status() {
        return switch (phase) {
            case MAPPED -> new PortMappingStatus(line(), Optional.of(external.getHostAddress() + ":" + externalTcpPort));
            case ASKING -> PortMappingStatus.unmapped("port mapping: asking the router at " + gateway + " (NAT-PMP)");
            case NO_ANSWER -> PortMappingStatus.unmapped("no port mapping: the router did not answer NAT-PMP");
            case REFUSED -> PortMappingStatus.unmapped("no port mapping: the router refused NAT-PMP: " + refusal);
            case STOPPED -> PortMappingStatus.unmapped("no port mapping: the site is stopping");
        };
    }

    private String line() {
        String udp = externalUdpPort == externalTcpPort ? "" : " (UDP on " + externalUdpPort + ")";
        return "router mapped " + external.getHostAddress() + ":" + externalTcpPort + udp + " to this site by NAT-PMP, renewed "
                + HOUR_MINUTE.format(renewed.atZone(zone()));
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    /**
     * Stops asking and, if anything was ever mapped, deletes the mappings (§3.4: "A mapping may be deleted by
     * requesting a mapping with a requested lifetime of zero"), sending each deletion once; then closes the transport.
     */
    public synchronized void stop() {
        if (phase == Phase.STOPPED) {
            return;
        }
        phase = Phase.STOPPED;
        cancelTimer();
        round.clear();
        if (transport == null) {
            return;
        }
        if (mappedOnce) {
            for (MappedProtocol protocol : MappedProtocol.values()) {
                transport.send(NatPmpCodec.deletionRequest(protocol, settings.port()));
            }
            LOG.info("asked the router at {} to delete the mappings of port {}", gateway, settings.port());
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
