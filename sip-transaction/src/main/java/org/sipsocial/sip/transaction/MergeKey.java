package org.sipsocial.sip.transaction;

import org.sipsocial.sip.message.SipRequest;

/**
 * The From tag, Call-ID and CSeq that RFC 3261 §8.2.2.2 compares to detect a merged request: one
 * that reached this element twice by different paths (a forking proxy upstream).
 */
record MergeKey(String fromTag, String callId, long cSeq, String method) {

    static MergeKey of(SipRequest request) {
        return new MergeKey(request.from().tag(), request.callId(), request.cSeq().number(), request.cSeq().method());
    }
}
