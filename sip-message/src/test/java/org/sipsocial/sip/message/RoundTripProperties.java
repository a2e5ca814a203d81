package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sipsocial.sip.message.header.MediaType;
import org.sipsocial.sip.message.header.NameAddress;
import org.sipsocial.sip.message.header.Via;
import org.sipsocial.sip.message.uri.SipUri;
import org.sipsocial.sip.message.uri.Uri;

/** parse(write(m)) equals m; write(parse(bytes)) is bytes; the framer agrees with the parser. */
class RoundTripProperties {

    @Property(tries = 300)
    void a_built_message_survives_write_then_parse(@ForAll("requests") SipRequest request) {
        byte[] bytes = SipWriter.toBytes(request);
        ParseResult back = SipParser.parse(bytes);
        assertThat(back.isMessage()).as("%s\n%s", back, new String(bytes, StandardCharsets.UTF_8)).isTrue();
        assertThat(back.message()).isEqualTo(request);
        assertThat(SipWriter.toBytes(back.message())).isEqualTo(bytes);
    }

    @Property(tries = 300)
    void a_response_to_a_built_request_survives_write_then_parse(@ForAll("requests") SipRequest request,
                                                                @ForAll("statuses") int status) {
        SipResponse response = Responses.create(request, status, "Reason " + status, "uas1").build();
        SipMessage back = SipParser.parse(SipWriter.toBytes(response)).message();
        assertThat(back).isEqualTo(response);
        assertThat(back.via()).isEqualTo(request.via());
    }

    @Property(tries = 300)
    void odd_but_legal_whitespace_and_folding_are_written_back_byte_for_byte(@ForAll("requests") SipRequest request,
                                                                            @ForAll("spacing") List<String> spacing) {
        StringBuilder text = new StringBuilder(request.startLine()).append("\r\n");
        int k = 0;
        for (Header h : request.headers()) {
            String sep = spacing.get(k++ % spacing.size());
            text.append(h.name()).append(sep).append(h.value()).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + request.bodyLength());
        System.arraycopy(request.body(), 0, bytes, head.length, request.bodyLength());
        ParseResult r = SipParser.parse(bytes);
        assertThat(r.isMessage()).as("%s\n%s", r, text).isTrue();
        assertThat(SipWriter.toBytes(r.message())).isEqualTo(bytes);
        assertThat(r.message().via()).isEqualTo(List.copyOf(request.via()).stream()
                .map(v -> Via.parse(v.toString())).toList());
    }

    @Property(tries = 200)
    void the_framer_finds_the_end_the_parser_finds(@ForAll("requests") SipRequest request) {
        byte[] one = SipWriter.toBytes(request);
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        SipFraming.Frame f = SipFraming.frame(two, 0, two.length, SipLimits.DEFAULTS);
        assertThat(f.status()).isEqualTo(SipFraming.Status.COMPLETE);
        assertThat(f.length()).isEqualTo(one.length).isEqualTo(SipParser.parse(two).length());
    }

    @Property(tries = 300)
    void a_sip_uri_survives_text_and_back(@ForAll("sipUris") SipUri uri) {
        Uri back = Uri.parse(uri.toString());
        assertThat(back).isEqualTo(uri);
        assertThat(back.toString()).isEqualTo(uri.toString());
        assertThat(((SipUri) back).user()).isEqualTo(uri.user());
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.integers().between(100, 699);
    }

    @Provide
    Arbitrary<List<String>> spacing() {
        return Arbitraries.of(":", ": ", " : ", ":\t", ":\r\n ", "  :\r\n\t  ").list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<SipUri> sipUris() {
        Arbitrary<String> users = Arbitraries.strings().withCharRange('a', 'z').withChars(" @:;%+é\u0000")
                .ofMinLength(1).ofMaxLength(12).injectNull(0.2);
        Arbitrary<String> hosts = Arbitraries.of("example.com", "theSmiths", "192.0.2.1", "[2001:db8::1]", "a-b.c.d");
        Arbitrary<Integer> ports = Arbitraries.integers().between(-1, 65535);
        Arbitrary<String> params = Arbitraries.of("", "lr", "transport", "maddr", "x-y").list().ofMaxSize(3)
                .map(l -> String.join(",", l));
        return Combinators.combine(users, hosts, ports, params).as((u, h, p, ps) -> {
            SipUri uri = SipUri.of(u, h, p);
            for (String name : ps.split(",")) {
                if (!name.isEmpty()) uri = uri.withParameter(name, name.equals("lr") ? null : "v1");
            }
            return uri;
        });
    }

    @Provide
    Arbitrary<SipRequest> requests() {
        Arbitrary<String> methods = Arbitraries.oneOf(Arbitraries.of("INVITE", "REGISTER", "OPTIONS", "BYE", "MESSAGE"),
                Arbitraries.strings().withCharRange('A', 'Z').withChars("-.!%*_+`'~").ofMinLength(1).ofMaxLength(10));
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars(" \"\\é大")
                .ofMinLength(1).ofMaxLength(16).injectNull(0.3);
        Arbitrary<String> tokens = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("-.")
                .ofMinLength(1).ofMaxLength(16);
        Arbitrary<String> unknownValues = Arbitraries.strings().withCharRange(' ', '~').withChars("é大\t")
                .ofMaxLength(40);
        Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).injectNull(0.5);
        return Combinators.combine(methods, sipUris(), names, tokens, unknownValues, bodies,
                Arbitraries.integers().between(0, 255), Arbitraries.of("UDP", "TCP", "TLS", "WS"))
                .as((method, uri, display, token, unknown, body, mf, transport) -> {
                    RequestBuilder b = SipRequest.builder(method, uri.withoutHeaders())
                            .pushVia(Via.of(transport, "192.0.2.7", 5060, "z9hG4bK" + token).withParameter("rport", null))
                            .addHeader(Header.of(HeaderName.FROM, NameAddress.of(display, uri).withTag(token)))
                            .addHeader(Header.of(HeaderName.TO, NameAddress.of(null, SipUri.of("bob", "theJoneses", -1))))
                            .addHeader("Call-ID", token + "@host")
                            .addHeader("CSeq", (mf + 1) + " " + method)
                            .addHeader("Max-Forwards", Integer.toString(mf))
                            .addHeader("X-" + token, unknown);
                    if (body != null) b.body(new MediaType("application", "octet-stream", Parameters.EMPTY_HEADER), body);
                    return b.build();
                });
    }
}
