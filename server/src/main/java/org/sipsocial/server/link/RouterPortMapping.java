package org.sipsocial.server.link;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.sipsocial.link.LinkScheduler;
import org.sipsocial.link.portmap.AnnouncementListener;
import org.sipsocial.link.portmap.DefaultGateway;
import org.sipsocial.link.portmap.FallbackMapper;
import org.sipsocial.link.portmap.HttpUpnpGateway;
import org.sipsocial.link.portmap.PcpCodec;
import org.sipsocial.link.portmap.PortMapper;
import org.sipsocial.link.portmap.PortMappingSettings;
import org.sipsocial.link.portmap.PortMappingStatus;
import org.sipsocial.link.portmap.UdpGatewayTransport;
import org.sipsocial.link.portmap.UpnpMapper;
import org.sipsocial.store.SiteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's port mapping on the router in front of it (issue 15): with {@code port-mapping = on} (the default),
 * a {@link FallbackMapper} (PCP, then NAT-PMP, then UPnP IGD) keeps the link port mapped on TCP and UDP (the media
 * relay uses the same number on UDP) through this machine's default gateway, on a thread of its own, and deletes the
 * mappings when the site stops. The external address and UDP port the router maps for the relay go to the media
 * relay at each change, which tells the relays of linked sites where to send (issue 15). What the router multicasts
 * when it restarts or its address changes (RFC 6887 §14.1.3, RFC 6886 §3.2.1) is heard on UDP 5350
 * ({@link AnnouncementListener}), so that a rebooted router has the mappings back within seconds; without that port
 * (taken without sharing), they come back at the next renewal. With
 * {@code port-mapping = off}, or without a default gateway, nothing is ever sent to the router; in a test, a site
 * with it on in the machine's own network namespace does not start ({@link TestRouterGuard}).
 */
public final class RouterPortMapping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterPortMapping.class);

    private final PortMappingStatus fixed;
    /** How long UPnP's search waits for the router's answer: SSDP's MX and a second. */
    private static final Duration SEARCH_WAIT = Duration.ofSeconds(3);

    private final FallbackMapper mapper;
    private final ScheduledExecutorService executor;
    private final AnnouncementListener announcements;

    private RouterPortMapping(PortMappingStatus fixed, FallbackMapper mapper, ScheduledExecutorService executor,
            AnnouncementListener announcements) {
        this.fixed = fixed;
        this.mapper = mapper;
        this.executor = executor;
        this.announcements = announcements;
    }

    /** Starts mapping {@code settings}' link port, with no one to hear of the media mapping. */
    public static RouterPortMapping start(SiteSettings settings, Clock clock, SecureRandom random) {
        return start(settings, clock, random, media -> { });
    }

    /**
     * Starts mapping {@code settings}' link port through the default gateway, unless the settings say off;
     * {@code mediaMapped} hears the UDP address mapped to the media relay's port at each change (empty: none).
     */
    public static RouterPortMapping start(SiteSettings settings, Clock clock, SecureRandom random,
            java.util.function.Consumer<Optional<InetSocketAddress>> mediaMapped) {
        TestRouterGuard.check(settings.portMapping(), System.getenv(), TestRouterGuard.inMachinesNamespace());
        if (!settings.portMapping()) {
            LOG.info("port mapping is off: the site sends the router nothing");
            return new RouterPortMapping(PortMappingStatus.OFF, null, null, null);
        }
        Optional<Inet4Address> gateway = DefaultGateway.ofThisMachine();
        if (gateway.isEmpty()) {
            LOG.info("no default gateway: no router to ask for a port mapping");
            return new RouterPortMapping(PortMappingStatus.NO_GATEWAY, null, null, null);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "port-mapping");
            thread.setDaemon(true);
            return thread;
        });
        LinkScheduler scheduler = (delay, task) -> {
            java.util.concurrent.Future<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
        String router = gateway.get().getHostAddress();
        byte[] nonce = new byte[PcpCodec.NONCE_LENGTH];
        random.nextBytes(nonce);
        PortMappingSettings mapping = PortMappingSettings.forPort(settings.linkPort());
        try {
            UpnpMapper upnp = new UpnpMapper(mapping, scheduler, clock, HttpUpnpGateway.of(gateway.get(), SEARCH_WAIT));
            FallbackMapper mapper = new FallbackMapper(mapping, scheduler, new PortMapper(mapping, scheduler, clock, router, nonce, random), upnp);
            mapper.onMediaMapped(mediaMapped);
            UdpGatewayTransport transport = UdpGatewayTransport.open(
                    new InetSocketAddress(gateway.get(), UdpGatewayTransport.NAT_PMP_PORT), mapper::received);
            AnnouncementListener announcements = listen(gateway.get(), transport.localAddress(), mapper);
            executor.execute(() -> mapper.start(transport));
            LOG.info("asking the router at {} to map port {} (TCP and UDP) by PCP, NAT-PMP or UPnP", router, settings.linkPort());
            return new RouterPortMapping(null, mapper, executor, announcements);
        } catch (IOException e) {
            executor.shutdownNow();
            return new RouterPortMapping(PortMappingStatus.unmapped("no port mapping: no socket to reach the router at "
                    + router + " (" + e.getMessage() + ")"), null, null, null);
        }
    }

    /**
     * Listens on UDP 5350 for the router's announcements, joined to 224.0.0.1 on the interface of {@code local} (the
     * address requests to the router leave from); null when the port cannot be had.
     */
    private static AnnouncementListener listen(Inet4Address gateway, Inet4Address local, FallbackMapper mapper) {
        try {
            java.net.NetworkInterface facing = local == null ? null : java.net.NetworkInterface.getByInetAddress(local);
            return AnnouncementListener.open(gateway, AnnouncementListener.CLIENT_PORT, facing, mapper::announced);
        } catch (IOException e) {
            LOG.info("not listening for the router's announcements on UDP {} ({}): a router that restarts has the "
                    + "mappings back at the next renewal", AnnouncementListener.CLIENT_PORT, e.getMessage());
            return null;
        }
    }

    /** What the router mapped to this site, or why nothing. */
    public PortMappingStatus status() {
        return mapper == null ? fixed : mapper.status();
    }

    /** Deletes the mappings on the router (if any) and stops asking. */
    @Override
    public void close() {
        if (mapper == null) {
            return;
        }
        if (announcements != null) {
            announcements.close();
        }
        try {
            executor.submit(mapper::stop).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            mapper.stop();
        } finally {
            executor.shutdownNow();
        }
    }
}
