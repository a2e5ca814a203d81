package org.sipsocial.media;

/**
 * What arrived of one RTP stream, counted as RFC 3550 §6.4.1 and Appendix A.3 do: packets received, packets lost
 * (expected from the extended highest sequence number, less those received) and packets late (a sequence number
 * below the highest already seen: reordered or delayed on the way). A new SSRC starts the count again (a
 * re-INVITE may bring a new source); a jump of more than {@link #MAX_DROPOUT} is taken as a restart too.
 * Used on its leg's thread only.
 */
final class ReceptionStats {
    /** RFC 3550 Appendix A.1's MAX_DROPOUT: a larger jump ahead is a new start, not a loss. */
    static final int MAX_DROPOUT = 3000;

    private int ssrc;
    private boolean started;
    private long firstExtended;
    private long highestExtended;
    private long received;
    private long lostBefore;
    private long late;

    /**
     * One RTP packet of the stream.
     *
     * @return the packets newly counted as lost because of it (0 most of the time), or -1 when it came late
     */
    long received(int packetSsrc, int sequence) {
        if (!started || packetSsrc != ssrc) {
            lostBefore = lost();
            started = true;
            ssrc = packetSsrc;
            firstExtended = sequence;
            highestExtended = sequence;
            received = 1;
            return 0;
        }
        long cycle = highestExtended & ~0xFFFFL;
        long extended = cycle | sequence;
        // Pick the wrap-around nearest to the highest seen.
        if (extended < highestExtended - 0x8000) {
            extended += 0x10000;
        } else if (extended > highestExtended + 0x8000) {
            extended -= 0x10000;
        }
        if (extended > highestExtended + MAX_DROPOUT) {
            lostBefore = lost();
            firstExtended = extended;
            highestExtended = extended;
            received = 1;
            return 0;
        }
        long lostNow = lost();
        received++;
        if (extended <= highestExtended) {
            late++;
            return -1;
        }
        highestExtended = extended;
        return Math.max(0, lost() - lostNow);
    }

    /** Packets lost so far (never below zero: duplicates do not make up for losses). */
    long lost() {
        if (!started) {
            return lostBefore;
        }
        long expected = highestExtended - firstExtended + 1;
        return lostBefore + Math.max(0, expected - received);
    }

    long late() {
        return late;
    }
}
