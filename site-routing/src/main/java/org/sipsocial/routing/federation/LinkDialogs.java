package org.sipsocial.routing.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.sipsocial.sip.message.HeaderName;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.header.CSeq;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.transaction.Hop;

/**
 * The calls in progress between a phone of this site and another site, so that a link that goes (a Disconnect,
 * a lost link, the site removed from the list) ends them: each phone gets a BYE in the name of its far party
 * (RFC 3261 §15.1.1), as if the other side had hung up. A call is remembered from the 2xx that established it
 * to the BYE that ends it, with only what that BYE needs: the phone's side of the dialog and where the phone is.
 * Bounded: past {@link #MAX_DIALOGS}, or {@link #MAX_AGE} old, the oldest are forgotten (their phones then hang
 * up by themselves or by their session timers); the count is the gauge {@code sipsocial_link_dialogs}.
 */
public final class LinkDialogs {
    public static final int MAX_DIALOGS = 20_000;
    public static final Duration MAX_AGE = Duration.ofHours(12);

    /** One call: the site at the far end, the BYE this site would send the phone, and the far side's last CSeq. */
    private static final class Dialog {
        final String site;
        final Instant since;
        final SipRequest byeWithoutCSeq;
        final Hop phone;
        long farSideCSeq;

        Dialog(String site, Instant since, SipRequest byeWithoutCSeq, Hop phone, long farSideCSeq) {
            this.site = site;
            this.since = since;
            this.byeWithoutCSeq = byeWithoutCSeq;
            this.phone = phone;
            this.farSideCSeq = farSideCSeq;
        }

        /** RFC 3261 §12.2.1.1: one above the last CSeq the far side used in this dialog. */
        SipRequest bye() {
            return byeWithoutCSeq.toBuilder()
                    .addHeader(HeaderName.CSEQ.text(), new CSeq(farSideCSeq + 1, SipMethod.BYE).toString()).build();
        }
    }

    private final Clock clock;
    private final LinkMedia media;
    private final Map<String, Dialog> dialogs = new LinkedHashMap<>();

    public LinkDialogs(Clock clock, MeterRegistry metrics, LinkMedia media) {
        this.clock = clock;
        this.media = media;
        Gauge.builder("sipsocial_link_dialogs", this, LinkDialogs::size)
                .description("Calls in progress between a phone of this site and another site").register(metrics);
    }

    /**
     * A 2xx to an INVITE passed between a phone and a link. {@code invite} is the request as the phone's side
     * knows it (the caller's, or the one forwarded to the callee), {@code phone} where the phone is, and
     * {@code phoneIsCaller} which side of the dialog the phone holds.
     */
    public synchronized void established(String site, SipRequest invite, SipResponse ok, Hop phone, boolean phoneIsCaller) {
        NameAddress from = invite.from();
        NameAddress to = ok.to();
        NameAddress phoneContact = phoneIsCaller ? first(invite.contacts()) : first(ok.contacts());
        if (from == null || to == null || to.tag() == null || phoneContact == null || phoneContact.isWildcard()) {
            return;
        }
        // The BYE comes from the far party: the phone's remote URI and tag are its From, its own are the To.
        NameAddress byeFrom = phoneIsCaller ? to : from;
        NameAddress byeTo = phoneIsCaller ? from : to;
        SipRequest bye = SipRequest.builder(SipMethod.BYE, phoneContact.uri())
                .addHeader(HeaderName.FROM.text(), byeFrom.toString())
                .addHeader(HeaderName.TO.text(), byeTo.toString())
                .addHeader(HeaderName.CALL_ID.text(), invite.callId())
                .addHeader(HeaderName.MAX_FORWARDS.text(), "70")
                .addHeader("Reason", "SIP;cause=480;text=\"the link with " + site + " went down\"")
                .build();
        // A re-INVITE re-establishes the call: the far side's numbering so far still counts.
        Dialog before = dialogs.remove(invite.callId());
        long farSideCSeq = Math.max(before == null ? 0 : before.farSideCSeq, phoneIsCaller ? 0 : invite.cSeq().number());
        dialogs.put(invite.callId(), new Dialog(site, clock.instant(), bye, phone, farSideCSeq));
        trim();
    }

    /** A request of the far side passed towards the phone in this call: the BYE must number above it. */
    public synchronized void farSideSent(String callId, long cseq) {
        Dialog dialog = dialogs.get(callId);
        if (dialog != null && cseq > dialog.farSideCSeq) {
            dialog.farSideCSeq = cseq;
        }
    }

    /** A BYE for this call passed (either side hung up): nothing to end any more, and its media goes. */
    public void ended(String callId) {
        synchronized (this) {
            dialogs.remove(callId);
        }
        media.end(callId);
    }

    /** A call was refused, cancelled or failed before it was established: its media goes. */
    public void failed(String callId) {
        media.end(callId);
    }

    /**
     * The link with {@code site} went: the BYE for each phone in a call with it (to send, with our Via), and where
     * to; the calls' media goes.
     */
    public List<Map.Entry<SipRequest, Hop>> endAll(String site) {
        List<Map.Entry<SipRequest, Hop>> out = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<String, Dialog>> it = dialogs.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Dialog> entry = it.next();
                if (entry.getValue().site.equalsIgnoreCase(site)) {
                    out.add(Map.entry(entry.getValue().bye(), entry.getValue().phone));
                    calls.add(entry.getKey());
                    it.remove();
                }
            }
        }
        calls.forEach(media::end);
        return out;
    }

    public synchronized int size() {
        return dialogs.size();
    }

    private void trim() {
        Instant oldest = clock.instant().minus(MAX_AGE);
        for (Iterator<Dialog> it = dialogs.values().iterator(); it.hasNext(); ) {
            Dialog dialog = it.next();
            if (dialogs.size() > MAX_DIALOGS || dialog.since.isBefore(oldest)) {
                it.remove();
                media.end(dialog.byeWithoutCSeq.callId());
            } else {
                break;
            }
        }
    }

    private static NameAddress first(List<NameAddress> contacts) {
        return contacts.isEmpty() ? null : contacts.get(0);
    }
}
