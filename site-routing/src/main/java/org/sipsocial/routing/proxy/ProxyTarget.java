package org.sipsocial.routing.proxy;

import java.util.List;

import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.uri.Uri;
import org.sipsocial.sip.transaction.Hop;

/**
 * One place a request is forwarded to (RFC 3261 §16.5, §16.6): the new Request-URI, the hop to send it over,
 * and Route entries to put in front (a registered Path, RFC 3327 §5.3).
 */
public record ProxyTarget(Uri requestUri, Hop hop, List<NameAddress> routes) {

    public ProxyTarget {
        routes = List.copyOf(routes);
    }
}
