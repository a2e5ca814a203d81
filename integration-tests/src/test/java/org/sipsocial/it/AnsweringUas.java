package org.sipsocial.it;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.sipsocial.sip.message.Responses;
import org.sipsocial.sip.message.SipMethod;
import org.sipsocial.sip.message.SipRequest;
import org.sipsocial.sip.transaction.Hop;
import org.sipsocial.sip.transaction.ServerTransaction;
import org.sipsocial.sip.transaction.TransactionUser;

/**
 * A user agent server core on our transaction layer: it answers an INVITE with 180 and 200 after a delay (long
 * enough for a UDP client to retransmit the INVITE), and BYE, OPTIONS and CANCEL with 200.
 */
final class AnsweringUas implements TransactionUser, AutoCloseable {
    final AtomicInteger invites = new AtomicInteger();
    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger byes = new AtomicInteger();
    private final Duration answerDelay;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    AnsweringUas(Duration answerDelay) {
        this.answerDelay = answerDelay;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (request.isMethod(SipMethod.INVITE)) {
            invites.incrementAndGet();
            later.schedule(() -> {
                transaction.sendResponse(Responses.create(request, 180, "Ringing", "uas1").build());
                transaction.sendResponse(Responses.create(request, 200, "OK", "uas1")
                        .addHeader("Contact", "<sip:uas@" + transaction.source().address().getAddress().getHostAddress() + ">")
                        .build());
            }, answerDelay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (request.isMethod(SipMethod.BYE)) {
            byes.incrementAndGet();
        }
        transaction.sendResponse(Responses.create(request, 200, "OK", "uas1").build());
    }

    @Override
    public void onAck(SipRequest ack, Hop source) {
        acks.incrementAndGet();
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
