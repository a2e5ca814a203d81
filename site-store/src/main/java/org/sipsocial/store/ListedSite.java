package org.sipsocial.store;

/** A site on the Network Connection list with the status of its link, as {@code site list} shows it. */
public record ListedSite(RemoteSite site, LinkStatus linkStatus) {
}
