package org.sipsocial.link;

/** What can happen to the link with one remote site; {@link LinkMachine} maps (state, event) to a transition. */
enum LinkEvent {
    /** The administrator pressed Connect (or the site started and the link was wanted). */
    CONNECT,
    /** The administrator pressed Disconnect. */
    DISCONNECT,
    /** A dial failed (timeout, refusal, handshake). */
    DIAL_FAILED,
    /** The other side answered 480: its administrator disconnected us and has not pressed Connect since. */
    PEER_REFUSES,
    /** A connection became the link (our connect answered 200, or we answered 200 to theirs). */
    LINKED,
    /** The link's connection died without a disconnect. */
    LINK_LOST,
    /** The other side sent disconnect. */
    PEER_DISCONNECTED,
    /** A retry timer fired. */
    RETRY_DUE,
    /** The connect window closed. */
    WINDOW_OVER
}
