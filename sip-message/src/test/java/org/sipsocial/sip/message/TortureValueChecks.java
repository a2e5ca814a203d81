package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.AbsoluteUri;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;

/** The values RFC 4475 calls out, per file, for {@link Rfc4475ConformanceTest}. */
final class TortureValueChecks {
    private TortureValueChecks() {
    }

    private static SipRequest req(SipMessage m) {
        return (SipRequest) m;
    }

    private static SipUri sip(Uri u) {
        return (SipUri) u;
    }

    static final Map<String, Consumer<SipMessage>> CHECKS = Map.ofEntries(
            Map.entry("wsinv.dat", m -> {
                assertThat(m.maxForwards()).isEqualTo(68);
                assertThat(m.cSeq().number()).isEqualTo(9);
                assertThat(m.cSeq().method()).isEqualTo("INVITE");
                assertThat(m.headerValue("NewFangledHeader")).isEqualTo("newfangled value continued newfangled value");
                assertThat(m.headerValue("UnknownHeaderWithUnusualValue")).isEqualTo(";;,,;;,;");
                assertThat(m.via()).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
                assertThat(m.via().get(2).branch()).isEqualTo("z9hG4bK30239");
                assertThat(m.to().tag()).isEqualTo("1918181833n");
                assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
                assertThat(m.from().tag()).isEqualTo("98asjd8");
                assertThat(m.contacts().get(0).displayName()).isEqualTo("Quoted string \"\"");
                assertThat(m.contacts().get(0).q()).isEqualTo(0.33);
                assertThat(m.headerValue("s")).isEmpty();
                assertThat(m.routes().get(0).uri().toString()).contains("unknown-no-value");
            }),
            Map.entry("intmeth.dat", m -> {
                assertThat(req(m).method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
                assertThat(m.cSeq().method()).isEqualTo(req(m).method());
                assertThat(sip(req(m).requestUri()).password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
                assertThat(m.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
                assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
                assertThat(m.headerValue("extensionHeader-!.%*+_`'~")).isEqualTo("\ufeff大停電");
            }),
            Map.entry("esc01.dat", m -> {
                assertThat(sip(req(m).requestUri()).user()).isEqualTo("sips:user@example.com");
                assertThat(m.to().uri()).isEqualTo(Uri.parse("sip:user@example.com"));
                assertThat(sip(m.from().uri()).user()).isEqualTo("I have spaces");
                assertThat(sip(m.contacts().get(0).uri()).user()).isEqualTo("caller");
                assertThat(m.contentType().is("application", "sdp")).isTrue();
            }),
            Map.entry("escnull.dat", m -> {
                assertThat(sip(m.to().uri()).user()).isEqualTo("null-\u0000-null");
                assertThat(m.contacts()).extracting(c -> sip(c.uri()).user()).containsExactly("\u0000", "\u0000\u0000");
            }),
            Map.entry("esc02.dat", m -> {
                assertThat(req(m).method()).isEqualTo("RE%47IST%45R").isNotEqualTo(SipMethod.REGISTER);
                assertThat(m.contacts()).hasSize(2);
                assertThat(m.header("C%6Fntact").known()).isNull();
                assertThat(m.to().displayName()).isEqualTo("%Z%45");
            }),
            Map.entry("lwsdisp.dat", m -> assertThat(m.from().displayName()).isEqualTo("caller")),
            Map.entry("longreq.dat", m -> {
                assertThat(m.via()).hasSize(34);
                assertThat(sip(m.to().uri()).parameters().names()).hasSize(3);
                assertThat(sip(m.to().uri()).port()).isEqualTo(6000);
                assertThat(m.headers()).anyMatch(h -> h.value().length() > 500);
            }),
            Map.entry("dblreq.dat", m -> {
                assertThat(req(m).method()).isEqualTo(SipMethod.REGISTER);
                assertThat(m.bodyLength()).isZero();
                assertThat(m.toString()).as("the INVITE after the body is trailing octets").doesNotContain("INVITE");
            }),
            Map.entry("semiuri.dat", m -> {
                assertThat(sip(req(m).requestUri()).user()).isEqualTo("user;par=u@example.net");
                assertThat(sip(req(m).requestUri()).host()).isEqualTo("example.com");
                assertThat(m.accept()).hasSize(6);
            }),
            Map.entry("transports.dat", m -> assertThat(m.via()).extracting(Via::transport)
                    .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP")),
            Map.entry("mpart01.dat", m -> {
                assertThat(m.contentType().is("multipart", "mixed")).isTrue();
                assertThat(m.bodyLength()).isEqualTo(m.contentLength());
                assertThat(m.bodyText()).startsWith("--7a9cbec02ceef655");
            }),
            Map.entry("unreason.dat", m -> assertThat(((SipResponse) m).reasonPhrase())
                    .startsWith("= 2**3 * 5**2 но").endsWith("простое")),
            Map.entry("noreason.dat", m -> {
                assertThat(((SipResponse) m).statusCode()).isEqualTo(100);
                assertThat(((SipResponse) m).reasonPhrase()).isEmpty();
            }),
            Map.entry("badbranch.dat", m -> {
                assertThat(m.topVia().branch()).isEqualTo(Via.MAGIC_COOKIE);
                assertThat(m.topVia().hasRfc3261Branch()).isTrue();
            }),
            Map.entry("inv2543.dat", m -> {
                assertThat(m.topVia().branch()).isNull();
                assertThat(m.topVia().hasRfc3261Branch()).isFalse();
                assertThat(m.maxForwards()).isEqualTo(-1);
            }),
            Map.entry("baddate.dat", m -> {
                assertThat(m.date()).isEqualTo("Fri, 01 Jan 2010 16:00:00 EST");
                assertThat(m.dateValue()).isEmpty();
            }),
            Map.entry("badaspec.dat", m -> assertThat(sip(m.to().uri()).host()).isEqualTo("example.org")),
            Map.entry("unkscm.dat", m -> assertThat(req(m).requestUri()).isInstanceOf(AbsoluteUri.class)),
            Map.entry("novelsc.dat", m -> assertThat(req(m).requestUri().scheme()).isEqualTo("soap.beep")),
            Map.entry("unksm2.dat", m -> {
                assertThat(m.to().uri().scheme()).isEqualTo("isbn");
                assertThat(m.contacts().get(0).uri().scheme()).isEqualTo("name");
            }),
            Map.entry("bext01.dat", m -> {
                assertThat(m.require()).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
                assertThat(m.proxyRequire()).containsExactly("noProxiesSupportThis", "norDoAnyProxiesSupportThis");
            }),
            Map.entry("regaut01.dat", m -> assertThat(m.authorization().get(0).scheme()).isEqualTo("NoOneKnowsThisScheme")),
            Map.entry("zeromf.dat", m -> assertThat(m.maxForwards()).isZero()),
            Map.entry("cparam01.dat", m -> {
                NameAddress c = m.contacts().get(0);
                assertThat(c.parameters().has("unknownparam")).isTrue();
                assertThat(sip(c.uri()).parameters().isEmpty()).isTrue();
            }),
            Map.entry("cparam02.dat", m -> {
                NameAddress c = m.contacts().get(0);
                assertThat(c.parameters().isEmpty()).isTrue();
                assertThat(sip(c.uri()).parameters().has("unknownparam")).isTrue();
            }),
            Map.entry("regescrt.dat", m -> assertThat(sip(m.contacts().get(0).uri()).headers())
                    .isEqualTo("Route=%3Csip:sip.example.com%3E")),
            Map.entry("sdp01.dat", m -> assertThat(m.accept().get(0).is("text", "nobodyKnowsThis")).isTrue()),
            Map.entry("invut.dat", m -> assertThat(m.contentType().is("application", "unknownformat")).isTrue()),
            Map.entry("bcast.dat", m -> assertThat(m.via().get(1).host()).isEqualTo("255.255.255.255")));
}
