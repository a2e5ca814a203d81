package org.sipsocial.routing;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.sip.transaction.Hop;

/**
 * How this site names itself: its site name (the domain of its AORs) and the address and port of each of
 * its SIP listeners, by transport. From these come the Via and Record-Route it puts in the requests it
 * forwards, and the answer to "is this URI about us?".
 *
 * @param site      the site name, compared ignoring case
 * @param host      the IP address phones reach the site at (what goes in Via and Record-Route)
 * @param ownHosts  every address of this machine the listeners answer on (with {@code host} among them)
 * @param listeners the port of each transport's listener: UDP, TCP, TLS
 */
public record SiteAddresses(String site, String host, Set<String> ownHosts, Map<String, Integer> listeners) {

    public SiteAddresses {
        listeners = Map.copyOf(listeners);
        Set<String> hosts = new HashSet<>();
        hosts.add(stripBrackets(host));
        ownHosts.forEach(h -> hosts.add(stripBrackets(h)));
        ownHosts = Set.copyOf(hosts);
    }

    /** A site reached at one address. */
    public SiteAddresses(String site, String host, Map<String, Integer> listeners) {
        this(site, host, Set.of(host), listeners);
    }

    /** Whether {@code host} is this site: its name, or one of its own addresses. */
    public boolean isSiteHost(String candidate) {
        return candidate != null && (candidate.equalsIgnoreCase(site) || ownHosts.contains(stripBrackets(candidate)));
    }

    /**
     * Whether {@code uri} is a SIP URI for this site (any user, or none): its host is the site name, or one of
     * our addresses with one of our ports (phones on the same machine share the address, not the port).
     */
    public boolean isForThisSite(Uri uri) {
        if (!(uri instanceof SipUri)) {
            return false;
        }
        SipUri sip = (SipUri) uri;
        if (sip.host().equalsIgnoreCase(site)) {
            return true;
        }
        return ownHosts.contains(stripBrackets(sip.host())) && listeners.containsValue(portOf(sip));
    }

    /** Whether {@code uri} names one of this proxy's own listeners with no user (a Route or Record-Route we wrote). */
    public boolean isThisProxy(Uri uri) {
        return uri instanceof SipUri && ((SipUri) uri).user() == null && isForThisSite(uri);
    }

    private static int portOf(SipUri uri) {
        return uri.port() > 0 ? uri.port() : uri.isSecure() ? 5061 : 5060;
    }

    /** Our Via for a request leaving over {@code transport} (RFC 3261 §16.6 step 8), with rport for UDP (RFC 3581). */
    public Via via(String transport, String branch) {
        if (transport.equalsIgnoreCase(Hop.LINK)) {
            return linkVia(branch);
        }
        return transport.equalsIgnoreCase(Hop.UDP) ? Via.ofAskingRport(transport, host, port(transport), branch)
                : Via.of(transport, host, port(transport), branch);
    }

    /**
     * Our Record-Route for the given transport (RFC 3261 §16.6 step 4, loose routing {@code lr}). A TLS hop is
     * {@code sip:...;transport=tls}, which every phone follows (baresip 1.0 ends a call whose route set holds a SIPS
     * URI: "Function not implemented"); it is a SIPS URI only where step 4 demands one, for a SIPS Request-URI.
     */
    public NameAddress recordRoute(String transport, Uri requestUri) {
        if (transport.equalsIgnoreCase(Hop.LINK)) {
            return linkRecordRoute();
        }
        SipUri uri = SipUri.of(null, host, port(transport)).withParameter("lr", null);
        if (transport.equalsIgnoreCase(Hop.TLS) && requestUri instanceof SipUri target && target.isSecure()) {
            uri = uri.withSecure(true);
        } else if (!transport.equalsIgnoreCase(Hop.UDP)) {
            uri = uri.withParameter("transport", transport.toLowerCase(Locale.ROOT));
        }
        return NameAddress.of(null, uri);
    }

    /**
     * Our Via on a request sent over a link: the site's name as sent-by, no address or port (the link is one
     * TLS connection, and responses come back over it, RFC 3261 §18.2.2), so nothing of the LAN crosses.
     */
    public Via linkVia(String branch) {
        return Via.of(Hop.TLS, site, -1, branch);
    }

    /** Our Record-Route as the other site sees it: the site's name, which that site routes over our link. */
    public NameAddress linkRecordRoute() {
        return NameAddress.of(null, SipUri.of(null, site, -1).withParameter("lr", null));
    }

    /** Whether {@code uri} is the name of this site as a route or Record-Route on a link ({@link #linkRecordRoute}). */
    public boolean isLinkRoute(Uri uri) {
        return uri instanceof SipUri sip && sip.user() == null && sip.host().equalsIgnoreCase(site);
    }

    public int port(String transport) {
        Integer port = listeners.get(transport.toUpperCase(Locale.ROOT));
        if (port == null) {
            throw new IllegalArgumentException("this site has no " + transport + " listener");
        }
        return port;
    }

    public Optional<Integer> portIfListening(String transport) {
        return Optional.ofNullable(listeners.get(transport.toUpperCase(Locale.ROOT)));
    }

    /** The socket address of our own listener on {@code transport}. */
    public InetSocketAddress listener(String transport) {
        return new InetSocketAddress(host, port(transport));
    }

    private static String stripBrackets(String address) {
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }
}
