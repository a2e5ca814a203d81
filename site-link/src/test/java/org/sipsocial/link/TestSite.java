package org.sipsocial.link;

import org.sipsocial.sip.message.SipMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.identity.SiteName;

/** One site's links on loopback, with fast timers, for tests of two and three sites in one JVM. */
final class TestSite implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final SiteIdentity identity;
    final PinnedSiteList list = new PinnedSiteList();
    final WantedLinks wanted = WantedLinks.inMemory();
    final List<String> received = new CopyOnWriteArrayList<>();
    /** The user parts of the listed users, which the links publish; call {@link #usersChanged()} after a change. */
    final List<String> users = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final java.util.function.IntFunction<LinkSettings> settings;
    private final Clock clock;
    private final org.sipsocial.link.relay.RelayPolicy relay;
    private int port;
    private SiteLinks links;

    private TestSite(SiteIdentity identity, int port) {
        this(identity, port, TestSite::fast);
    }

    private TestSite(SiteIdentity identity, int port, java.util.function.IntFunction<LinkSettings> settings) {
        this(identity, port, settings, Clock.systemUTC());
    }

    private TestSite(SiteIdentity identity, int port, java.util.function.IntFunction<LinkSettings> settings, Clock clock) {
        this(identity, port, settings, clock, org.sipsocial.link.relay.RelayPolicy.OFF);
    }

    private TestSite(SiteIdentity identity, int port, java.util.function.IntFunction<LinkSettings> settings, Clock clock,
                     org.sipsocial.link.relay.RelayPolicy relay) {
        this.identity = identity;
        this.relay = relay;
        this.settings = settings;
        this.clock = clock;
        this.port = port;
        this.links = startLinks(port);
        this.port = links.localAddress().getPort();
    }

    private SiteLinks startLinks(int at) {
        return SiteLinks.builder(identity, list, wanted).settings(settings.apply(at)).clock(clock)
                .listener(new LinkListener() {
                    @Override
                    public void received(SiteName from, SipMessage message) {
                        received.add(from + ": " + message.startLine());
                    }

                    @Override
                    public void received(SiteName from, LinkFrame frame) {
                        received.add(from + ": frame " + frame.type() + " " + new String(frame.payload(),
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                    }

                    @Override
                    public void linkUp(SiteName site, java.net.InetAddress remote) {
                        received.add(site + ": up " + (remote == null ? "through a relay" : "from " + remote.getHostAddress()));
                    }

                    @Override
                    public void linkMoved(SiteName site, java.net.InetAddress remote) {
                        received.add(site + ": moved " + (remote == null ? "through a relay" : "to " + remote.getHostAddress()));
                    }

                    @Override
                    public void linkDown(SiteName site) {
                        received.add(site + ": down");
                    }
                })
                .listedUsers(() -> List.copyOf(users))
                .relay(relay).metrics(metrics).start();
    }

    static TestSite start(String name) {
        return new TestSite(Certificates.site(name), 0);
    }

    /** With the fast timers but a keep-alive of 30 s, for a test that speaks on the link itself. */
    static TestSite startWithSlowKeepAlive(String name) {
        return new TestSite(Certificates.site(name), 0,
                at -> fast(at).withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }

    /** With the fast timers, its links on {@code clock}. */
    static TestSite start(String name, Clock clock) {
        return new TestSite(Certificates.site(name), 0, TestSite::fast, clock);
    }

    /** With the fast timers, relaying for other sites as {@code relay} allows (issue 15). */
    static TestSite startRelaying(String name, org.sipsocial.link.relay.RelayPolicy relay) {
        return new TestSite(Certificates.site(name), 0, TestSite::fast, Clock.systemUTC(), relay);
    }

    static TestSite start(SiteIdentity identity) {
        return new TestSite(identity, 0);
    }

    /** Fast timers: keep-alive every 200 ms, a window of 3 s with tries every 100 ms. */
    static LinkSettings fast(int port) {
        return LinkSettings.defaults(new InetSocketAddress("127.0.0.1", port))
                .withKeepAlive(Duration.ofMillis(200), Duration.ofMillis(300))
                .withRetries(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(400))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(800));
    }

    SiteName name() {
        return identity.site();
    }

    int port() {
        return port;
    }

    SiteLinks links() {
        return links;
    }

    RemoteSite asRemote() {
        return new RemoteSite(name(), "127.0.0.1", port, identity.certificate());
    }

    /** Imports {@code other}'s certificate: adds it to this site's Network Connection list. */
    TestSite pin(TestSite other) {
        list.add(other.asRemote());
        return this;
    }

    /** Imports {@code other}'s certificate with a link address where nothing answers: no direct link can come up. */
    TestSite pinUnreachable(TestSite other, int deadPort) {
        list.add(new RemoteSite(other.name(), "127.0.0.1", deadPort, other.identity.certificate()));
        return this;
    }

    LinkStatus connect(TestSite other) {
        return links.connect(other.name());
    }

    LinkStatus disconnect(TestSite other) {
        return links.disconnect(other.name());
    }

    String line(TestSite other) {
        return links.status(other.name()).map(LinkStatus::line).orElse("(not on the list)");
    }

    LinkState state(TestSite other) {
        return links.status(other.name()).map(LinkStatus::state).orElse(null);
    }

    void awaitLine(TestSite other, String expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(line(other)).isEqualTo(expected));
    }

    void awaitConnected(TestSite other) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(line(other)).startsWith("connected since "));
    }

    void usersChanged() {
        links.directoryChanged();
    }

    /** The AORs that {@code other} publishes here. */
    List<String> directoryOf(TestSite other) {
        return links.directory().getOrDefault(other.name(), List.of());
    }

    /** Stops and starts again on the same port, with the same list and the same wanted links. */
    void restart() {
        links.close();
        links = startLinks(port);
    }

    @Override
    public void close() {
        links.close();
    }
}
