package org.sipsocial.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sipsocial.routing.SiteAddresses;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.message.SipWriter;
import org.sipsocial.sip.message.header.Via;

/**
 * Single-threaded write throughput of sip-message: an unchanged message (a proxy passing a
 * message on, byte for byte) and a proxy's rewrite (a Via pushed on a request, the top Via
 * popped off a response).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WriteBenchmark {
    @Param({"REGISTER", "INVITE", "OK"})
    public String message;

    private SipMessage parsed;
    private final Via proxyVia = Via.of("UDP", "203.0.113.1", 5060, "z9hG4bK-proxy-1");
    private final SiteAddresses siteAddresses = new SiteAddresses("theSmiths", "203.0.113.1", Set.of("203.0.113.1"),
            Map.of("UDP", 5060, "TCP", 5060, "TLS", 5061));

    @Setup
    public void setUp() {
        byte[] bytes = switch (message) {
            case "REGISTER" -> Messages.REGISTER;
            case "INVITE" -> Messages.INVITE;
            default -> Messages.OK;
        };
        parsed = SipParser.parse(bytes).message();
    }

    /** The Via a proxy pushes on a request it sends over UDP: its address, a branch and an empty rport. */
    @Benchmark
    public Via sipsocial_proxyVia() {
        return siteAddresses.via("UDP", "z9hG4bK-proxy-2");
    }

    @Benchmark
    public byte[] sipsocial_writeUnchanged() {
        return SipWriter.toBytes(parsed);
    }

    @Benchmark
    public byte[] sipsocial_rewriteAndWrite() {
        SipMessage changed = parsed instanceof SipRequest
                ? ((SipRequest) parsed).toBuilder().pushVia(proxyVia).decrementMaxForwards().build()
                : ((SipResponse) parsed).toBuilder().popVia().build();
        return SipWriter.toBytes(changed);
    }
}
