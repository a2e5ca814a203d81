package org.sipsocial.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.TearDown;
import org.sipsocial.routing.registrar.Binding;
import org.sipsocial.routing.registrar.BindingPersister;
import org.sipsocial.routing.registrar.Flow;
import org.sipsocial.routing.registrar.LocationService;
import org.sipsocial.sip.message.header.NameAddress;

/**
 * What the site's {@code registration-saver} thread does under REGISTER load (issue 14, issue 16): every AOR of
 * {@link #aors} refreshed its one contact (a new expiry and CSeq, as a phone's re-REGISTER makes) since the last
 * save, and {@link BindingPersister#flush()} writes them to the real encrypted store in one transaction.
 * At 4,000 REGISTER/s over 500 users, the site makes about four such saves a second, each of all 500 AORs.
 * One operation is one save: divide by {@link #aors} for the cost of one refreshed registration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegistrationSaveBenchmark {
    @Param({"500"})
    public int aors;

    private TemporarySite site;
    private LocationService location;
    private BindingPersister persister;
    private final Instant start = Instant.now();
    private long cseq;

    @Setup
    public void setUp() throws IOException {
        site = TemporarySite.create("theSmiths");
        persister = new BindingPersister(site.store().bindings());
        location = new LocationService(persister::changed);
        persister.bind(location);
        refreshAll();
        persister.flush();
    }

    @TearDown
    public void tearDown() throws IOException {
        site.close();
    }

    @Benchmark
    public int saveRefreshedRegistrations() {
        refreshAll();
        persister.flush();
        return persister.unsaved();
    }

    private void refreshAll() {
        cseq++;
        Instant expires = start.plusSeconds(3600 + cseq);
        for (int i = 0; i < aors; i++) {
            String user = "user" + i;
            Binding binding = new Binding(NameAddress.parse("<sip:" + user + "@192.0.2.10:5060;transport=udp>"), expires,
                    "call-" + user, cseq, List.of(), new Flow("UDP", new InetSocketAddress("192.0.2.10", 5060)));
            location.update(user, start, bindings -> List.of(binding));
        }
    }
}
