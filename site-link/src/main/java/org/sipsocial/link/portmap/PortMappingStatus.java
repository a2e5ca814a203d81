package org.sipsocial.link.portmap;

import java.util.Optional;

/**
 * What the site's port mapping is, in one line for {@code sipsocial status}, and the external address and port the
 * router reports for the link port when it mapped it: an address this site knows it is seen from.
 */
public record PortMappingStatus(String line, Optional<String> seenFrom) {
    public static final PortMappingStatus OFF = new PortMappingStatus("port mapping is off (port-mapping = off)", Optional.empty());
    public static final PortMappingStatus NO_GATEWAY =
            new PortMappingStatus("no port mapping: this machine has no default gateway", Optional.empty());

    public static PortMappingStatus unmapped(String line) {
        return new PortMappingStatus(line, Optional.empty());
    }
}
