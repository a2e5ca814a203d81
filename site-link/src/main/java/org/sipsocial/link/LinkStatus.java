package org.sipsocial.link;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.sipsocial.identity.SiteName;

/**
 * What {@code sipsocial status NAME} shows for one remote site.
 *
 * @param site         the remote site
 * @param state        where the link stands
 * @param since        when it connected (CONNECTED only)
 * @param initiatedBy  the site whose connect made the link: the one whose administrator pressed Connect, or
 *                     when both dialled, the one whose dial got through (CONNECTED only)
 * @param roundTrip    the last measured round-trip time (CONNECTED only)
 * @param seenFrom     the public address the other side sees us at, {@code host:port} (CONNECTED only)
 * @param lastError    the last failure, or {@code null}
 * @param disconnectedBy the site whose administrator disconnected, or {@code null}
 * @param asksToConnect true when the other side tried to connect and we have not pressed Connect
 * @param retrying     true when a link that was up is lost and being tried again with backoff
 * @param through      the site that relays the link (issue 15), or {@code null} for a direct link (CONNECTED only)
 * @param relayNote    why the last try to relay the link failed, a plain line, or {@code null} (not CONNECTED)
 */
public record LinkStatus(SiteName site, LinkState state, Instant since, SiteName initiatedBy, Duration roundTrip,
                         String seenFrom,
                         LinkError lastError, SiteName disconnectedBy, boolean asksToConnect, boolean retrying,
                         SiteName through, String relayNote) {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The answer to Connect or Disconnect for a site that is not on the Network Connection list. */
    static LinkStatus notOnList(SiteName site) {
        return new LinkStatus(site, LinkState.FAILED, null, null, null, null,
                new LinkError(LinkFailure.NOT_ON_LIST, site.toString(), "", null), null, false, false, null, null);
    }

    /** The one plain line of status. */
    public String line() {
        switch (state) {
            case CONNECTED:
                if (through != null) {
                    return "connected through " + through + " since " + WHEN.format(since) + ", initiated by "
                            + initiatedBy + ", round trip " + roundTrip.toMillis() + " ms";
                }
                return "connected since " + WHEN.format(since) + ", initiated by " + initiatedBy
                        + ", round trip " + roundTrip.toMillis()
                        + " ms, seen from " + seenFrom;
            case CONNECTING:
                return (lastError == null ? "connecting" : lastError.line()) + relayed();
            case WAITING_FOR_PEER:
                return lastError == null ? "waiting for the other side" : lastError.line();
            case FAILED:
                return (lastError == null ? "failed" : lastError.line()) + relayed() + (retrying ? "; trying again" : "");
            default:
                if (disconnectedBy != null) return "disconnected by " + disconnectedBy;
                if (asksToConnect) return "disconnected: " + site + " asks to connect";
                return "disconnected";
        }
    }

    private String relayed() {
        return relayNote == null ? "" : "; " + relayNote;
    }

    @Override
    public String toString() {
        return site + ": " + line();
    }
}
