package org.sipsocial.routing.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.sip.message.Header;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.MessageBuilder;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.sdp.SessionDescription;
import org.sipsocial.sip.message.uri.Escapes;
import org.sipsocial.sip.message.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every SIP message crosses a link, both ways: it hides this site's topology from the other site
 * (DESIGN: "nothing private leaves a site") and undoes that for what comes back.
 *
 * <p>Leaving over a link ({@link #toLink}):
 * <ul>
 * <li>only the headers of {@link CrossingHeaders} cross (an allow-list: User-Agent, Server, Warning, Path,
 * credentials and anything unknown stay home);</li>
 * <li>a request keeps only its top Via, ours ({@link SiteAddresses#linkVia}); the phones' Vias are restored from
 * the server transaction when the response comes back (see the proxy);</li>
 * <li>our Record-Route entries become {@link SiteAddresses#linkRecordRoute} (RFC 3261 §16.12.1.3: a proxy
 * between two address spaces rewrites its Record-Route for each side);</li>
 * <li>a phone's Contact becomes {@code sip:TOKEN@thisSite}, the token sealing the phone's user and Contact
 * ({@link OpaqueTokens});
 * a Call-ID made on this side becomes {@code TOKEN@thisSite} (phones put their addresses in Call-IDs);</li>
 * <li>SDP goes through the {@link LinkMedia}: the site's media relay anchors it (issue 11), or without one
 * {@code c=} and {@code o=} name the address the other site sees this site from and ICE candidates go.</li>
 * </ul>
 * Coming in from a link ({@link #fromLink}): Call-IDs that are our tokens are opened again, so that the phones
 * see a normal dialog; the core opens a Request-URI that is our Contact token ({@link #contactOf}) when it routes.
 */
public final class LinkBoundary {
    private static final Logger LOG = LoggerFactory.getLogger(LinkBoundary.class);
    private final SiteAddresses addresses;
    private final OpaqueTokens tokens;
    private final ConnectedSites sites;
    private final LinkMedia media;

    public LinkBoundary(SiteAddresses addresses, OpaqueTokens tokens, ConnectedSites sites) {
        this(addresses, tokens, sites, LinkMedia.ADDRESSES_ONLY);
    }

    public LinkBoundary(SiteAddresses addresses, OpaqueTokens tokens, ConnectedSites sites, LinkMedia media) {
        this.addresses = addresses;
        this.tokens = tokens;
        this.sites = sites;
        this.media = media;
    }


    /** {@code message} as it may be sent over the link to {@code peer}. */
    public SipMessage toLink(SipMessage message, String peer) {
        if (message instanceof SipRequest request) {
            var builder = request.toBuilder();
            rewriteOutbound(message, builder, peer);
            builder.removeHeaders(HeaderName.VIA).addHeaderFirst(HeaderName.VIA, request.topVia().toString());
            return builder.build();
        }
        SipResponse response = (SipResponse) message;
        var builder = response.toBuilder();
        rewriteOutbound(message, builder, peer);
        return builder.build();
    }

    /**
     * {@code message} from the link with {@code peer}, with our tokens opened again and its SDP, if any, anchored
     * for the phone (an SDP the relay cannot use is not passed on).
     */
    public SipMessage fromLink(SipMessage message, String peer) {
        Optional<String> opened = openCallId(message.callId());
        Header replaces = message instanceof SipRequest ? message.header("Replaces") : null;
        if (opened.isEmpty() && !LinkSdp.hasSdp(message) && replaces == null) {
            return message;
        }
        String callId = opened.orElse(message.callId());
        MessageBuilder<?> builder = message instanceof SipRequest request ? request.toBuilder() : ((SipResponse) message).toBuilder();
        if (opened.isPresent()) {
            builder.setHeader(HeaderName.CALL_ID, callId);
        }
        if (replaces != null) {
            // RFC 3891: the dialog an INVITE replaces, named by one of our sealed Call-IDs.
            String value = replaces.value();
            int semicolon = value.indexOf(';');
            String id = semicolon < 0 ? value.trim() : value.substring(0, semicolon).trim();
            Optional<String> original = openCallId(id);
            if (original.isPresent()) {
                builder.removeHeaders("Replaces").addHeader("Replaces", original.get() + (semicolon < 0 ? "" : value.substring(semicolon)));
            }
        }
        if (LinkSdp.hasSdp(message)) {
            Optional<SessionDescription> sdp = LinkSdp.of(message);
            try {
                if (sdp.isEmpty()) {
                    throw new IllegalArgumentException("unreadable SDP");
                }
                LinkSdp.replace(builder, media.towardPhone(callId, peer, sdp.get()));
            } catch (RuntimeException e) {
                // Malformed SDP from the other site, or no relay port left: the phone gets no body rather than nothing.
                LOG.warn("SDP from {} for call {} not passed on: {}", peer, callId, e.getMessage());
                builder.noBody();
            }
        }
        return build(builder);
    }

    private static SipMessage build(MessageBuilder<?> builder) {
        return builder instanceof org.sipsocial.sip.message.RequestBuilder request ? request.build()
                : ((org.sipsocial.sip.message.ResponseBuilder) builder).build();
    }

    /** A phone of this site as a Contact token names it: the user it belongs to, and its Contact URI. */
    public record PhoneContact(String user, SipUri contact) {
    }

    /** The phone sealed in a Request-URI {@code sip:TOKEN@thisSite}, if it is one of our Contact tokens. */
    public Optional<PhoneContact> contactOf(Uri uri) {
        if (!(uri instanceof SipUri sip) || sip.user() == null || !sip.host().equalsIgnoreCase(addresses.site())) {
            return Optional.empty();
        }
        return tokens.open(sip.user()).flatMap(LinkBoundary::phoneContact);
    }

    private static Optional<PhoneContact> phoneContact(String sealed) {
        int space = sealed.indexOf(' ');
        try {
            return space >= 0 && Uri.parse(sealed.substring(space + 1)) instanceof SipUri sip
                    ? Optional.of(new PhoneContact(sealed.substring(0, space), sip)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void rewriteOutbound(SipMessage message, MessageBuilder<?> builder, String peer) {
        for (Header header : message.headers()) {
            if (!CrossingHeaders.crosses(header)) {
                builder.removeHeaders(header.name());
            }
        }
        rewriteRecordRoutes(message, builder);
        rewriteContacts(message, builder, peer);
        rewriteReferTo(message, builder, peer);
        Header replaces = message.header("Replaces");
        if (replaces != null) {
            String value = replaces.value();
            int semicolon = value.indexOf(';');
            String id = semicolon < 0 ? value.trim() : value.substring(0, semicolon).trim();
            if (!id.toLowerCase(Locale.ROOT).endsWith("@" + peer.toLowerCase(Locale.ROOT))) {
                builder.removeHeaders("Replaces").addHeader("Replaces",
                        tokens.seal(id) + "@" + addresses.site() + (semicolon < 0 ? "" : value.substring(semicolon)));
            }
        }
        String callId = message.callId();
        if (callId != null && !callId.toLowerCase(Locale.ROOT).endsWith("@" + peer.toLowerCase(Locale.ROOT))) {
            builder.setHeader(HeaderName.CALL_ID, tokens.seal(callId) + "@" + addresses.site());
        }
        if (LinkSdp.hasSdp(message)) {
            Optional<SessionDescription> sdp = LinkSdp.of(message);
            if (sdp.isPresent()) {
                LinkSdp.replace(builder, media.towardSite(callId, sdp.get(), publicAddress(peer)));
            } else {
                builder.noBody();
            }
        }
    }

    private String publicAddress(String peer) {
        String seen = sites.seenFrom(peer);
        if (seen == null) {
            return addresses.site();
        }
        int colon = seen.lastIndexOf(':');
        String host = colon > 0 && seen.indexOf(':') == colon ? seen.substring(0, colon) : seen;
        return host.startsWith("[") ? host.substring(1, host.indexOf(']')) : host;
    }

    private void rewriteRecordRoutes(SipMessage message, MessageBuilder<?> builder) {
        List<NameAddress> routes = message.recordRoutes();
        if (routes.isEmpty()) {
            return;
        }
        List<NameAddress> out = new ArrayList<>(routes.size());
        boolean lastWasOurs = false;
        for (NameAddress route : routes) {
            boolean ours = addresses.isThisProxy(route.uri());
            if (ours && !lastWasOurs) {
                out.add(addresses.linkRecordRoute());
            } else if (!ours) {
                out.add(route);
            }
            lastWasOurs = ours;
        }
        builder.removeHeaders(HeaderName.RECORD_ROUTE);
        out.forEach(route -> builder.addHeader(HeaderName.RECORD_ROUTE.text(), route.toString()));
    }

    private void rewriteContacts(SipMessage message, MessageBuilder<?> builder, String peer) {
        List<NameAddress> contacts = message.contacts();
        if (contacts.isEmpty()) {
            return;
        }
        // The phone that sent a request is its From; the phone that answers is its To.
        NameAddress party = message instanceof SipRequest ? message.from() : message.to();
        String user = party != null && party.uri() instanceof SipUri sip && sip.user() != null ? sip.user() : "";
        builder.removeHeaders(HeaderName.CONTACT);
        for (NameAddress contact : contacts) {
            if (contact.isWildcard() || (contact.uri() instanceof SipUri sip && sip.host().equalsIgnoreCase(peer))) {
                builder.addHeader(HeaderName.CONTACT.text(), contact.toString());
            } else {
                SipUri token = SipUri.of(tokens.seal(user + " " + contact.uri()), addresses.site(), -1);
                builder.addHeader(HeaderName.CONTACT.text(), "<" + token + ">");
            }
        }
    }

    /**
     * RFC 3515 REFER: a Refer-To naming a phone by its address (attended transfer, RFC 3891) becomes a Contact token
     * like any Contact, and the Call-ID in its Replaces is sealed like any Call-ID. One naming an AOR crosses as it is.
     */
    private void rewriteReferTo(SipMessage message, MessageBuilder<?> builder, String peer) {
        Header referTo = message.header(HeaderName.REFER_TO);
        if (referTo == null) {
            return;
        }
        NameAddress target;
        try {
            target = NameAddress.parse(referTo.value());
        } catch (RuntimeException e) {
            builder.removeHeaders(HeaderName.REFER_TO);
            return;
        }
        if (!(target.uri() instanceof SipUri sip) || !isAddressLiteral(sip.host())) {
            return;
        }
        String token = tokens.seal(" " + sip.withoutHeaders());
        String headers = sip.headers() == null ? "" : "?" + sealReplaces(sip.headers(), peer);
        builder.setHeader(HeaderName.REFER_TO, "<sip:" + token + "@" + addresses.site() + headers + ">");
    }

    /** The {@code Replaces=} URI header of a Refer-To with its Call-ID sealed (RFC 3891 §3); other headers go. */
    private String sealReplaces(String uriHeaders, String peer) {
        for (String header : uriHeaders.split("&")) {
            int equals = header.indexOf('=');
            if (equals > 0 && header.substring(0, equals).equalsIgnoreCase("Replaces")) {
                String replaces = Escapes.decode(header.substring(equals + 1));
                int semicolon = replaces.indexOf(';');
                String callId = semicolon < 0 ? replaces : replaces.substring(0, semicolon);
                String rest = semicolon < 0 ? "" : replaces.substring(semicolon);
                String sealed = callId.toLowerCase(Locale.ROOT).endsWith("@" + peer.toLowerCase(Locale.ROOT)) ? callId
                        : tokens.seal(callId) + "@" + addresses.site();
                return "Replaces=" + Escapes.encode(sealed + rest, c -> Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0);
            }
        }
        return "";
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private Optional<String> openCallId(String callId) {
        String suffix = "@" + addresses.site().toLowerCase(Locale.ROOT);
        if (callId == null || !callId.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            return Optional.empty();
        }
        return tokens.open(callId.substring(0, callId.length() - suffix.length()));
    }
}
