package org.sipsocial.routing.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.sipsocial.sip.message.ResponseBuilder;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipSyntaxException;
import org.sipsocial.sip.message.header.NameAddress;

/**
 * The registrar of RFC 3261 §10.3 for one authenticated AOR: adds, refreshes, removes and fetches bindings,
 * with RFC 3327 Path and RFC 5626 outbound ({@code +sip.instance} with {@code reg-id}, answered with Require and
 * Flow-Timer, §5.4). Authentication and the
 * check that the authenticated user owns the AOR come before (steps 1 to 4); this class does steps 5 to 8.
 */
public final class Registrar {
    /** RFC 3261 §20.17: the Date header's RFC 1123 form, always in GMT. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final LocationService location;
    private final RegistrarPolicy policy;
    private final Clock clock;
    private final Supplier<String> tags;

    public Registrar(LocationService location, RegistrarPolicy policy, Clock clock, Supplier<String> tags) {
        this.location = location;
        this.policy = policy;
        this.clock = clock;
        this.tags = tags;
    }

    /** A refusal of the whole REGISTER: nothing was changed. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String reason;

        Refusal(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }

    public SipResponse register(SipRequest request, String aorKey, Flow flow) {
        Instant now = clock.instant();
        try {
            List<NameAddress> contacts = request.contacts();
            List<Binding> current = contacts.isEmpty() ? location.lookup(aorKey, now) : apply(request, contacts, aorKey, flow, now);
            return ok(request, current, flow, now);
        } catch (Refusal refusal) {
            ResponseBuilder response = Responses.create(request, refusal.status, refusal.reason, tags.get());
            if (refusal.status == 423) {
                response.addHeader("Min-Expires", Long.toString(policy.minExpires().toSeconds()));
            }
            return response.build();
        } catch (SipSyntaxException e) {
            return Responses.create(request, 400, "Bad Contact or Expires", tags.get()).build();
        }
    }

    private List<Binding> apply(SipRequest request, List<NameAddress> contacts, String aorKey, Flow flow, Instant now) {
        String callId = request.callId();
        long cseq = request.cSeq().number();
        long headerExpires = request.expires();
        if (contacts.stream().anyMatch(NameAddress::isWildcard)) {
            if (contacts.size() != 1 || headerExpires != 0) {
                throw new Refusal(400, "Wildcard Contact Needs Expires 0 And No Other Contact");
            }
            return location.update(aorKey, now, bindings -> {
                for (Binding binding : bindings) {
                    checkOrder(binding, callId, cseq);
                }
                return List.of();
            });
        }
        List<Long> lifetimes = new ArrayList<>(contacts.size());
        for (NameAddress contact : contacts) {
            lifetimes.add(lifetime(contact, headerExpires));
        }
        List<NameAddress> path = request.paths();
        String userAgent = request.headerValue("User-Agent");
        return location.update(aorKey, now, bindings -> {
            List<Binding> next = new ArrayList<>(bindings);
            for (int i = 0; i < contacts.size(); i++) {
                NameAddress contact = contacts.get(i).withoutParameter("expires");
                Binding existing = next.stream().filter(b -> b.sameAs(contact)).findFirst().orElse(null);
                Instant registeredAt = now;
                if (existing != null) {
                    checkOrder(existing, callId, cseq);
                    next.remove(existing);
                    // A refresh: the phone has been registered since its first REGISTER (unknown if restored).
                    registeredAt = existing.registeredAt();
                }
                if (lifetimes.get(i) > 0) {
                    next.add(new Binding(contact, now.plusSeconds(lifetimes.get(i)), callId, cseq, path, flow,
                            userAgent, registeredAt));
                }
            }
            if (next.size() > policy.maxBindingsPerAor()) {
                throw new Refusal(403, "Too Many Contacts (at most " + policy.maxBindingsPerAor() + ")");
            }
            return next;
        });
    }

    /** §10.3 step 7: a REGISTER of the same Call-ID must carry a higher CSeq than the one that set the binding. */
    private static void checkOrder(Binding existing, String callId, long cseq) {
        if (existing.callId().equals(callId) && cseq <= existing.cseq()) {
            throw new Refusal(500, "Out Of Order REGISTER (CSeq not above " + existing.cseq() + ")");
        }
    }

    private long lifetime(NameAddress contact, long headerExpires) {
        long requested = contact.expires() >= 0 ? contact.expires()
                : headerExpires >= 0 ? headerExpires : policy.defaultExpires().toSeconds();
        if (requested > 0 && requested < policy.minExpires().toSeconds()) {
            throw new Refusal(423, "Interval Too Brief");
        }
        return Math.min(requested, policy.maxExpires().toSeconds());
    }

    private SipResponse ok(SipRequest request, List<Binding> bindings, Flow flow, Instant now) {
        ResponseBuilder response = Responses.create(request, 200, "OK", tags.get());
        boolean outbound = false;
        for (Binding binding : bindings) {
            long remaining = Math.max(0, Duration.between(now, binding.expiresAt()).toSeconds());
            response.addHeader("Contact", binding.contact().withParameter("expires", Long.toString(remaining)).toString());
            outbound |= binding.isOutboundFlow();
        }
        List<NameAddress> path = request.paths();
        if (!path.isEmpty()) {
            for (NameAddress hop : path) {
                response.addHeader("Path", hop.toString());
            }
            response.addHeader("Supported", "path");
        }
        if (outbound && request.supported().contains("outbound")) {
            response.addHeader("Require", "outbound");
            if (request.contacts().stream().anyMatch(c -> c.instance() != null && c.regId() >= 0)) {
                // RFC 5626 §5.4: this REGISTER set up (or refreshed) a flow; tell the phone how often to keep it alive.
                response.addHeader("Flow-Timer", Long.toString(policy.flowTimer(flow.transport()).toSeconds()));
            }
        }
        response.addHeader("Date", DATE.format(now));
        return response.build();
    }
}
