package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipRequest;

/**
 * What the ACK of a 2xx shares with the INVITE and the 2xx it acknowledges (RFC 3261 §13.2.2.4: the Call-ID, From tag
 * and CSeq number of the INVITE, the To tag of the 2xx), since it has a branch of its own: how a proxy's INVITE client
 * transaction in Accepted learns that the ACK of its 2xx went by ({@link InviteClientTransaction#acknowledged}).
 */
record AckKey(String callId, String fromTag, long cSeq, String toTag) {

    /** The key of an ACK, or {@code null} when it lacks a part (it then acknowledges no 2xx we could find). */
    static AckKey of(SipRequest ack) {
        if (ack.from() == null || ack.to() == null || ack.cSeq() == null || ack.to().tag() == null) return null;
        return new AckKey(ack.callId(), ack.from().tag(), ack.cSeq().number(), ack.to().tag());
    }
}
