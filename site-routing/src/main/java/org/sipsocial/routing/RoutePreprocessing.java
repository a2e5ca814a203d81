package org.sipsocial.routing;

import java.util.List;

import org.sipsocial.sip.message.RequestBuilder;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.header.NameAddress;

/**
 * RFC 3261 §16.4: before routing, a proxy removes the Route entries that name itself (two of them when it
 * record-routed twice, RFC 5658), and mends a request from a strict router, whose Request-URI is a URI this
 * proxy record-routed with, by taking the last Route entry as the Request-URI.
 */
final class RoutePreprocessing {
    private RoutePreprocessing() {
    }

    /** The request with our Route entries removed; the same instance when there was nothing to do. */
    static SipRequest apply(SipRequest request, SiteAddresses addresses) {
        List<NameAddress> routes = request.routes();
        RequestBuilder builder = null;
        if (addresses.isThisProxy(request.requestUri()) && !routes.isEmpty()) {
            builder = request.toBuilder().requestUri(routes.get(routes.size() - 1).uri());
            builder.removeHeaders("Route");
            for (NameAddress route : routes.subList(0, routes.size() - 1)) {
                builder.addHeader("Route", route.toString());
            }
            routes = routes.subList(0, routes.size() - 1);
        }
        int ours = 0;
        while (ours < routes.size() && addresses.isThisProxy(routes.get(ours).uri())) {
            ours++;
        }
        if (ours == 0) {
            return builder == null ? request : builder.build();
        }
        if (builder == null) {
            builder = request.toBuilder();
        }
        for (int i = 0; i < ours; i++) {
            builder.popRoute();
        }
        return builder.build();
    }
}
