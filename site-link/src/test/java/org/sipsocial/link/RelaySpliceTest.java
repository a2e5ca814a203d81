package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipsocial.link.relay.ByteRate;

/** Issue 15: the relay's copy between the two connections of a relayed link, on embedded channels. */
class RelaySpliceTest {
    private final List<String> seen = new ArrayList<>();
    private final RelaySplice.Carried carried = new RelaySplice.Carried() {
        @Override
        public void forwarded(byte[] bytes, long records) {
            seen.add("forwarded " + bytes.length + " bytes, " + records + " records");
        }

        @Override
        public void notTls() {
            seen.add("not TLS");
        }

        @Override
        public void ended(String why) {
            seen.add("ended " + why);
        }
    };

    private static ByteBuf record(int length) {
        byte[] r = new byte[5 + length];
        r[0] = 23;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (length >> 8);
        r[4] = (byte) length;
        return Unpooled.wrappedBuffer(r);
    }

    @Test
    void tlsRecordsArrivingOnOneConnectionLeaveOnTheOther() {
        EmbeddedChannel other = new EmbeddedChannel();
        EmbeddedChannel one = new EmbeddedChannel(new RelaySplice(other, new ByteRate(1_000_000, 0), () -> 0, carried));
        one.writeInbound(record(100));
        ByteBuf out = other.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(105);
        assertThat(out.getByte(0)).isEqualTo((byte) 23);
        out.release();
        assertThat(seen).containsExactly("forwarded 105 bytes, 1 records");
        assertThat(one.config().isAutoRead()).isTrue();
    }

    @Test
    void sipInTheClearClosesBothConnectionsAndIsNotForwarded() {
        EmbeddedChannel other = new EmbeddedChannel();
        EmbeddedChannel one = new EmbeddedChannel(new RelaySplice(other, new ByteRate(1_000_000, 0), () -> 0, carried));
        one.writeInbound(Unpooled.copiedBuffer("OPTIONS sip:theJoneses SIP/2.0\r\n", StandardCharsets.US_ASCII));
        assertThat((Object) other.readOutbound()).isNull();
        assertThat(one.isOpen()).isFalse();
        assertThat(other.isOpen()).isFalse();
        assertThat(seen).startsWith("not TLS", "ended not TLS");
    }

    @Test
    void bytesOverTheRateStopReadingUntilTheRatePaidForThem() throws Exception {
        EmbeddedChannel other = new EmbeddedChannel();
        EmbeddedChannel one = new EmbeddedChannel(new RelaySplice(other, new ByteRate(10_000, 0), () -> 0, carried));
        one.writeInbound(record(9_000));
        assertThat(one.config().isAutoRead()).isTrue();
        one.writeInbound(record(6_000));
        assertThat(one.config().isAutoRead()).as("over 10000 bytes a second: reading stops").isFalse();
        Thread.sleep(700);
        one.runPendingTasks();
        assertThat(one.config().isAutoRead()).as("reading goes on once the bucket paid for them").isTrue();
    }

    @Test
    void whenOneConnectionClosesTheOtherClosesAndTheLinkEndsOnce() {
        EmbeddedChannel other = new EmbeddedChannel();
        EmbeddedChannel one = new EmbeddedChannel(new RelaySplice(other, new ByteRate(1_000_000, 0), () -> 0, carried));
        one.close();
        assertThat(other.isOpen()).isFalse();
        assertThat(seen).containsExactly("ended closed");
    }
}
