package org.sipsocial.link.portmap;

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
 * <p>Every step runs on the scheduler's thread, the port-mapping thread (UPnP's calls block).
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

    public FallbackMapper(PortMappingSettings settings, LinkScheduler scheduler, PortMapper natPmp, UpnpMapper upnp) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.natPmp = natPmp;
        this.upnp = upnp;
    }

    /** Starts with PCP through {@code transport} (see {@link PortMapper#start}). */
    public synchronized void start(GatewayTransport transport) {
        natPmp.onGiveUp(this::natPmpGaveUp);
        natPmp.start(transport);
    }

    /** A datagram from the gateway's port 5351: PCP's or NAT-PMP's (see {@link PortMapper#received}). */
    public void received(byte[] datagram, int length) {
        natPmp.received(datagram, length);
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
        LOG.info("{}; trying UPnP", why);
        upnp.start(this::upnpGaveUp);
    }

    private synchronized void upnpGaveUp(String why) {
        if (turn == Turn.STOPPED) {
            return;
        }
        upnpFailure = why;
        turn = Turn.NONE;
        LOG.info("no protocol mapped the port ({}; {}); asking again in {}", natPmpFailure, why, settings.retryAfter());
        timer = scheduler.schedule(settings.retryAfter(), this::again);
    }

    private synchronized void again() {
        if (turn == Turn.NONE) {
            turn = Turn.PCP_OR_NAT_PMP;
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
    }
}
