package org.sipsocial.bench.media;

import java.io.IOException;
import java.util.List;

/**
 * No relay: each call's phone and other site send straight to each other, as they do through a relay, so that
 * the latency of the generator and of loopback alone is measured in the same run (the floor under both relays).
 */
final class Loopback implements RelayUnderTest {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public String host() {
        return null;
    }

    @Override
    public void open(Call call) throws IOException {
        call.phoneTo = call.farAddress();
        call.farTo = call.phoneAddress();
    }

    @Override
    public void closeAll(List<Call> calls) {
    }

    @Override
    public long cpuTicks() {
        return -1;
    }
}
