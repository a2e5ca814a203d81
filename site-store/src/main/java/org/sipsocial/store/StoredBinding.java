package org.sipsocial.store;

import java.time.Instant;

/** One registration binding as the store keeps it; the registrar gives it meaning. */
public record StoredBinding(String aorKey, String contact, Instant expiresAt, String callId, long cseq, String path,
        String flowTransport, String flowAddress, int flowPort) {
}
