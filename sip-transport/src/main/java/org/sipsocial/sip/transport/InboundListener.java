package org.sipsocial.sip.transport;

/**
 * The layer above the transport (the transaction layer's adapter, RFC 3261 §17): it receives every
 * well-formed message. It is called on a network thread and must not block.
 */
@FunctionalInterface
public interface InboundListener {
    void onInbound(Inbound inbound);
}
