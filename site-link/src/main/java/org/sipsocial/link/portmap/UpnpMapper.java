package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

import org.sipsocial.link.LinkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UPnP IGD client: keeps the port mapped on TCP and UDP through a router's WAN connection service, as
 * {@link PortMapper} does with PCP and NAT-PMP, and is the protocol tried after them. A round searches for the
 * router when it has no service yet (UDA 1.1 §1.3), asks its external address (GetExternalIPAddress), then maps
 * TCP and UDP (AddPortMapping, WANIPConnection:2 §2.4.16) for {@link PortMappingSettings#lifetime()}, and runs again
 * at half the lease. A router that takes only permanent leases (error 725, OnlyPermanentLeasesSupported: some IGD:1
 * routers) is asked with lease 0 and still renewed on the same schedule, so that a mapping lost in a reboot comes
 * back; a version 2 router whose external port is taken (718, ConflictInMappingEntry) is asked to choose one
 * (AddAnyPortMapping, §2.4.17). UPnP IGD has no epoch and nothing this client hears when a router restarts (unlike
 * PCP and NAT-PMP, {@link GatewayEpoch}): a router that rebooted has the mappings back at the next renewal, when
 * AddPortMapping is asked again, at most half the lease later. A failed round's reason is handed to {@link #start}'s {@code gaveUp}, which decides
 * when to ask again. {@link #stop()} deletes what was mapped (DeletePortMapping, §2.4.18).
 *
 * <p>The gateway's calls block, so every method runs on the scheduler's thread, the port-mapping thread; time is
 * injected: rounds are timers of the {@link LinkScheduler}, "renewed" times come from the {@link Clock}.
 */
public final class UpnpMapper {
    /** The protocol as status lines name it. */
    public static final String UPNP = "UPnP";
    private static final Logger LOG = LoggerFactory.getLogger(UpnpMapper.class);

    private enum Phase { IDLE, ASKING, MAPPED, FAILED, STOPPED }

    private final PortMappingSettings settings;
    private final LinkScheduler scheduler;
    private final Clock clock;
    private final UpnpGateway gateway;
    private final Map<MappedProtocol, Integer> granted = new EnumMap<>(MappedProtocol.class);
    private Consumer<String> gaveUp = why -> { };
    private Runnable changed = () -> { };
    private Phase phase = Phase.IDLE;
    private WanConnection service;
    /** The service the mappings in {@link #granted} were made on, for their deletion. */
    private WanConnection mappedOn;
    private Inet4Address external;
    private long lease;
    private Instant renewed;
    private String failure = "";
    private LinkScheduler.Timer timer;
    /** What {@link #status()} says, set at each change, so that status never waits for a round's blocking calls. */
    private volatile PortMappingStatus shown = PortMappingStatus.unmapped("port mapping: asking the router (" + UPNP + ")");

    public UpnpMapper(PortMappingSettings settings, LinkScheduler scheduler, Clock clock, UpnpGateway gateway) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.gateway = gateway;
        this.lease = settings.lifetime().toSeconds();
    }

    /**
     * {@code listener} runs after every change of what {@link #status()} says, on the thread that made it and under
     * this mapper's lock: it must not wait for another thread. Set before {@link #start}.
     */
    public synchronized void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Runs a round now, on the calling (scheduler) thread; a round that fails tells {@code gaveUp} why. */
    public synchronized void start(Consumer<String> gaveUp) {
        if (phase == Phase.STOPPED) {
            return;
        }
        this.gaveUp = gaveUp;
        round();
    }

    private synchronized void round() {
        if (phase == Phase.STOPPED) {
            return;
        }
        if (phase != Phase.MAPPED) {
            // A renewal keeps saying what is mapped until it fails: the mapping holds until its lease ends.
            phase = Phase.ASKING;
            show();
        }
        try {
            if (service == null) {
                service = gateway.discover();
                LOG.info("UPnP: the router's {} is at {}", service.serviceType(), service.controlUrl());
            }
            Inet4Address address = gateway.externalAddress(service);
            if (address.isAnyLocalAddress()) {
                throw new UpnpException("the router has no external address yet (GetExternalIPAddress says 0.0.0.0)");
            }
            external = address;
            for (MappedProtocol protocol : MappedProtocol.values()) {
                granted.put(protocol, map(protocol));
                mappedOn = service;
            }
        } catch (UpnpException e) {
            failed(e.getMessage());
            return;
        }
        phase = Phase.MAPPED;
        renewed = clock.instant();
        show();
        Duration renewal = Duration.ofSeconds(Math.max(1, (lease == 0 ? settings.lifetime().toSeconds() : lease) / 2));
        LOG.info("{}; renewing in {}", status().line(), renewal);
        timer = scheduler.schedule(renewal, this::round);
    }

    private int map(MappedProtocol protocol) throws UpnpException {
        int suggested = granted.getOrDefault(protocol, settings.port());
        try {
            return gateway.addPortMapping(service, false, protocol, suggested, settings.port(), lease);
        } catch (UpnpException e) {
            if (e.errorCode() == IgdSoap.ONLY_PERMANENT_LEASES_SUPPORTED && lease != 0) {
                LOG.info("UPnP: the router takes only permanent leases; asking for one, renewed all the same");
                lease = 0;
                return gateway.addPortMapping(service, false, protocol, suggested, settings.port(), lease);
            }
            if (e.errorCode() == IgdSoap.CONFLICT_IN_MAPPING_ENTRY && service.version() >= 2) {
                LOG.info("UPnP: external {} port {} is taken; letting the router choose one", protocol, suggested);
                return gateway.addPortMapping(service, true, protocol, suggested, settings.port(), lease);
            }
            throw e;
        }
    }

    private void failed(String why) {
        phase = Phase.FAILED;
        failure = why;
        show();
        service = null; // a router that failed is searched for again: it may have restarted elsewhere
        LOG.info("UPnP: {}", why);
        gaveUp.accept(why);
    }

    /** What is mapped by UPnP now, or why nothing is; answered at once, even while a round waits for the router. */
    public PortMappingStatus status() {
        return shown;
    }

    private void show() {
        shown = switch (phase) {
            case MAPPED -> PortMappingStatus.mapped(external, granted.get(MappedProtocol.TCP), granted.get(MappedProtocol.UDP),
                    UPNP, renewed, clock.getZone());
            case IDLE, ASKING -> PortMappingStatus.unmapped("port mapping: asking the router (" + UPNP + ")");
            case FAILED -> PortMappingStatus.unmapped("no port mapping by " + UPNP + ": " + failure);
            case STOPPED -> PortMappingStatus.unmapped("no port mapping: the site is stopping");
        };
        changed.run();
    }

    /**
     * Stops renewing and deletes each mapping a round made, once (WANIPConnection:2 §2.4.18); a router that does
     * not answer keeps it until its lease ends. Then closes the gateway.
     */
    public synchronized void stop() {
        if (phase == Phase.STOPPED) {
            return;
        }
        phase = Phase.STOPPED;
        show();
        if (timer != null) {
            timer.cancel();
        }
        if (mappedOn != null) {
            for (Map.Entry<MappedProtocol, Integer> mapping : granted.entrySet()) {
                try {
                    gateway.deletePortMapping(mappedOn, mapping.getKey(), mapping.getValue());
                    LOG.info("UPnP: deleted the {} mapping of external port {}", mapping.getKey(), mapping.getValue());
                } catch (UpnpException e) {
                    LOG.info("UPnP: the {} mapping of external port {} was not deleted: {}", mapping.getKey(), mapping.getValue(),
                            e.getMessage());
                }
            }
        }
        gateway.close();
    }
}
