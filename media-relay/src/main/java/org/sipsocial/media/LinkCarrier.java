package org.sipsocial.media;

/** What media between two sites travels inside their link with ({@link MediaPath}). */
@FunctionalInterface
public interface LinkCarrier {
    /** Puts one frame ({@link LinkFrames}) on the link, without waiting; dropped when the link is not up. */
    void send(int type, byte[] payload);
}
