package org.sipsocial.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A transport under test with an inbox; optionally answers the requests {@link Messages} made with
 * 200 OK (only those: a torture message's response could go to a port on loopback that belongs to
 * another process).
 */
final class Endpoint implements AutoCloseable {
    final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SipTransport transport;

    private final boolean answer;

    private Endpoint(boolean answer, TransportLimits limits, TlsContexts tls, ListenerSpec... specs) {
        this(answer, limits, tls, SourceAdmission.ALL, specs);
    }

    private Endpoint(boolean answer, TransportLimits limits, TlsContexts tls, SourceAdmission admission, ListenerSpec... specs) {
        this.answer = answer;
        SipTransport.Builder b = SipTransport.builder(this::onInbound, meters).limits(limits).tls(tls).admission(admission);
        for (ListenerSpec s : specs) b.listen(s);
        transport = b.start();
    }

    private void onInbound(Inbound in) {
        inbox.add(in);
        if (answer && in.isRequest() && Messages.isOurs(in.request())) {
            transport.sendResponse(Messages.ok(in.request()));
        }
    }

    /** An endpoint answering each request with 200 OK. */
    static Endpoint answering(TransportLimits limits, TlsContexts tls, ListenerSpec... specs) {
        return new Endpoint(true, limits, tls, specs);
    }

    /** An endpoint answering each request with 200 OK from the sources {@code admission} takes. */
    static Endpoint answering(TransportLimits limits, TlsContexts tls, SourceAdmission admission, ListenerSpec... specs) {
        return new Endpoint(true, limits, tls, admission, specs);
    }

    /** An endpoint that only records. */
    static Endpoint recording(TransportLimits limits, TlsContexts tls, ListenerSpec... specs) {
        return new Endpoint(false, limits, tls, specs);
    }

    static ListenerSpec loopback(Transport t) {
        return ListenerSpec.of(t, new InetSocketAddress("127.0.0.1", 0));
    }

    InetSocketAddress address(Transport t) {
        return transport.localAddress(t);
    }

    Inbound next() throws InterruptedException {
        Inbound in = inbox.poll(5, TimeUnit.SECONDS);
        assertThat(in).as("a message within 5 s").isNotNull();
        return in;
    }

    /** The sum of the counters with this name and these tag pairs. */
    double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        transport.close();
    }
}
