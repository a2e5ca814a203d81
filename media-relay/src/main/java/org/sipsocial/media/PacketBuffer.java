package org.sipsocial.media;

import java.util.Arrays;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A packet in a byte array with room to grow, as jitsi-srtp transforms it in place (it appends the tag on
 * protect and shrinks it off on unprotect). Public for the media benchmark's load generator, which transforms its
 * packets in place the same way ({@link #over}).
 */
public final class PacketBuffer implements ByteArrayBuffer {
    /** Room for the SRTP tag (16 bytes for GCM) and an MKI. */
    static final int HEADROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;

    private PacketBuffer(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** An empty buffer, to be pointed at packets again and again on one thread ({@link #over}). */
    public static PacketBuffer empty() {
        return new PacketBuffer(new byte[0], 0, 0);
    }

    /**
     * This buffer, now over {@code length} bytes of {@code packet} from {@code offset}, in place: a transform that
     * needs more room than the array has after them moves the packet to a new array ({@link #getBuffer()}).
     */
    public PacketBuffer over(byte[] packet, int offset, int length) {
        this.buffer = packet;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** An empty buffer to load packets into again and again on one thread ({@link #load}). */
    static PacketBuffer scratch() {
        return new PacketBuffer(new byte[1500 + HEADROOM], 0, 0);
    }

    /**
     * This buffer, now holding {@code length} bytes of {@code source} from {@code from}: the one copy of a packet
     * out of the socket's buffer, which the SRTP transforms then work on in place.
     */
    PacketBuffer load(io.netty.buffer.ByteBuf source, int from, int length) {
        if (buffer.length < length + HEADROOM) {
            buffer = new byte[length + HEADROOM];
        }
        source.getBytes(from, buffer, 0, length);
        offset = 0;
        this.length = length;
        return this;
    }

    static PacketBuffer copyOf(byte[] source, int from, int length) {
        byte[] buffer = new byte[length + HEADROOM];
        System.arraycopy(source, from, buffer, 0, length);
        return new PacketBuffer(buffer, 0, length);
    }

    byte[] toArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        length = len;
    }

    @Override
    public void setOffset(int off) {
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            buffer = Arrays.copyOf(buffer, offset + length + howMuch);
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
