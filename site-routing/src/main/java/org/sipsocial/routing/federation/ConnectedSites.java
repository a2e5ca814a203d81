package org.sipsocial.routing.federation;

/**
 * The Network Connection list as routing sees it: the only routing table between sites (no DNS, no transit).
 * Answers without blocking: it is asked on the SIP event loops.
 */
public interface ConnectedSites {
    /** How this site stands with another site, named as in an AOR's host part. */
    enum Reach {
        /** On the list and its link is up: requests for it go over the link. */
        CONNECTED,
        /** On the list, but its link is not up now: 480. */
        NOT_CONNECTED,
        /** Not on the list (or not a site name at all): 404. */
        NOT_LISTED
    }

    Reach reach(String site);

    /** The address the other site sees this site from (its public side), or {@code null} when not known yet. */
    String seenFrom(String site);

    /** A site with no other sites on its list. */
    ConnectedSites NONE = new ConnectedSites() {
        @Override
        public Reach reach(String site) {
            return Reach.NOT_LISTED;
        }

        @Override
        public String seenFrom(String site) {
            return null;
        }
    };
}
