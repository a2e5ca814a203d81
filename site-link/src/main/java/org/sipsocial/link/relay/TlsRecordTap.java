package org.sipsocial.link.relay;

/**
 * What a relaying site checks of the bytes it forwards (issue 15): they must be TLS records (RFC 8446 §5.1:
 * a content type of 20 to 23, legacy version 0x0301 to 0x0303, a length of at most 2^14 + 256), because the
 * two ends run their own TLS through the relay. Anything else (SIP in the clear, a confused end) is not a
 * relayed link, and the relay closes it. Fed chunk by chunk as the bytes arrive; pure, one per direction.
 */
public final class TlsRecordTap {
    /** RFC 8446 §5.2: TLSCiphertext.length is at most 2^14 + 256. */
    static final int MAX_RECORD = 16_384 + 256;
    private static final int HEADER = 5;

    private final byte[] header = new byte[HEADER];
    private int headerHave;
    private long bodyLeft;
    private long records;
    private long bytes;
    private boolean broken;

    /**
     * Feeds the next {@code length} bytes of {@code chunk} from {@code offset}.
     *
     * @return false once the stream is not TLS records (and from then on)
     */
    public boolean feed(byte[] chunk, int offset, int length) {
        bytes += length;
        int i = offset;
        int end = offset + length;
        while (i < end && !broken) {
            if (bodyLeft > 0) {
                int take = (int) Math.min(bodyLeft, end - i);
                bodyLeft -= take;
                i += take;
                continue;
            }
            header[headerHave++] = chunk[i++];
            if (headerHave == HEADER) {
                headerHave = 0;
                if (!validHeader()) {
                    broken = true;
                } else {
                    bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    records++;
                }
            }
        }
        return !broken;
    }

    private boolean validHeader() {
        int type = header[0] & 0xff;
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        return type >= 20 && type <= 23 && header[1] == 3 && header[2] >= 1 && header[2] <= 3
                && length > 0 && length <= MAX_RECORD;
    }

    /** How many record headers have been seen whole. */
    public long records() {
        return records;
    }

    /** How many bytes have been fed. */
    public long bytes() {
        return bytes;
    }

    /** True while everything fed was TLS records (the last possibly incomplete). */
    public boolean isTls() {
        return !broken;
    }
}
