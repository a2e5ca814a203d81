package org.sipsocial.link;

import java.util.List;

/**
 * The port to this site's listed users, whose AORs the links publish to every connected site (the directory of
 * issue 10). The site implements it from its store; links know no store. Read on the caller's thread of
 * {@link SiteLinks.Builder#start()} and {@link SiteLinks#directoryChanged()}, never on the link thread.
 */
@FunctionalInterface
public interface ListedUsers {
    ListedUsers NONE = List::of;

    /** The user parts (RFC 3261 §25.1 {@code user}) of the listed users, in the order to publish them. */
    List<String> names();
}
