package org.sipsocial.sip.transaction;

import java.util.Locale;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.header.Via;

/**
 * What identifies a client transaction, RFC 3261 §17.1.3: the branch of the top Via (which this
 * element generated, with the magic cookie) and the CSeq method, since a CANCEL shares its INVITE's
 * branch. An ACK sent by an INVITE client transaction counts as that INVITE.
 */
record ClientKey(String branch, String method) {

    /**
     * The key of a request this element sends, or of a response to it; {@code null} when the message
     * has no top Via with a branch or no CSeq.
     */
    static ClientKey of(SipMessage message) {
        Via via = message.topVia();
        if (via == null || via.branch() == null || message.cSeq() == null) return null;
        String method = message.cSeq().method();
        if (method.equals(SipMethod.ACK)) method = SipMethod.INVITE;
        return new ClientKey(via.branch().toLowerCase(Locale.ROOT), method);
    }
}
