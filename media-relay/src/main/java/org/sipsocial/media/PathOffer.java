package org.sipsocial.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A relay's offer inside the link: its link-side UDP port (2 bytes), its {@link PathProof}, then, when its router
 * mapped a UDP port to that port (issue 15), the mapped port (2 bytes) and address (4 bytes for IPv4, 16 for
 * IPv6).
 */
record PathOffer(int port, PathProof proof, InetSocketAddress mapped) {
    static final int BYTES = 2 + PathProof.NAME_BYTES + PathProof.SECRET_BYTES;

    static byte[] encode(int port, PathProof proof, InetSocketAddress mapped) {
        byte[] address = mapped == null ? new byte[0] : mapped.getAddress().getAddress();
        ByteBuffer out = ByteBuffer.allocate(BYTES + (mapped == null ? 0 : 2 + address.length))
                .putShort((short) port).put(proof.name()).put(proof.secret());
        if (mapped != null) {
            out.putShort((short) mapped.getPort()).put(address);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when it is not an offer */
    static PathOffer decode(byte[] bytes) {
        int extra = bytes.length - BYTES;
        if (extra != 0 && extra != 2 + 4 && extra != 2 + 16) {
            throw new IllegalArgumentException("a media path offer has " + BYTES + " bytes, or " + (BYTES + 6)
                    + " or " + (BYTES + 18) + " with a mapped address, not " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int port = in.getShort() & 0xFFFF;
        if (port == 0) {
            throw new IllegalArgumentException("a media path offer names port 0");
        }
        byte[] name = new byte[PathProof.NAME_BYTES];
        byte[] secret = new byte[PathProof.SECRET_BYTES];
        in.get(name).get(secret);
        InetSocketAddress mapped = null;
        if (extra != 0) {
            int mappedPort = in.getShort() & 0xFFFF;
            byte[] address = new byte[extra - 2];
            in.get(address);
            if (mappedPort == 0) {
                throw new IllegalArgumentException("a media path offer names mapped port 0");
            }
            try {
                mapped = new InetSocketAddress(InetAddress.getByAddress(address), mappedPort);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("a media path offer names no address", e);
            }
            if (mapped.getAddress().isAnyLocalAddress() || mapped.getAddress().isMulticastAddress()) {
                throw new IllegalArgumentException("a media path offer names " + mapped.getAddress().getHostAddress());
            }
        }
        return new PathOffer(port, new PathProof(name, secret), mapped);
    }
}
