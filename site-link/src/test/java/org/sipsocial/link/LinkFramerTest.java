package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipsocial.sip.message.SipMessage;

class LinkFramerTest {
    private static final String MESSAGE = "MESSAGE sip:bob@theJoneses SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 192.0.2.1:5070;branch=z9hG4bKframer\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@theSmiths>;tag=a1\r\n"
            + "To: <sip:bob@theJoneses>\r\n"
            + "Call-ID: framer-1\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "l: 5\r\n\r\nhello";

    private static Object next(EmbeddedChannel ch) {
        return ch.readInbound();
    }

    private static void write(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void onTheAnsweringSideADoubleCrlfIsAPingAndASingleOneBeforeAMessageIsIgnored() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(false));
        write(ch, "\r\n\r\n\r\n" + MESSAGE);
        assertThat(next(ch)).isEqualTo(LinkFramer.KeepAlive.PING);
        SipMessage m = ch.readInbound();
        assertThat(m.startLine()).isEqualTo("MESSAGE sip:bob@theJoneses SIP/2.0");
        assertThat(next(ch)).isNull();
    }

    @Test
    void onTheDiallingSideACrlfIsAPong() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(true));
        write(ch, "\r\n");
        assertThat(next(ch)).isEqualTo(LinkFramer.KeepAlive.PONG);
    }

    @Test
    void aMessageSplitAcrossReadsIsFramedByItsCompactContentLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(true));
        write(ch, MESSAGE.substring(0, 40));
        assertThat(next(ch)).isNull();
        write(ch, MESSAGE.substring(40, MESSAGE.length() - 2));
        assertThat(next(ch)).isNull();
        write(ch, MESSAGE.substring(MESSAGE.length() - 2) + MESSAGE);
        SipMessage first = ch.readInbound();
        SipMessage second = ch.readInbound();
        assertThat(first.bodyText()).isEqualTo("hello");
        assertThat(second.bodyText()).isEqualTo("hello");
    }

    @Test
    void aDollarStartsABinaryFrameOfItsTypeAndLengthBetweenMessagesAndKeepAlives() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(false));
        byte[] frame = new LinkFrame(1, new byte[] {'\r', '\n', '\r', '\n', 0, '$'}).toBytes();
        assertThat(frame).startsWith('$', 1, 0, 6);
        ch.writeInbound(Unpooled.wrappedBuffer(frame, 0, 5));
        assertThat(next(ch)).as("half a frame").isNull();
        write(ch, "");
        ch.writeInbound(Unpooled.copiedBuffer(Unpooled.wrappedBuffer(frame, 5, frame.length - 5),
                Unpooled.copiedBuffer("\r\n\r\n" + MESSAGE, StandardCharsets.US_ASCII)));
        LinkFrame got = ch.readInbound();
        assertThat(got.type()).isEqualTo(1);
        assertThat(got.payload()).containsExactly('\r', '\n', '\r', '\n', 0, '$');
        assertThat(next(ch)).isEqualTo(LinkFramer.KeepAlive.PING);
        SipMessage m = ch.readInbound();
        assertThat(m.bodyText()).isEqualTo("hello");
    }

    @Test
    void aFrameTooLongOrOfATypeBeyondOneByteCannotBeMade() {
        assertThatThrownBy(() -> new LinkFrame(256, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkFrame(0, new byte[LinkFrame.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 65535 bytes");
    }

    @Test
    void aMessageLongerThanTheLimitClosesTheLink() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(true));
        assertThatThrownBy(() -> write(ch, MESSAGE.replace("l: 5", "l: " + LinkFramer.MAX_MESSAGE)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("too long");
    }

    @Test
    void bytesThatAreNotSipCloseTheLink() {
        EmbeddedChannel ch = new EmbeddedChannel(new LinkFramer(true));
        assertThatThrownBy(() -> write(ch, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isInstanceOf(DecoderException.class);
    }
}
