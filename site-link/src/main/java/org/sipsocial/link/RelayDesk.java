package org.sipsocial.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import java.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.relay.ByteRate;
import org.sipsocial.link.relay.RelayHeaders;
import org.sipsocial.link.relay.RelayPolicy;
import org.sipsocial.link.relay.RelayRefusal;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relaying site's side of issue 15's relayed links: it decides on requests to relay ({@link RelayPolicy}),
 * asks the target over its link ({@code relay-offer} with a one-time token), pairs the target's join with the
 * waiting request, and splices the two connections ({@link RelaySplice}): from then on it copies TLS records it
 * cannot read, within its bounds. Runs on the link thread.
 */
final class RelayDesk {
    private static final Logger LOG = LoggerFactory.getLogger(RelayDesk.class);
    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** A request to relay, waiting for the target to join. */
    private record Waiting(SiteName asker, SiteName target, LinkConnection connection, SipRequest request,
                           ScheduledFuture<?> due) {
    }

    /** One relayed link this site carries. */
    private static final class Relayed implements RelaySplice.Carried {
        final SiteName asker;
        final SiteName target;
        final Instant since;
        long bytes;
        boolean over;
        private final RelayDesk desk;

        Relayed(RelayDesk desk, SiteName asker, SiteName target, Instant since) {
            this.desk = desk;
            this.asker = asker;
            this.target = target;
            this.since = since;
        }

        @Override
        public void forwarded(byte[] chunk, long records) {
            bytes += chunk.length;
            desk.bytes.increment(chunk.length);
            desk.records.increment(records);
            desk.tap.accept(chunk);
        }

        @Override
        public void notTls() {
            desk.notTls.increment();
        }

        @Override
        public void ended(String why) {
            if (over) return;
            over = true;
            desk.carried.remove(this);
            desk.gauge.set(desk.carried.size());
            desk.note.accept("relayed link of " + asker + " and " + target + " ended (" + why + ", " + bytes + " bytes)");
        }

        boolean involves(SiteName site) {
            return asker.key().equals(site.key()) || target.key().equals(site.key());
        }
    }

    private final SiteName self;
    private final java.util.concurrent.ScheduledExecutorService loop;
    private final PinnedSites sites;
    private final LinkTable table;
    private final LinkSettings settings;
    private final RelayPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Consumer<String> note;
    private final java.util.function.Predicate<SiteName> disconnectedHere;
    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter records;
    private final Counter notTls;
    private final AtomicInteger gauge;
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final Set<Relayed> carried = new LinkedHashSet<>();
    private ByteRate rate;
    /** Sees every chunk relayed, for tests that check that the relay sees nothing but TLS. */
    private Consumer<byte[]> tap = chunk -> { };

    RelayDesk(SiteName self, java.util.concurrent.ScheduledExecutorService loop, PinnedSites sites, LinkTable table, LinkSettings settings, RelayPolicy policy, Clock clock,
              MeterRegistry registry, Consumer<String> note, java.util.function.Predicate<SiteName> disconnectedHere) {
        this.self = self;
        this.loop = loop;
        this.sites = sites;
        this.table = table;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
        this.registry = registry;
        this.note = note;
        this.disconnectedHere = disconnectedHere;
        this.bytes = registry.counter("sipsocial.relay.bytes");
        this.records = registry.counter("sipsocial.relay.tls.records");
        this.notTls = registry.counter("sipsocial.relay.not.tls");
        this.gauge = registry.gauge("sipsocial.relay.links", new AtomicInteger());
    }

    void tap(Consumer<byte[]> value) {
        this.tap = value;
    }

    /** A site asks to be relayed ({@code relay}) or joins ({@code relay-join}) on {@code connection}. */
    void asked(RemoteSite from, LinkConnection connection, SipRequest request) {
        String action = String.valueOf(request.headerValue(LinkMessages.ACTION_HEADER));
        if (action.equals(RelayHeaders.RELAY)) {
            ask(from.name(), connection, request);
        } else {
            join(from.name(), connection, request);
        }
    }

    private void ask(SiteName asker, LinkConnection connection, SipRequest request) {
        SiteName target = RelayHeaders.site(request.headerValue(RelayHeaders.RELAY_TO));
        if (target == null) {
            connection.answer(request, 400, "Bad Request");
            return;
        }
        LinkConnection targetLink = table.link(target);
        boolean targetLinked = targetLink != null && targetLink.isOpen() && targetLink.peer().through() == null;
        Optional<RelayRefusal> refusal = policy.decide(asker, target, sites.byName(target).isPresent(), targetLinked,
                carried.size() + waiting.size());
        // A site this site's administrator disconnected gets no link here, relayed or not.
        if (refusal.isEmpty() && disconnectedHere.test(asker)) refusal = Optional.of(RelayRefusal.ASKER_NOT_ALLOWED);
        if (refusal.isPresent()) {
            refuse(connection, request, refusal.get(), asker, target);
            return;
        }
        String token = RelayHeaders.newToken(random);
        connection.awaitRelay();
        ScheduledFuture<?> due = loop.schedule(() -> {
            Waiting w = waiting.remove(token);
            if (w != null) refuse(w.connection(), w.request(), RelayRefusal.TARGET_DID_NOT_JOIN, asker, target);
        }, settings.handshakeTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        waiting.put(token, new Waiting(asker, target, connection, request, due));
        targetLink.sendRequest(RelayHeaders.RELAY_OFFER, RelayHeaders.offer(asker, token));
        LOG.info("{} asks to be relayed to {}: offered to {}", asker, target, target);
    }

    private void join(SiteName joiner, LinkConnection connection, SipRequest request) {
        String token = request.headerValue(RelayHeaders.RELAY_TOKEN);
        Waiting w = RelayHeaders.isToken(token) ? waiting.get(token) : null;
        if (w == null || !w.target().key().equals(joiner.key())) {
            refuse(connection, request, RelayRefusal.UNKNOWN_TOKEN, joiner, self);
            return;
        }
        waiting.remove(token);
        w.due().cancel(false);
        if (!w.connection().isOpen()) {
            refuse(connection, request, RelayRefusal.UNKNOWN_TOKEN, joiner, self);
            return;
        }
        if (rate == null) rate = new ByteRate(policy.bytesPerSecond(), System.nanoTime());
        Relayed relayed = new Relayed(this, w.asker(), w.target(), clock.instant());
        connection.answer(request, 200, "OK");
        w.connection().answer(w.request(), 200, "OK");
        Channel askerLeg = w.connection().handOver();
        Channel targetLeg = connection.handOver();
        askerLeg.pipeline().addLast("relay", new RelaySplice(targetLeg, rate, System::nanoTime, relayed));
        targetLeg.pipeline().addLast("relay", new RelaySplice(askerLeg, rate, System::nanoTime, relayed));
        carried.add(relayed);
        gauge.set(carried.size());
        note.accept("relaying a link between " + w.asker() + " and " + w.target());
    }

    private void refuse(LinkConnection connection, SipRequest request, RelayRefusal refusal, SiteName asker,
                        SiteName target) {
        Counter.builder("sipsocial.relay.refusals").tag("reason", refusal.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        note.accept("relay refused to " + asker + ": " + refusal.line(self.toString(), asker.toString(), target.toString()));
        connection.awaitRelay();
        connection.answer(request, refusal.status(), refusal.reason());
        loop.schedule(connection::closeQuietly, settings.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** What this site relays that involves {@code site}, one plain phrase, or empty. */
    Optional<String> carriedFor(SiteName site) {
        List<String> parts = new ArrayList<>();
        for (Relayed r : carried) {
            if (!r.involves(site)) continue;
            SiteName other = r.asker.key().equals(site.key()) ? r.target : r.asker;
            parts.add("relaying its link with " + other + " since " + WHEN.format(r.since) + ", " + r.bytes + " bytes");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** How many relayed links this site carries. */
    int carried() {
        return carried.size();
    }
}
