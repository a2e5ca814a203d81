package org.sipsocial.routing;

import java.util.Optional;

import org.sipsocial.routing.proxy.NextHop;
import org.sipsocial.routing.proxy.ProxyTarget;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.transaction.Hop;

/**
 * How the proxy reaches a registered phone. The Request-URI is always the registered Contact. The hop is:
 * <ul>
 * <li>the flow the phone registered over, for RFC 5626 outbound registrations and for TLS (the site never
 * opens TLS connections to phones: it answers on the one they keep open);</li>
 * <li>the flow too when the Contact's address is not the address the REGISTER came from: the phone is behind
 * a NAT and its Contact names a private address only it can use;</li>
 * <li>otherwise the Contact itself: the phone said where it listens.</li>
 * </ul>
 * A registered Path goes in front as Route entries (RFC 3327 §5.3), and the request goes to the flow the
 * REGISTER came over, which is the first Path hop.
 */
final class ContactRoute {
    private ContactRoute() {
    }

    static Optional<ProxyTarget> of(Binding binding) {
        Hop flow = Hop.of(binding.flow().transport(), binding.flow().remote());
        Optional<Hop> contact = NextHop.of(binding.contact().uri());
        Hop hop;
        if (binding.isOutboundFlow() || flow.transport().equals(Hop.TLS) || !binding.path().isEmpty() || contact.isEmpty()) {
            hop = flow;
        } else if (!contact.get().address().getAddress().equals(flow.address().getAddress())) {
            hop = flow;
        } else {
            hop = contact.get();
        }
        if (!(binding.contact().uri() instanceof SipUri)) {
            return Optional.empty();
        }
        return Optional.of(new ProxyTarget(binding.contact().uri(), hop, binding.path()));
    }
}
