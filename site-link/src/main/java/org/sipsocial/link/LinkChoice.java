package org.sipsocial.link;

/**
 * What this site's administrator last chose for the link with one remote site, kept across restarts
 * ({@link WantedLinks}). Importing the other site's certificate is the consent to link (issue 10, "One Connect is
 * enough"): only a Disconnect pressed here makes this site refuse the other side's Connect.
 */
public enum LinkChoice {
    /** Connect pressed here, or the link came up: the link is redialled after a loss or a restart. */
    CONNECT,
    /** Nothing chosen here, or the other side disconnected: a Connect from the other side links. */
    NONE,
    /** Disconnect pressed here: the other side's Connect is refused until Connect is pressed here. */
    DISCONNECT
}
