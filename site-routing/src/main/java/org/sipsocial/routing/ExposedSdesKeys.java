package org.sipsocial.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sipsocial.routing.auth.PhoneDevice;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a phone that puts SRTP keys in its SDP ({@code a=crypto}, SDES, RFC 4568) on a transport anyone on the
 * network can read. RFC 4568 §8.3 allows SDES only over a secure transport: on UDP or TCP the keys travel in
 * clear text and the SRTP they protect is no secret. Phones do it anyway, so the call goes on; the site logs a
 * warning once per phone ({@link PhoneDevice}: user and User-Agent) saying to move the phone to TLS. Remembers
 * at most {@link #MAX_DEVICES} phones, the least recently warned forgotten first.
 */
public final class ExposedSdesKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ExposedSdesKeys.class);
    public static final int MAX_DEVICES = 10_000;

    private final Set<PhoneDevice> warned = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PhoneDevice, Boolean> eldest) {
            return size() > MAX_DEVICES;
        }
    });

    /**
     * Looks at a request that {@code user} sent over {@code transport} ({@code UDP}, {@code TCP}, {@code TLS}) to
     * the site at {@code site}, whose TLS port the warning names.
     */
    public void check(SipRequest request, String transport, String user, SiteAddresses site) {
        if ("TLS".equalsIgnoreCase(transport) || !carriesSdesKeys(request)) {
            return;
        }
        PhoneDevice device = new PhoneDevice(user, PhoneDevice.of(request).userAgent());
        boolean first;
        synchronized (warned) {
            first = warned.add(device);
        }
        if (first) {
            LOG.warn("{} sent SRTP keys (SDES a=crypto) over {}, where anyone on the network can read them (RFC 4568 "
                    + "§8.3): the call goes on, but its media is not private. Set the phone's SIP transport to TLS "
                    + "(this site's port {}) with the site's certificate (sipsocial cert export)",
                    device.describe(), transport, site.portIfListening("TLS").map(String::valueOf).orElse("none yet"));
        }
    }

    static boolean carriesSdesKeys(SipRequest request) {
        if (request.bodyLength() == 0) {
            return false;
        }
        try {
            MediaType type = request.contentType();
            if (type == null || !type.is("application", "sdp")) {
                return false;
            }
            SessionDescription sdp = SessionDescription.parse(request.body());
            return sdp.hasAttribute("crypto") || sdp.media().stream().anyMatch(m -> m.hasAttribute("crypto"));
        } catch (SipSyntaxException e) {
            return false;
        }
    }
}
