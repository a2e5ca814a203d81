package org.sipsocial.link;

/** Where the link to one remote site stands. */
public enum LinkState {
    /** No link up and none being dialled (never connected, or Disconnect pressed on either side). */
    DISCONNECTED,
    /** Connect pressed: dialling at short intervals until the connect window closes. */
    CONNECTING,
    /** The other site answers but its administrator disconnected us; still trying within the window. */
    WAITING_FOR_PEER,
    /** Linked: SIP flows both ways. */
    CONNECTED,
    /** The connect window closed without a link, or the link was lost and is being retried with backoff. */
    FAILED
}
