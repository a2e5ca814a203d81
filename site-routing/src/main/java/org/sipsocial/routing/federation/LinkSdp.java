package org.sipsocial.routing.federation;

import java.util.List;

import org.sipsocial.sip.message.MessageBuilder;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.sdp.Connection;
import org.sipsocial.sip.message.sdp.MediaDescription;
import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * The addresses in an SDP body that crosses a link (RFC 8866 §5.2 {@code o=}, §5.7 {@code c=}, and ICE's
 * {@code a=candidate}, RFC 8839): they name the site's public side instead of a phone. Until the media relay
 * (issue 11) anchors the media, that is all: the ports stay the phone's.
 */
final class LinkSdp {
    private LinkSdp() {
    }

    static void rewrite(SipMessage message, MessageBuilder<?> builder, String address) {
        MediaType type = message.contentType();
        if (message.bodyLength() == 0 || type == null || !type.is("application", "sdp")) {
            return;
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(message.body());
        } catch (SipSyntaxException e) {
            builder.noBody();
            return;
        }
        Connection connection = address.indexOf(':') >= 0 ? Connection.ip6(address) : Connection.ip4(address);
        SessionDescription out = sdp;
        if (sdp.connection() != null) {
            out = out.withConnection(connection);
        }
        String origin = sdp.origin();
        if (origin != null) {
            String[] fields = origin.split(" ");
            if (fields.length == 6) {
                out = out.withOrigin(String.join(" ", fields[0], fields[1], fields[2], fields[3],
                        connection.addressType(), address));
            }
        }
        List<MediaDescription> media = out.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i).withoutAttributes("candidate").withoutAttributes("remote-candidates");
            if (m.connection() != null) {
                m = m.withConnection(connection);
            }
            out = out.withMedia(i, m);
        }
        builder.body(type, out.toBytes());
    }
}
