package org.sipsocial.media;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sipsocial.sip.message.sdp.Attribute;
import org.sipsocial.sip.message.sdp.Connection;
import org.sipsocial.sip.message.sdp.Crypto;
import org.sipsocial.sip.message.sdp.MediaDescription;
import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * Anchors the media of calls with other sites at this site's relay (issue 11). It knows SDP and packets, not SIP
 * dialogs: the routing layer hands it each SDP body that crosses a link, with the call it belongs to, and gets
 * back the body to send on.
 *
 * <pre>
 * towards the other site   c= this site's public address, m= the relay's one link-side port, RTP/SAVP,
 *                          a=crypto with this site's key for the call (AEAD_AES_128_GCM), and
 *                          a=x-sipsocial-channel with the leg's channel number
 * towards a phone          c= the relay's LAN address, m= the leg's LAN port, RTP/AVP, no crypto; or, when
 *                          the phone offered SRTP itself (RTP/SAVP with SDES), RTP/SAVP with the relay's own
 *                          LAN key under the phone's crypto tag, and SRTP on the LAN both ways
 * </pre>
 * One leg per medium ({@code m=} line) of a call; a medium refused with port 0 stays refused. The other site's
 * SDP gives its relay's address, its channel and its key; ours goes the other way, so each direction of each call
 * has its own key, carried only inside the mutual-TLS link.
 */
public final class MediaAnchor {
    /** Our attribute for the channel number of a leg (RFC 8866 §5.13 allows private attributes). */
    static final String CHANNEL_ATTRIBUTE = "x-sipsocial-channel";
    static final SrtpSuite SUITE = SrtpSuite.AEAD_AES_128_GCM;

    private final MediaRelay relay;
    private final String lanHost;
    private final SecureRandom random;
    private final Map<String, List<AnchoredLeg>> calls = new ConcurrentHashMap<>();

    /** A leg and the key this site protects it with. */
    private record AnchoredLeg(Leg leg, SrtpKey out) {
    }

    public MediaAnchor(MediaRelay relay, String lanHost, SecureRandom random) {
        this.relay = relay;
        this.lanHost = lanHost;
        this.random = random;
    }

    /** A phone's SDP leaving for another site: the relay's public side instead of the phone. */
    public SessionDescription towardSite(String call, SessionDescription fromPhone, String publicHost) {
        SessionDescription out = fromPhone;
        Connection session = fromPhone.connection();
        List<MediaDescription> media = fromPhone.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.port() == 0) {
                continue;
            }
            AnchoredLeg anchored = leg(call, i);
            Connection phoneConnection = m.connection() != null ? m.connection() : session;
            if (phoneConnection != null) {
                anchored.leg().phoneAnnounced(new InetSocketAddress(phoneConnection.address(), m.port()));
            }
            Crypto phoneCrypto = m.proto().contains("SAVP") ? lanCrypto(m) : null;
            if (phoneCrypto != null) {
                SrtpSuite suite = SrtpSuite.of(phoneCrypto.suite());
                anchored.leg().phoneSrtp(phoneCrypto.tag(), SrtpKey.parseInline(suite, phoneCrypto.keyParams()),
                        () -> SrtpKey.random(suite, random));
            }
            MediaDescription rewritten = withoutAddresses(m).withPort(relay.linkSide().getPort()).withProto("RTP/SAVP")
                    .withAttribute(new Attribute("crypto", new Crypto(1, SUITE.name(), anchored.out().inline(), "").toString()))
                    .withAttribute(new Attribute(CHANNEL_ATTRIBUTE, Integer.toString(anchored.leg().channel())));
            out = out.withMedia(i, rewritten);
        }
        return out.withAddress(publicHost);
    }

    /**
     * The other site's SDP going to a phone: the leg's LAN port instead of the other relay, and the leg joined to
     * the other relay's channel and key, over the media path with {@code site} (or, without a link, over UDP to
     * where the SDP says the other relay is).
     *
     * @throws IllegalArgumentException when a medium lacks the other relay's channel or a key this relay speaks
     */
    public SessionDescription towardPhone(String call, String site, SessionDescription fromSite) {
        SessionDescription out = fromSite;
        Connection session = fromSite.connection();
        List<MediaDescription> media = fromSite.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.port() == 0) {
                continue;
            }
            AnchoredLeg anchored = leg(call, i);
            List<String> channels = m.attributeValues(CHANNEL_ATTRIBUTE);
            SrtpKey in = farKey(m);
            if (channels.isEmpty() || channels.get(0) == null || in == null) {
                throw new IllegalArgumentException("medium " + i + " of the other site has no channel or no " + SUITE + " key");
            }
            Connection far = m.connection() != null ? m.connection() : session;
            if (far == null) {
                throw new IllegalArgumentException("medium " + i + " of the other site has no c= line");
            }
            int farChannel;
            try {
                farChannel = Integer.parseInt(channels.get(0).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("medium " + i + " of the other site has a bad channel: " + channels.get(0));
            }
            anchored.leg().toSite(relay.path(site, new InetSocketAddress(far.address(), m.port())), farChannel,
                    anchored.out(), in);
            MediaDescription rewritten = withoutAddresses(m).withoutAttributes("crypto").withoutAttributes(CHANNEL_ATTRIBUTE)
                    .withPort(anchored.leg().lanPort()).withProto("RTP/AVP");
            Leg.LanSrtp lan = anchored.leg().lanSrtp();
            if (lan != null) {
                // The answer to a phone that offered SRTP: its tag and suite, and the relay's own key (RFC 4568 §7.1.2).
                rewritten = rewritten.withProto("RTP/SAVP").withAttribute(new Attribute("crypto",
                        new Crypto(lan.tag(), lan.relayKey().suite().name(), lan.relayKey().inline(), "").toString()));
            }
            out = out.withMedia(i, rewritten);
        }
        return out.withAddress(lanHost);
    }

    /** The call ended (BYE, CANCEL, a failure, its link gone): its legs and ports are freed. */
    public void end(String call) {
        List<AnchoredLeg> legs = calls.remove(call);
        if (legs != null) {
            legs.forEach(anchored -> anchored.leg().close());
        }
    }

    /**
     * What the administrator sees of a call's media (read-only): its way to the other site ({@link CallMedia#DIRECT}
     * or {@link CallMedia#IN_LINK}; empty before it is joined), and the other site's RTP packets lost and late so
     * far over all its legs; no addresses.
     */
    public record CallMedia(String path, long lostFromSite, long lateFromSite) {
        public static final String DIRECT = "direct UDP";
        public static final String IN_LINK = "inside the link";
    }

    /** The media of {@code call}, when it has any anchored here. */
    public java.util.Optional<CallMedia> media(String call) {
        List<AnchoredLeg> legs = calls.get(call);
        if (legs == null || legs.isEmpty()) {
            return java.util.Optional.empty();
        }
        String path = "";
        long lost = 0;
        long late = 0;
        for (AnchoredLeg anchored : List.copyOf(legs)) {
            if (path.isEmpty()) {
                path = anchored.leg().pathToSite();
            }
            lost += anchored.leg().lostFromSite();
            late += anchored.leg().lateFromSite();
        }
        return java.util.Optional.of(new CallMedia(path, lost, late));
    }

    /** Calls with media anchored here now. */
    public int calls() {
        return calls.size();
    }

    private synchronized AnchoredLeg leg(String call, int index) {
        if (!calls.containsKey(call)) {
            // A new call: calls whose every leg the relay closed as idle are forgotten here too.
            calls.values().removeIf(legs -> !legs.isEmpty() && legs.stream().allMatch(anchored -> anchored.leg().isClosed()));
        }
        List<AnchoredLeg> legs = calls.computeIfAbsent(call, c -> new ArrayList<>());
        while (legs.size() <= index) {
            legs.add(new AnchoredLeg(relay.open(), SrtpKey.random(SUITE, random)));
        }
        return legs.get(index);
    }

    /**
     * The phone's SDES offer the relay can take: the first {@code a=crypto} (in the phone's order of preference)
     * of a suite the relay speaks, with an inline key that parses; null when there is none (the LAN stays RTP).
     */
    private static Crypto lanCrypto(MediaDescription m) {
        for (Crypto crypto : m.cryptos()) {
            SrtpSuite suite = SrtpSuite.of(crypto.suite());
            if (suite != null) {
                try {
                    SrtpKey.parseInline(suite, crypto.keyParams());
                    return crypto;
                } catch (IllegalArgumentException e) {
                    // try the next
                }
            }
        }
        return null;
    }

    private static SrtpKey farKey(MediaDescription m) {
        for (Crypto crypto : m.cryptos()) {
            if (SUITE.name().equals(crypto.suite())) {
                try {
                    return SrtpKey.parseInline(SUITE, crypto.keyParams());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The attributes that name addresses or keys of the other side of the relay (RFC 3605 rtcp, ICE, SDES). */
    private static MediaDescription withoutAddresses(MediaDescription m) {
        return m.withoutAttributes("crypto").withoutAttributes("rtcp").withoutAttributes("candidate")
                .withoutAttributes("remote-candidates").withoutAttributes("ice-ufrag").withoutAttributes("ice-pwd");
    }
}
