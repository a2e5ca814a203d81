package org.sipsocial.link.portmap;

import java.net.URI;

/**
 * A router's WAN connection service (IGD:1 or IGD:2's WANIPConnection, or WANPPPConnection): its service type, which
 * every SOAP action names (UDA 1.1 §3.2.1), and the URL actions are posted to.
 */
public record WanConnection(String serviceType, URI controlUrl) {
    /** The version of the service type, the number after its last colon (1 or 2). */
    public int version() {
        return Integer.parseInt(serviceType.substring(serviceType.lastIndexOf(':') + 1));
    }
}
