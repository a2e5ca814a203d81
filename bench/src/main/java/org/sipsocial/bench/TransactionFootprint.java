package org.sipsocial.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.Sender;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TimerSettings;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transaction.TransactionUser;

/**
 * Heap kept per answered REGISTER over UDP while Timer J runs (issue 14): builds a transaction layer as the site does
 * (timers on a scheduled executor that drops cancelled tasks), answers N digest-authenticated REGISTERs from distinct
 * users with 200, and divides the live heap after a full GC by N. With {@code answers} (the default) what is kept is
 * the layer's {@code CompletedAnswers}; with {@code transactions}, none are kept there and each transaction waits out
 * Timer J itself, as every one did before.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.sipsocial.bench.TransactionFootprint [N] [answers|transactions]</pre>
 */
public final class TransactionFootprint {
    private static final Hop PHONE = Hop.udp(new InetSocketAddress("127.0.0.1", 5061));

    private TransactionFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean answers = args.length < 2 || args[1].equals("answers");
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true);
        Sender sender = new Sender() {
            @Override
            public void send(SipRequest request, Hop next) {
            }

            @Override
            public void sendResponse(SipResponse response, Hop requestSource) {
            }
        };
        TransactionUser registrar = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction tx) {
                SipRequest r = tx.request();
                tx.sendResponse(Responses.create(r, 200, "OK", Integer.toHexString(r.callId().hashCode()))
                        .addHeader("Contact", "<sip:phone@127.0.0.1:5061>;expires=3600")
                        .build());
            }

            @Override
            public void onAck(SipRequest ack, Hop source) {
            }
        };
        TransactionLayer layer = new TransactionLayer(sender, TimerService.of(timers), TimerSettings.DEFAULTS, registrar);
        layer.maxServerTransactionWeight(Integer.MAX_VALUE);
        layer.maxCompletedAnswers(answers ? n : 0, answers ? 1L << 40 : 0);
        long before = liveHeap();
        for (int i = 0; i < n; i++) layer.onRequest(SipParser.parse(register(i)).request(), PHONE);
        while (layer.serverTransactionsInProgress() > 0) Thread.sleep(10);
        long after = liveHeap();
        System.out.printf("%,d answered REGISTERs (%,d transactions alive, %,d answers kept): %,d bytes each (live heap %,d MB)%n",
                n, layer.serverTransactionCount(), layer.completedAnswers(), (after - before) / n, (after - before) >> 20);
        timers.shutdownNow();
    }

    private static long liveHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A REGISTER as SIPp's register.xml sends it, with its Authorization. */
    private static byte[] register(int i) {
        return ("REGISTER sip:theSmiths SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-" + i + "-1;rport\r\n"
                + "From: <sip:user" + i + "@theSmiths>;tag=" + i + "SIPpTag001\r\n"
                + "To: <sip:user" + i + "@theSmiths>\r\n"
                + "Call-ID: " + i + "-4242@127.0.0.1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Contact: <sip:user" + i + "@127.0.0.1:5061;transport=udp>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Expires: 3600\r\n"
                + "Authorization: Digest username=\"user" + i + "\", realm=\"theSmiths\","
                + " nonce=\"abcdefabcdefabcdefabcdef0123456789\", uri=\"sip:theSmiths\","
                + " response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5, cnonce=\"xyz\", qop=auth, nc=00000001\r\n"
                + "User-Agent: SIPp\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
