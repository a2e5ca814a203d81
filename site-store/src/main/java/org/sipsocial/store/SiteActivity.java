package org.sipsocial.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a running site is doing now, as the console's Live page shows it: the phones registered with it, the calls
 * in progress through it, and each link's last round trip. Nothing private of another site is in it: its users
 * appear by their AORs only, never with an address.
 *
 * @param at     when it was taken
 * @param phones the registered phones, by user name and then device
 * @param calls  the calls in progress, oldest first
 * @param links  the connected links' round-trip times, by site name
 */
public record SiteActivity(Instant at, List<Phone> phones, List<Call> calls, List<LinkRoundTrip> links) {
    public SiteActivity {
        phones = List.copyOf(phones);
        calls = List.copyOf(calls);
        links = List.copyOf(links);
    }

    /**
     * One registered phone of a user of this site.
     *
     * @param user      the user's name
     * @param device    the phone's User-Agent as it sent it (empty when it sent none)
     * @param transport UDP, TCP or TLS
     * @param since     when it first registered; {@code null} when that was before the site last started
     */
    public record Phone(String user, String device, String transport, Instant since) {
    }

    /**
     * One call in progress.
     *
     * @param caller   the caller's AOR ({@code user@site})
     * @param callee   the callee's AOR
     * @param site     the other site the call crosses a link to; empty for a call within this site
     * @param since    when it was answered
     * @param media    the way its media takes to the other site (direct UDP, inside the link); empty when this
     *                 site relays none of it
     * @param lost     RTP packets from the other site missing so far (calls between sites)
     * @param late     RTP packets from the other site that came after a later one
     */
    public record Call(String caller, String callee, String site, Instant since, String media, long lost, long late) {
        public boolean betweenSites() {
            return !site.isEmpty();
        }
    }

    /** A connected link's last measured round trip. */
    public record LinkRoundTrip(String site, Duration roundTrip) {
    }
}
