package org.sipsocial.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.message.SipResponse;
import org.sipsocial.sip.transaction.Cancellable;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.Sender;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TimerService;
import org.sipsocial.sip.transaction.TimerSettings;
import org.sipsocial.sip.transaction.TransactionLayer;
import org.sipsocial.sip.transaction.TransactionUser;

/**
 * The transaction layer's hot path over UDP (RFC 3261 §17.2), parsed requests in, responses out to a sender that
 * drops them, with a core that answers every request 200 at once:
 * <ul>
 * <li>{@code registerAnswered}: a new REGISTER (its own branch) matched, its server transaction made, answered, and
 * left lingering in Completed for Timer J;
 * <li>{@code inviteAnswered}: a new INVITE answered 200, its transaction lingering in Accepted for Timer L
 * (RFC 6026);
 * <li>{@code registerRetransmitted}: a retransmission of an answered REGISTER, matched and answered again from what
 * the transaction kept.
 * </ul>
 * Timers are queued, not run on a clock: once {@value #LINGERING} are pending, each new one fires the oldest, so a
 * steady {@value #LINGERING} transactions linger, as at about 500 requests a second with Timer J's 32 s, and
 * expiring them is part of the cost. Written against the layer's public API, which is the same before and after
 * issue 14's change (answered transactions keep bytes, timers in long nanoseconds), so that the two can be run side
 * by side: build this class at both commits (bench/README.md says how).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TransactionLayerBenchmark {
    /** Distinct requests of each method, used in turn: more than ever linger at once, so none is matched by mistake. */
    private static final int POOL = 1 << 15;
    private static final int LINGERING = 8_192;

    private SipRequest[] registers;
    private SipRequest[] invites;
    private int nextRegister;
    private int nextInvite;
    private SipRequest answered;
    private long sent;
    private final ArrayDeque<QueuedTimer> timers = new ArrayDeque<>();
    private final Hop phone = Hop.udp(new InetSocketAddress("192.0.2.10", 5060));
    private TransactionLayer layer;

    /** A timer that fires when {@value #LINGERING} newer ones are pending, unless it was cancelled. */
    private static final class QueuedTimer implements Cancellable {
        private final Runnable task;
        private boolean cancelled;

        QueuedTimer(Runnable task) {
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        registers = new SipRequest[POOL];
        invites = new SipRequest[POOL];
        String register = new String(Messages.REGISTER, StandardCharsets.UTF_8);
        String invite = new String(Messages.INVITE, StandardCharsets.UTF_8);
        for (int i = 0; i < POOL; i++) {
            registers[i] = parse(register.replace("branch=z9hG4bK776asdhds", "branch=z9hG4bKr" + i));
            invites[i] = parse(invite.replace("branch=z9hG4bK74bf9", "branch=z9hG4bKi" + i));
        }
        Sender sender = new Sender() {
            @Override
            public void send(SipRequest request, Hop next) {
                sent++;
            }

            @Override
            public void sendResponse(SipResponse response, Hop requestSource) {
                sent++;
            }
        };
        TimerService queued = new TimerService() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                QueuedTimer timer = new QueuedTimer(task);
                timers.addLast(timer);
                if (timers.size() > LINGERING) {
                    QueuedTimer due = timers.pollFirst();
                    if (!due.cancelled) {
                        due.task.run();
                    }
                }
                return timer;
            }
        };
        TransactionUser answersOk = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                transaction.sendResponse(Responses.create(transaction.request(), 200, "OK", "bench1").build());
            }

            @Override
            public void onAck(SipRequest ack, Hop source) {
            }
        };
        layer = new TransactionLayer(sender, queued, TimerSettings.DEFAULTS, answersOk);
        answered = registers[POOL - 1];
        layer.onRequest(answered, phone);
    }

    private static SipRequest parse(String text) {
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
    }

    @Benchmark
    public long registerAnswered() {
        nextRegister = (nextRegister + 1) % (POOL - 1);
        layer.onRequest(registers[nextRegister], phone);
        return sent;
    }

    @Benchmark
    public long inviteAnswered() {
        nextInvite = (nextInvite + 1) % POOL;
        layer.onRequest(invites[nextInvite], phone);
        return sent;
    }

    @Benchmark
    public long registerRetransmitted() {
        layer.onRequest(answered, phone);
        return sent;
    }
}
