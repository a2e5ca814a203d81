package org.sipsocial.media;

/**
 * The kinds of frame the media relay puts inside a site link (the link carries them beside its SIP messages, each
 * with its type and length; site-link knows no more of them). Both carry only what the relays could also send
 * over UDP: SRTP packets, and a path offer that is secret only because the link is mutual TLS.
 */
public final class LinkFrames {
    /** One {@link LinkMediaPacket}: a channel word and an SRTP or SRTCP packet, when there is no direct UDP path. */
    public static final int MEDIA = 0;
    /** A relay's {@link PathOffer}: its UDP port and the secret its path probes are proven with. */
    public static final int OFFER = 1;

    private LinkFrames() {
    }
}
