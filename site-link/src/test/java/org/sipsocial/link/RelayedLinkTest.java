package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;
import org.sipsocial.link.relay.RelayPolicy;
import org.sipsocial.sip.message.SipParser;

/**
 * Issue 15: theSmiths and theJoneses cannot reach each other directly (each has the other at an address where
 * nothing listens), but both are linked with theBrowns, which relays. Three sites in one JVM on loopback.
 */
class RelayedLinkTest {
    private static final RelayPolicy BOTH = new RelayPolicy(true, Set.of(SiteName.of("theSmiths"), SiteName.of("theJoneses")),
            RelayPolicy.DEFAULT_MAX_LINKS, RelayPolicy.DEFAULT_BYTES_PER_SECOND);
    private TestSite smiths;
    private TestSite joneses;
    private TestSite browns;
    private final ByteArrayOutputStream relayed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        for (TestSite site : new TestSite[] {smiths, joneses, browns}) {
            if (site != null) site.close();
        }
    }

    private void sites(RelayPolicy relay) throws Exception {
        smiths = TestSite.start("theSmiths");
        joneses = TestSite.start("theJoneses");
        browns = TestSite.startRelaying("theBrowns", relay);
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        smiths.pin(browns).pinUnreachable(joneses, dead);
        joneses.pin(browns).pinUnreachable(smiths, dead);
        browns.pin(smiths).pin(joneses);
        browns.links().tapRelayed(chunk -> {
            synchronized (relayed) {
                relayed.writeBytes(chunk);
            }
        });
        smiths.connect(browns);
        joneses.connect(browns);
        smiths.awaitConnected(browns);
        joneses.awaitConnected(browns);
    }

    private void awaitRelayed(TestSite site, TestSite other) {
        await().atMost(TestSite.WAIT).untilAsserted(() ->
                assertThat(site.line(other)).startsWith("connected through theBrowns since "));
    }

    @Test
    void whenNoDirectPathExistsTheLinkComesUpThroughTheRelayAndSaysSoOnBothSides() throws Exception {
        sites(BOTH);
        smiths.connect(joneses);
        awaitRelayed(smiths, joneses);
        awaitRelayed(joneses, smiths);
        assertThat(smiths.line(joneses)).contains("initiated by theSmiths");
        assertThat(smiths.received).as("no address of theJoneses is known through the relay").contains("theJoneses: up through a relay");
        assertThat(smiths.line(browns)).startsWith("connected since ");
    }

    @Test
    void aRelayedLinkCarriesSipBothWaysAndTheRelaySeesOnlyTlsRecords() throws Exception {
        sites(BOTH);
        smiths.connect(joneses);
        awaitRelayed(smiths, joneses);
        awaitRelayed(joneses, smiths);
        smiths.links().send(joneses.name(), SipParser.parse(message("theJoneses")).message()).join();
        joneses.links().send(smiths.name(), SipParser.parse(message("theSmiths")).message()).join();
        await().atMost(TestSite.WAIT).until(() -> joneses.received.contains("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
        await().atMost(TestSite.WAIT).until(() -> smiths.received.contains("theJoneses: MESSAGE sip:bob@theSmiths SIP/2.0"));

        byte[] seen;
        synchronized (relayed) {
            seen = relayed.toByteArray();
        }
        assertThat(seen.length).as("bytes relayed").isGreaterThan(1000);
        assertThat(seen[0]).as("a TLS handshake record first (RFC 8446 §5.1)").isEqualTo((byte) 22);
        assertThat(new String(seen, StandardCharsets.ISO_8859_1)).doesNotContain("SIP/2.0").doesNotContain("bob@");
        assertThat(browns.links().relayedFor(smiths.name())).get().asString()
                .startsWith("relaying its link with theJoneses since ");
        assertThat(browns.metrics.get("sipsocial.relay.links").gauge().value()).isEqualTo(1.0);
        assertThat(browns.metrics.get("sipsocial.relay.bytes").counter().count()).isGreaterThan(1000.0);
        assertThat(browns.metrics.get("sipsocial.relay.tls.records").counter().count()).as("TLS records relayed").isGreaterThan(4.0);
        assertThat(browns.metrics.get("sipsocial.relay.not.tls").counter().count()).as("anything else relayed").isZero();
    }

    @Test
    void aRelayedLinkMovesToADirectPathWhenOneBecomesPossible() throws Exception {
        sites(BOTH);
        smiths.connect(joneses);
        awaitRelayed(smiths, joneses);
        awaitRelayed(joneses, smiths);
        // theJoneses can now be reached where it listens (its router was fixed, say).
        smiths.list.remove(joneses.name());
        smiths.pin(joneses);
        await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(smiths.line(joneses)).startsWith("connected since "));
        await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(joneses.line(smiths)).startsWith("connected since "));
        await().atMost(TestSite.WAIT).untilAsserted(() ->
                assertThat(browns.metrics.get("sipsocial.relay.links").gauge().value()).isZero());
        smiths.links().send(joneses.name(), SipParser.parse(message("theJoneses")).message()).join();
        await().atMost(TestSite.WAIT).until(() -> joneses.received.contains("theSmiths: MESSAGE sip:bob@theJoneses SIP/2.0"));
    }

    @Test
    void whenTheLinkMovesToADirectPathBothSidesHearWhereTheOtherEndIsNowAndNeitherSeesTheLinkGoDown() throws Exception {
        sites(BOTH);
        smiths.connect(joneses);
        awaitRelayed(smiths, joneses);
        awaitRelayed(joneses, smiths);
        smiths.list.remove(joneses.name());
        smiths.pin(joneses);
        // What the media relay needs to try UDP with the other site, where the direct link sees it (issue 15).
        await().atMost(TestSite.WAIT).until(() -> smiths.received.contains("theJoneses: moved to 127.0.0.1")
                && joneses.received.contains("theSmiths: moved to 127.0.0.1"));
        // The relayed connection closes only after both sides took the direct one: calls on the link never end.
        await().atMost(TestSite.WAIT).untilAsserted(() ->
                assertThat(browns.metrics.get("sipsocial.relay.links").gauge().value()).isZero());
        assertThat(smiths.received).doesNotContain("theJoneses: down");
        assertThat(joneses.received).doesNotContain("theSmiths: down");
        assertThat(smiths.received.stream().filter(line -> line.startsWith("theJoneses: up "))).hasSize(1);
        assertThat(joneses.received.stream().filter(line -> line.startsWith("theSmiths: up "))).hasSize(1);
    }

    @Test
    void aRelayThatIsOffRefusesAndTheAskingSiteSaysWhy() throws Exception {
        sites(RelayPolicy.OFF);
        smiths.connect(joneses);
        await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(smiths.line(joneses))
                .contains("relay through theBrowns refused: theBrowns does not relay (relay = off)"));
        assertThat(smiths.line(joneses)).startsWith("refused: nothing listens on 127.0.0.1:");
    }

    @Test
    void aRelayRefusesATargetNotOnItsAllowList() throws Exception {
        sites(new RelayPolicy(true, Set.of(SiteName.of("theSmiths")), 1, RelayPolicy.DEFAULT_BYTES_PER_SECOND));
        smiths.connect(joneses);
        await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(smiths.line(joneses))
                .contains("relay through theBrowns refused: theBrowns does not relay to theJoneses (not on its relay-allow list)"));
    }

    @Test
    void theRelayCannotStandInForTheFarSiteBecauseTheInnerTlsIsPinnedToIt() throws Exception {
        sites(BOTH);
        // theSmiths has imported another certificate for theJoneses than the one theJoneses presents.
        smiths.list.remove(joneses.name());
        smiths.list.add(new RemoteSite(joneses.name(), "127.0.0.1", 9, Certificates.site("theJoneses").certificate()));
        smiths.connect(joneses);
        await().atMost(TestSite.WAIT).until(() -> browns.metrics.find("sipsocial.relay.bytes").counter() != null
                && browns.metrics.get("sipsocial.relay.bytes").counter().count() > 0);
        await().atMost(TestSite.WAIT).untilAsserted(() -> assertThat(smiths.line(joneses)).contains(
                "relay through theBrowns: refused: the certificate presented is not the one imported for theJoneses"));
        assertThat(smiths.line(joneses)).doesNotStartWith("connected");
        assertThat(joneses.line(smiths)).doesNotStartWith("connected");
    }

    private static byte[] message(String site) {
        return ("MESSAGE sip:bob@" + site + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 192.0.2.1:5070;branch=z9hG4bKrelay" + site + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@elsewhere>;tag=a1\r\n"
                + "To: <sip:bob@" + site + ">\r\n"
                + "Call-ID: relay-" + site + "\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
