package org.sipsocial.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.sipsocial.sip.message.Header;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;

/**
 * Single-threaded parse throughput of sip-message against pkts-sip and JAIN-SIP RI on the same
 * bytes. {@code parse} is each parser's own entry point (pkts-sip only frames and parses lazily,
 * JAIN-SIP parses everything); {@code parseAndRead} adds reading what a transaction layer needs
 * (top Via branch, From tag, To tag, Call-ID, CSeq), which makes the lazy parsers do that work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {
    @Param({"REGISTER", "INVITE", "OK"})
    public String message;

    private byte[] bytes;
    private StringMsgParser jainParser;

    @Setup
    public void setUp() {
        bytes = switch (message) {
            case "REGISTER" -> Messages.REGISTER;
            case "INVITE" -> Messages.INVITE;
            default -> Messages.OK;
        };
        jainParser = new StringMsgParser();
    }

    @Benchmark
    public Object sipsocial_parse() {
        return SipParser.parse(bytes).message();
    }

    /**
     * Parse, then every header's value, as the checks of a message's way in read them ({@code MessageChecks}): each
     * value decoded once, without the whitespace around it.
     */
    @Benchmark
    public void sipsocial_parseAndReadEveryValue(Blackhole bh) {
        SipMessage m = SipParser.parse(bytes).message();
        List<Header> headers = m.headers();
        for (int i = 0; i < headers.size(); i++) bh.consume(headers.get(i).value());
    }

    @Benchmark
    public Object pkts_parse() throws Exception {
        return io.pkts.packet.sip.SipMessage.frame(bytes);
    }

    @Benchmark
    public Object jainsip_parse() throws Exception {
        return jainParser.parseSIPMessage(bytes, true, false, null);
    }

    @Benchmark
    public void sipsocial_parseAndRead(Blackhole bh) {
        SipMessage m = SipParser.parse(bytes).message();
        bh.consume(m.topVia().branch());
        bh.consume(m.from().tag());
        bh.consume(m.to().tag());
        bh.consume(m.callId());
        bh.consume(m.cSeq().number());
        bh.consume(m.cSeq().method());
    }

    @Benchmark
    public void pkts_parseAndRead(Blackhole bh) throws Exception {
        io.pkts.packet.sip.SipMessage m = io.pkts.packet.sip.SipMessage.frame(bytes);
        bh.consume(m.getViaHeader().getBranch());
        bh.consume(m.getFromHeader().getTag());
        bh.consume(m.getToHeader().getTag());
        bh.consume(m.getCallIDHeader().getCallId());
        bh.consume(m.getCSeqHeader().getSeqNumber());
        bh.consume(m.getCSeqHeader().getMethod());
    }

    @Benchmark
    public void jainsip_parseAndRead(Blackhole bh) throws Exception {
        SIPMessage m = jainParser.parseSIPMessage(bytes, true, false, null);
        bh.consume(m.getTopmostVia().getBranch());
        bh.consume(m.getFrom().getTag());
        bh.consume(m.getTo().getTag());
        bh.consume(m.getCallId().getCallId());
        bh.consume(m.getCSeq().getSeqNumber());
        bh.consume(m.getCSeq().getMethod());
    }
}
