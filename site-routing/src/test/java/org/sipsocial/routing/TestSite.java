package org.sipsocial.routing;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.sipsocial.routing.auth.AuthFailurePolicy;
import org.sipsocial.routing.auth.AuthFailureThrottle;
import org.sipsocial.routing.auth.DigestAlgorithm;
import org.sipsocial.routing.auth.DigestAuthenticator;
import org.sipsocial.routing.auth.DigestOffers;
import org.sipsocial.routing.auth.NonceService;
import org.sipsocial.routing.federation.ConnectedSites;
import org.sipsocial.routing.federation.Federation;
import org.sipsocial.routing.federation.LinkAccessPolicy;
import org.sipsocial.routing.federation.LinkBoundary;
import org.sipsocial.routing.federation.LinkDialogs;
import org.sipsocial.routing.federation.OpaqueTokens;
import org.sipsocial.routing.proxy.ProxyCore;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.routing.registrar.Registrar;
import org.sipsocial.routing.registrar.RegistrarPolicy;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.Sender;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TimerSettings;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.store.DigestCredentials;
import org.sipsocial.store.UserName;
import org.sipsocial.testkit.ManualScheduler;

/**
 * A whole site core in one JVM with no network: the real transaction layer, registrar and proxy on a manual
 * scheduler, with a sender that records what the site puts on the wire.
 */
final class TestSite {
    static final String SITE = "theSmiths";
    static final String HOST = "10.0.0.1";

    /** What the site sent, and to where. */
    record Sent(SipMessage message, Hop hop) {
        SipRequest request() {
            return (SipRequest) message;
        }

        SipResponse response() {
            return (SipResponse) message;
        }
    }

    final ManualScheduler scheduler = new ManualScheduler();
    final List<Sent> sent = new ArrayList<>();
    final Map<String, DigestCredentials> users = Map.of(
            "alice", DigestCredentials.of(UserName.of("alice"), SITE, "alice-secret".toCharArray()),
            "bob", DigestCredentials.of(UserName.of("bob"), SITE, "bob-secret".toCharArray()),
            "carol", DigestCredentials.of(UserName.of("carol"), SITE, "carol-secret".toCharArray()));
    final SiteAddresses addresses = new SiteAddresses(SITE, HOST, Map.of("UDP", 5060, "TCP", 5060, "TLS", 5061));
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final AuthFailureThrottle throttle = new AuthFailureThrottle(AuthFailurePolicy.DEFAULT, scheduler.clock(), metrics);
    final LocationService location = new LocationService(key -> { });
    final DigestOffers offers = new DigestOffers(List.of(DigestAlgorithm.values()), metrics);
    final TransactionLayer layer;
    final SiteCore core;
    /** The calls the proxy saw established and not yet ended. */
    final org.sipsocial.routing.proxy.CallsInProgress calls;
    final StatelessAnswers answers;
    private final AtomicInteger tagCounter = new AtomicInteger();

    /** Other sites on this site's Network Connection list, and whether each is connected. */
    final Map<String, ConnectedSites.Reach> otherSites = new java.util.concurrent.ConcurrentHashMap<>();
    final ConnectedSites connectedSites = new ConnectedSites() {
        @Override
        public Reach reach(String site) {
            return otherSites.getOrDefault(site, Reach.NOT_LISTED);
        }

        @Override
        public String seenFrom(String site) {
            return "198.51.100.7:5070";
        }
    };
    final Federation federation = new Federation(connectedSites,
            new LinkBoundary(addresses, new OpaqueTokens(new SecureRandom()), connectedSites), new LinkAccessPolicy(metrics),
            new LinkDialogs(scheduler.clock(), metrics, org.sipsocial.routing.federation.LinkMedia.ADDRESSES_ONLY));

    TestSite() {
        TimerService timers = (delay, task) -> scheduler.schedule(delay, task)::cancel;
        Sender sender = new Sender() {
            @Override
            public void send(SipRequest request, Hop next) {
                sent.add(new Sent(request, next));
            }

            @Override
            public void sendResponse(SipResponse response, Hop requestSource) {
                sent.add(new Sent(response, requestSource));
            }
        };
        NonceService nonces = new NonceService(scheduler.clock(), new SecureRandom(), Duration.ofMinutes(5));
        DigestAuthenticator authenticator = new DigestAuthenticator(SITE, nonces,
                name -> Optional.ofNullable(users.get(name.toLowerCase())), uri -> addresses.isSiteHost(uri.host()),
                offers);
        LateTransactionUser late = new LateTransactionUser();
        layer = new TransactionLayer(sender, timers, TimerSettings.DEFAULTS, late);
        Registrar registrar = new Registrar(location, RegistrarPolicy.DEFAULT, scheduler.clock(),
                () -> "t" + tagCounter.incrementAndGet());
        calls = new org.sipsocial.routing.proxy.CallsInProgress(scheduler.clock());
        core = new SiteCore(addresses, authenticator, throttle, registrar, location,
                name -> Optional.ofNullable(users.get(name.toLowerCase())), new ProxyCore(layer, addresses, federation.dialogs(),
                        calls, timers),
                federation, timers,
                scheduler.clock(), () -> "t" + tagCounter.incrementAndGet());
        late.attach(core);
        answers = new StatelessAnswers(addresses, authenticator, new SecureRandom(), metrics);
    }

    /**
     * {@code request} from {@code phone} as the running site takes it: the stateless answers first (their answer
     * recorded as sent), then the transaction layer.
     */
    void arrive(Phone phone, SipRequest request) {
        if (request.isMethod(org.sipsocial.sip.message.SipMethod.ACK) && answers.absorbsAck(request)) {
            return;
        }
        Optional<SipResponse> challenge = answers.answer(request, phone.hop());
        if (challenge.isPresent()) {
            sent.add(new Sent(challenge.get(), phone.hop()));
            return;
        }
        layer.onRequest(request, phone.hop());
    }

    /** The messages sent since the last call, and forgets them. */
    List<Sent> drain() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    /** The one response but 100 Trying sent since the last drain (fails if there is not exactly one message). */
    SipResponse onlyResponse() {
        List<Sent> out = new ArrayList<>(drain());
        out.removeIf(s -> !s.message().isRequest() && s.response().statusCode() == 100);
        if (out.size() != 1 || out.get(0).message().isRequest()) {
            throw new AssertionError("expected one response, the site sent " + out);
        }
        return out.get(0).response();
    }

    /** {@code phone} sends {@code request}; returns the one response (but 100) the site sent back. */
    SipResponse send(Phone phone, SipRequest request) {
        layer.onRequest(request, phone.hop());
        return onlyResponse();
    }

    /** {@code phone} registers, answering the challenge. */
    void register(Phone phone) {
        SipResponse challenge = send(phone, phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "", null));
        SipResponse ok = send(phone, phone.request("REGISTER", "sip:theSmiths", phone.user + "-reg", "",
                phone.answer(challenge, "REGISTER", "sip:theSmiths")));
        if (ok.statusCode() != 200) {
            throw new AssertionError(phone.user + " did not register: " + ok);
        }
    }

    static InetSocketAddress phoneAddress(int lastOctet) {
        return new InetSocketAddress("10.0.0." + lastOctet, 5060);
    }
}
