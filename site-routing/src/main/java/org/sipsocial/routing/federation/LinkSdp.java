package org.sipsocial.routing.federation;

import java.util.List;
import java.util.Optional;

import org.sipsocial.sip.message.MessageBuilder;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.sdp.MediaDescription;
import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * SDP bodies crossing a link (RFC 8866): found in a message, rewritten by the {@link LinkMedia}, put back.
 * Without a relay, {@link #withAddress} names the site's public side in {@code o=} and {@code c=} (§5.2, §5.7)
 * and drops ICE candidates (RFC 8839), which name host addresses.
 */
final class LinkSdp {
    private LinkSdp() {
    }

    /** The SDP body of {@code message}, if it has one (an unreadable one counts as none, and is not passed on). */
    static Optional<SessionDescription> of(SipMessage message) {
        MediaType type = message.contentType();
        if (message.bodyLength() == 0 || type == null || !type.is("application", "sdp")) {
            return Optional.empty();
        }
        try {
            return Optional.of(SessionDescription.parse(message.body()));
        } catch (SipSyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean hasSdp(SipMessage message) {
        MediaType type = message.contentType();
        return message.bodyLength() > 0 && type != null && type.is("application", "sdp");
    }

    static void replace(MessageBuilder<?> builder, SessionDescription sdp) {
        builder.body(MediaType.APPLICATION_SDP, sdp.toBytes());
    }

    static SessionDescription withAddress(SessionDescription sdp, String address) {
        SessionDescription out = sdp.withAddress(address);
        List<MediaDescription> media = out.media();
        for (int i = 0; i < media.size(); i++) {
            out = out.withMedia(i, media.get(i).withoutAttributes("candidate").withoutAttributes("remote-candidates"));
        }
        return out;
    }
}
