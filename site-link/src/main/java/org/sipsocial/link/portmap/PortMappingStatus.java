package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the site's port mapping is, in one line for {@code sipsocial status}, and the external address and port the
 * router reports for the link port when it mapped it: an address this site knows it is seen from.
 */
public record PortMappingStatus(String line, Optional<String> seenFrom) {
    public static final PortMappingStatus OFF = new PortMappingStatus("port mapping is off (port-mapping = off)", Optional.empty());
    public static final PortMappingStatus NO_GATEWAY =
            new PortMappingStatus("no port mapping: this machine has no default gateway", Optional.empty());

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * What a router mapped, said the same way whichever protocol mapped it: {@code router mapped
     * 11.250.42.12:5070 to this site by UPnP, renewed 12:04}, with the UDP port when it differs from the TCP one.
     */
    public static PortMappingStatus mapped(Inet4Address external, int tcpPort, int udpPort, String by, Instant renewed, ZoneId zone) {
        String address = external == null ? "?" : external.getHostAddress();
        String udp = udpPort == tcpPort ? "" : " (UDP on " + udpPort + ")";
        return new PortMappingStatus("router mapped " + address + ":" + tcpPort + udp + " to this site by " + by
                + ", renewed " + HOUR_MINUTE.format(renewed.atZone(zone)), Optional.of(address + ":" + tcpPort));
    }

    public static PortMappingStatus unmapped(String line) {
        return new PortMappingStatus(line, Optional.empty());
    }
}
