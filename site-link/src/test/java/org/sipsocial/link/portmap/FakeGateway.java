package org.sipsocial.link.portmap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A NAT-PMP gateway as the tests need one, answering as RFC 6886 §3.2 and §3.3 lay out the responses: it grants
 * every mapping the port suggested (or the internal port) for {@link #grantedLifetime} seconds, unless told to stay
 * silent or to answer with a result code. It keeps every request it was sent.
 */
final class FakeGateway {
    final List<byte[]> requests = new ArrayList<>();
    long grantedLifetime = 7200;
    int silentFor;
    NatPmpResult result = NatPmpResult.SUCCESS;
    long epoch = 1000;
    byte[] external = {11, (byte) 250, 42, 12};

    /** The answer to {@code request}, or null when the gateway stays silent. */
    byte[] answer(byte[] request) {
        requests.add(request);
        if (silentFor > 0) {
            silentFor--;
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(request);
        in.get();
        int opcode = in.get() & 0xFF;
        ByteBuffer out = ByteBuffer.allocate(opcode == 0 ? 12 : 16);
        out.put((byte) 0).put((byte) (128 + opcode)).putShort((short) result.code()).putInt((int) epoch);
        if (opcode == 0) {
            out.put(external);
        } else {
            in.getShort();
            int internal = in.getShort() & 0xFFFF;
            int suggested = in.getShort() & 0xFFFF;
            long asked = in.getInt() & 0xFFFF_FFFFL;
            out.putShort((short) internal).putShort((short) (suggested == 0 ? internal : suggested))
                    .putInt((int) Math.min(asked, grantedLifetime));
        }
        return out.array();
    }

    /** The opcodes of the requests so far, in order. */
    List<Integer> opcodes() {
        return requests.stream().map(r -> r[1] & 0xFF).toList();
    }

    /** The lifetimes asked for by the mapping requests so far. */
    List<Long> lifetimes() {
        return requests.stream().filter(r -> r.length == 12).map(r -> ByteBuffer.wrap(r, 8, 4).getInt() & 0xFFFF_FFFFL).toList();
    }
}
