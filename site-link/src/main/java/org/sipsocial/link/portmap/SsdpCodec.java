package org.sipsocial.link.portmap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * SSDP search, the part of UPnP Device Architecture 1.1 §1.3 ("Discovery: Search") a control point needs to find an
 * Internet Gateway Device: the multicast M-SEARCH request (§1.3.2) and the unicast response (§1.3.3), an HTTP
 * message over UDP whose {@code LOCATION} header is the URL of the device description (§2.1).
 */
public final class SsdpCodec {
    /** §1.3.2: the SSDP multicast address and port. */
    public static final String MULTICAST_ADDRESS = "239.255.255.250";
    public static final int PORT = 1900;
    /** §1.3.2: the search target for an IGD; a device of a later version answers a search for version 1 too. */
    public static final String IGD_SEARCH_TARGET = "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
    /** §1.3.2: MX, the seconds a device may wait before it answers, 1 to 5. */
    public static final int MX_SECONDS = 2;

    private SsdpCodec() {
    }

    /** §1.3.2: an M-SEARCH for {@link #IGD_SEARCH_TARGET}. */
    public static byte[] search() {
        return ("M-SEARCH * HTTP/1.1\r\n"
                + "HOST: " + MULTICAST_ADDRESS + ":" + PORT + "\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: " + MX_SECONDS + "\r\n"
                + "ST: " + IGD_SEARCH_TARGET + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * §1.3.3: the device description's URL in a search response: {@code HTTP/1.1 200 OK}, an {@code ST} header that
     * names what was searched for, and an absolute http {@code LOCATION}; empty for any other datagram (a search
     * from another control point, a NOTIFY, a response for another device type).
     */
    public static Optional<URI> location(byte[] datagram, int length) {
        String text = new String(datagram, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().matches("HTTP/1\\.[01] 200 .*|HTTP/1\\.[01] 200")) {
            return Optional.empty();
        }
        String searchTarget = null;
        String location = null;
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("ST")) searchTarget = value;
            if (name.equals("LOCATION")) location = value;
        }
        if (!IGD_SEARCH_TARGET.equals(searchTarget) || location == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(location);
            return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
