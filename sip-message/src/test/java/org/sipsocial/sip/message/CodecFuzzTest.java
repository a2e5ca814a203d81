package org.sipsocial.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.sipsocial.sip.message.sdp.MediaDescription;
import org.sipsocial.sip.message.sdp.SessionDescription;

/**
 * Jazzer targets for the SIP parser and the SDP parser. In a normal test run they replay the
 * seed corpus in {@code CodecFuzzTestInputs/<method>/} (the RFC 4475 messages and every crash
 * found so far); {@code JAZZER_FUZZ=1} fuzzes them (see the module README).
 */
class CodecFuzzTest {

    /** Any bytes: a message or a rejection, never an exception; a message round-trips byte for byte. */
    @FuzzTest(maxDuration = "6m")
    void sip_parser_never_throws_and_round_trips(byte[] data) {
        ParseResult r = SipParser.parse(data);
        if (!r.isMessage()) {
            assertThat(r.rejection()).isNotNull();
            return;
        }
        SipMessage m = r.message();
        byte[] written = SipWriter.toBytes(m);
        ParseResult again = SipParser.parse(written);
        assertThat(again.isMessage()).as("re-parse of written message: %s", again).isTrue();
        assertThat(again.message()).isEqualTo(m);
        assertThat(SipWriter.toBytes(again.message())).isEqualTo(written);
        m.via();
        m.contacts();
        m.routes();
        readLazily(m);
    }

    /** Any bytes: an SDP description or a {@link SipSyntaxException}; a description writes back byte for byte. */
    @FuzzTest(maxDuration = "4m")
    void sdp_parser_never_throws_unexpectedly_and_round_trips(byte[] data) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(data);
        } catch (SipSyntaxException expected) {
            return;
        }
        assertThat(sdp.toBytes()).isEqualTo(data);
        for (MediaDescription media : sdp.media()) {
            for (Runnable read : List.<Runnable>of(media::rtpmaps, media::fmtps, media::cryptos, media::rtcp,
                    media::connection, media::direction)) {
                try {
                    read.run();
                } catch (SipSyntaxException expected) {
                    // a malformed attribute is refused when read, which is the contract
                }
            }
            if (media.port() < 65535) media.withPort(media.port() + 1);
        }
    }

    private static void readLazily(SipMessage m) {
        for (Runnable read : List.<Runnable>of(m::contentType, m::require, m::supported, m::allow, m::accept,
                m::authorization, m::wwwAuthenticate, m::privacy, m::event, m::subscriptionState,
                m::pAssertedIdentities, m::dateValue)) {
            try {
                read.run();
            } catch (SipSyntaxException expected) {
                // lazily parsed headers may be malformed; that is reported, never anything else
            }
        }
    }
}
