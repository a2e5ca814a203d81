package org.sipsocial.media;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * The relay's LAN-side ports: even ports of a bounded range (RFC 3550 §11: RTP on an even port, RTCP on the next),
 * handed out and taken back; a freed port goes to the back of the queue, so that late packets of an ended call
 * are unlikely to reach the next one.
 */
final class PortPool {
    private final Deque<Integer> free = new ArrayDeque<>();
    private final int size;

    PortPool(int first, int last) {
        if (first < 1024 || last > 65534 || first > last) {
            throw new IllegalArgumentException("media ports " + first + "-" + last + " must lie within 1024-65534");
        }
        for (int port = first + (first % 2); port + 1 <= last; port += 2) {
            free.addLast(port);
        }
        this.size = free.size();
    }

    synchronized OptionalInt take() {
        Integer port = free.pollFirst();
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    synchronized void give(int port) {
        free.addLast(port);
    }

    synchronized int inUse() {
        return size - free.size();
    }

    int size() {
        return size;
    }
}
