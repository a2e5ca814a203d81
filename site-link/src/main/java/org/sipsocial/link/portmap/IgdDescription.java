package org.sipsocial.link.portmap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An Internet Gateway Device's description (UDA 1.1 §2.3, "Device description"), read for the one thing port
 * mapping needs: the WAN connection service and its control URL. IGD:1 and IGD:2 nest it as
 * {@code InternetGatewayDevice / WANDevice / WANConnectionDevice / WANIPConnection} (or {@code WANPPPConnection} on a
 * router that dials PPP); the service is found wherever it sits. WANIPConnection:2 is preferred to :1, and either
 * to WANPPPConnection:1: the actions used here (AddPortMapping, DeletePortMapping, GetExternalIPAddress) are the
 * same in all three.
 */
public final class IgdDescription {
    /** The service types that map ports, most preferred first. */
    static final List<String> WAN_CONNECTION_TYPES = List.of(
            "urn:schemas-upnp-org:service:WANIPConnection:2",
            "urn:schemas-upnp-org:service:WANIPConnection:1",
            "urn:schemas-upnp-org:service:WANPPPConnection:1");

    private IgdDescription() {
    }

    /**
     * The WAN connection service of the description fetched from {@code location}; its control URL is resolved
     * against {@code URLBase} when the description has one (UDA 1.0; 1.1 dropped it), else against {@code location}
     * (UDA 1.1 §2.3).
     */
    public static WanConnection wanConnection(byte[] description, URI location) throws UpnpException {
        Document document = UpnpXml.parse(description);
        Element root = document.getDocumentElement();
        if (root == null || !"root".equals(root.getLocalName())) {
            throw new UpnpException("the device description at " + location + " has no <root>");
        }
        NodeList services = document.getElementsByTagNameNS("*", "service");
        for (String wanted : WAN_CONNECTION_TYPES) {
            for (int i = 0; i < services.getLength(); i++) {
                Element service = (Element) services.item(i);
                String type = UpnpXml.childText(service, "serviceType");
                String control = UpnpXml.childText(service, "controlURL");
                if (wanted.equals(type) && control != null && !control.isEmpty()) {
                    return new WanConnection(type, resolve(base(root, location), control));
                }
            }
        }
        throw new UpnpException("the device at " + location + " offers no WANIPConnection or WANPPPConnection service");
    }

    private static URI base(Element root, URI location) throws UpnpException {
        String urlBase = UpnpXml.childText(root, "URLBase");
        return urlBase == null || urlBase.isEmpty() ? location : uri(urlBase);
    }

    private static URI resolve(URI base, String control) throws UpnpException {
        URI resolved = base.resolve(uri(control));
        if (!"http".equalsIgnoreCase(resolved.getScheme()) || resolved.getHost() == null) {
            throw new UpnpException("the control URL " + control + " is not an http URL");
        }
        return resolved;
    }

    private static URI uri(String text) throws UpnpException {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new UpnpException("\"" + text + "\" is not a URL");
        }
    }
}
