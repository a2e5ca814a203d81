package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the site's port mapping is, in one line for {@code sipsocial status}; the external address and port the
 * router reports for the link port when it mapped it (an address this site knows it is seen from); and the external
 * address and UDP port it mapped to the media relay's port, which the relay tells other sites' relays (issue 15).
 */
public record PortMappingStatus(String line, Optional<String> seenFrom, Optional<InetSocketAddress> media) {
    public static final PortMappingStatus OFF = unmapped("port mapping is off (port-mapping = off)");
    public static final PortMappingStatus NO_GATEWAY = unmapped("no port mapping: this machine has no default gateway");

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /** A status with no media mapping. */
    public PortMappingStatus(String line, Optional<String> seenFrom) {
        this(line, seenFrom, Optional.empty());
    }

    /**
     * What a router mapped, said the same way whichever protocol mapped it: {@code router mapped
     * 11.250.42.12:5070 to this site by UPnP, renewed 12:04; media on UDP 11.250.42.12:5070} (the UDP port may
     * differ from the TCP one: each is what the router granted).
     */
    public static PortMappingStatus mapped(Inet4Address external, int tcpPort, int udpPort, String by, Instant renewed, ZoneId zone) {
        String address = external == null ? "?" : external.getHostAddress();
        Optional<InetSocketAddress> media = external == null || udpPort == 0 ? Optional.empty()
                : Optional.of(new InetSocketAddress(external, udpPort));
        return new PortMappingStatus("router mapped " + address + ":" + tcpPort + " to this site by " + by
                + ", renewed " + HOUR_MINUTE.format(renewed.atZone(zone)) + "; media on UDP " + address + ":" + udpPort,
                Optional.of(address + ":" + tcpPort), media);
    }

    public static PortMappingStatus unmapped(String line) {
        return new PortMappingStatus(line, Optional.empty(), Optional.empty());
    }
}
