package org.sipsocial.link.portmap;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.sipsocial.link.LinkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order in which the site asks its router for a port mapping: PCP (RFC 6887), then NAT-PMP (RFC 6886), both
 * in {@link PortMapper}, then UPnP IGD ({@link UpnpMapper}), each only after the one before got no answer or a
 * refusal. The first that maps keeps the mapping and renews it; when all three fail, the status line says why each
 * did, and the turn starts again from PCP after {@link PortMappingSettings#retryAfter()} (a router may have port
 * mapping turned on later). A protocol that maps and later fails to renew hands over to the next the same way.
 *
 * <p>Every step runs on the scheduler's thread, the port-mapping thread (UPnP's calls block), but for what the
 * router sends: {@link #received} and {@link #announced} run on the threads that read its sockets.
 */
public final class FallbackMapper {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackMapper.class);

    private enum Turn { PCP_OR_NAT_PMP, UPNP, NONE, STOPPED }

    private final PortMappingSettings settings;
    private final LinkScheduler scheduler;
    private final PortMapper natPmp;
    private final UpnpMapper upnp;
    private volatile Turn turn = Turn.PCP_OR_NAT_PMP;
    private volatile String natPmpFailure = "";
    private volatile String upnpFailure = "";
    private LinkScheduler.Timer timer;
    private final Object announcing = new Object();
    private java.util.function.Consumer<Optional<InetSocketAddress>> mediaMapped = media -> { };
    /** The media mapping last told to {@link #onMediaMapped}'s listener. */
    private Optional<InetSocketAddress> announced = Optional.empty();

    public FallbackMapper(PortMappingSettings settings, LinkScheduler scheduler, PortMapper natPmp, UpnpMapper upnp) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.natPmp = natPmp;
        this.upnp = upnp;
    }

    /**
     * {@code listener} hears the external address and UDP port the router maps to the media relay's port whenever
     * it changes (by whichever protocol), and empty when none is mapped any more (issue 15: the relay tells other
     * sites' relays). It runs on the port-mapping threads and must not wait. Set before {@link #start}.
     */
    public void onMediaMapped(java.util.function.Consumer<Optional<InetSocketAddress>> listener) {
        this.mediaMapped = listener;
    }

    /** Starts with PCP through {@code transport} (see {@link PortMapper#start}). */
    public synchronized void start(GatewayTransport transport) {
        natPmp.onGiveUp(this::natPmpGaveUp);
        natPmp.onChange(this::announce);
        upnp.onChange(this::announce);
        natPmp.start(transport);
    }

    /**
     * Tells the listener of a change of the media mapping. The status is read before taking the lock of the
     * announcements, never under it: a mapper calls here under its own lock, and status reads take that lock.
     */
    private void announce() {
        Optional<InetSocketAddress> media = status().media();
        synchronized (announcing) {
            if (media.equals(announced)) {
                return;
            }
            announced = media;
            mediaMapped.accept(media);
        }
    }

    /** A datagram from the gateway's port 5351: PCP's or NAT-PMP's (see {@link PortMapper#received}). */
    public void received(byte[] datagram, int length) {
        natPmp.received(datagram, length);
    }

    /**
     * A datagram the gateway sent unasked (to 224.0.0.1:5350, RFC 6887 §14.1.3 and RFC 6886 §3.2.1): for PCP and
     * NAT-PMP while theirs is the turn ({@link PortMapper#announced}); when no protocol mapped the port, a router
     * that announces itself is asked again, from PCP, after the same random wait as a re-creation (it may have been
     * restarting when it was asked). UPnP has no epoch and no announcement to heed: it maps again at each renewal.
     */
    public synchronized void announced(byte[] datagram, int length) {
        if (turn == Turn.PCP_OR_NAT_PMP) {
            natPmp.announced(datagram, length);
        } else if (turn == Turn.NONE) {
            if (timer != null) {
                timer.cancel();
            }
            java.time.Duration wait = natPmp.randomWait();
            LOG.info("the router announced itself; asking it again in {}", wait);
            timer = scheduler.schedule(wait, this::again);
        }
    }

    /** Called under the PCP/NAT-PMP mapper's lock: UPnP's blocking round runs later, on the scheduler's thread. */
    private void natPmpGaveUp(String why) {
        scheduler.schedule(java.time.Duration.ZERO, () -> upnpTurn(why));
    }

    private synchronized void upnpTurn(String why) {
        if (turn == Turn.STOPPED) {
            return;
        }
        natPmpFailure = why;
        turn = Turn.UPNP;
        announce();
        LOG.info("{}; trying UPnP", why);
        upnp.start(this::upnpGaveUp);
    }

    private synchronized void upnpGaveUp(String why) {
        if (turn == Turn.STOPPED) {
            return;
        }
        upnpFailure = why;
        turn = Turn.NONE;
        announce();
        LOG.info("no protocol mapped the port ({}; {}); asking again in {}", natPmpFailure, why, settings.retryAfter());
        timer = scheduler.schedule(settings.retryAfter(), this::again);
    }

    private synchronized void again() {
        if (turn == Turn.NONE) {
            turn = Turn.PCP_OR_NAT_PMP;
            announce();
            natPmp.restart();
        }
    }

    /** What is mapped now and by which protocol, or why none mapped it; never waits for UPnP's blocking calls. */
    public PortMappingStatus status() {
        return switch (turn) {
            case PCP_OR_NAT_PMP, STOPPED -> natPmp.status();
            case UPNP -> upnp.status();
            case NONE -> PortMappingStatus.unmapped(natPmpFailure + "; UPnP: " + upnpFailure);
        };
    }

    /** Stops every protocol; each deletes what it mapped. */
    public synchronized void stop() {
        turn = Turn.STOPPED;
        if (timer != null) {
            timer.cancel();
        }
        natPmp.stop();
        upnp.stop();
        announce();
    }
}
