package org.sipsocial.sip.message.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sipsocial.sip.message.SipSyntaxException;

/**
 * One media section, RFC 8866 §5.14: an {@code m=} line and the lines up to the next {@code m=}.
 *
 * <pre>
 * media-field = %s"m" "=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF
 * </pre>
 * Typed views: {@link #rtpmaps()}, {@link #fmtps()}, {@link #rtcp()}, {@link #isRtcpMux()}
 * (RFC 5761), {@link #direction()}, {@link #cryptos()} (RFC 4568).
 */
public final class MediaDescription extends SdpLines {
    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;

    MediaDescription(List<SdpLine> lines) {
        super(lines);
        String[] f = lines.get(0).value().split(" ", -1);
        if (f.length < 4) throw new SipSyntaxException("m= needs media, port, proto and formats", 0);
        media = f[0];
        String[] ports = f[1].split("/", -1);
        if (ports.length > 2) throw new SipSyntaxException("bad m= port", 0);
        port = Rtpmap.number(ports[0], 65535);
        portCount = ports.length == 2 ? Rtpmap.number(ports[1], 65535) : -1;
        proto = f[2];
        formats = List.copyOf(Arrays.asList(f).subList(3, f.length));
        for (String s : f) {
            if (s.isEmpty()) throw new SipSyntaxException("empty field in m=", 0);
        }
    }

    /** {@code audio}, {@code video}, ... */
    public String media() {
        return media;
    }

    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} suffix, or -1. */
    public int portCount() {
        return portCount;
    }

    /** {@code RTP/AVP}, {@code RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF}, ... */
    public String proto() {
        return proto;
    }

    /** Payload types / formats in order. */
    public List<String> formats() {
        return formats;
    }

    public List<Rtpmap> rtpmaps() {
        List<Rtpmap> out = new ArrayList<>();
        for (String v : attributeValues("rtpmap")) out.add(Rtpmap.parse(v == null ? "" : v));
        return out;
    }

    public List<Fmtp> fmtps() {
        List<Fmtp> out = new ArrayList<>();
        for (String v : attributeValues("fmtp")) out.add(Fmtp.parse(v == null ? "" : v));
        return out;
    }

    public List<Crypto> cryptos() {
        List<Crypto> out = new ArrayList<>();
        for (String v : attributeValues("crypto")) out.add(Crypto.parse(v == null ? "" : v));
        return out;
    }

    /** {@code a=rtcp} (RFC 3605), or {@code null}. */
    public Rtcp rtcp() {
        List<String> v = attributeValues("rtcp");
        return v.isEmpty() || v.get(0) == null ? null : Rtcp.parse(v.get(0));
    }

    /** {@code a=rtcp-mux} present (RFC 5761 §5.1.1). */
    public boolean isRtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** The media port rewritten (what a media relay does). */
    public MediaDescription withPort(int newPort) {
        Rtpmap.number(Integer.toString(newPort), 65535);
        List<SdpLine> out = new ArrayList<>(lines);
        String rest = lines.get(0).value().substring(lines.get(0).value().indexOf(' ', media.length() + 1));
        String ports = portCount >= 0 ? newPort + "/" + portCount : Integer.toString(newPort);
        out.set(0, lines.get(0).withValue(media + " " + ports + rest));
        return new MediaDescription(out);
    }

    /** The transport protocol rewritten ({@code RTP/AVP} to {@code RTP/SAVP} and back, what a media relay does). */
    public MediaDescription withProto(String newProto) {
        if (newProto.isEmpty() || newProto.indexOf(' ') >= 0) throw new IllegalArgumentException("bad proto: " + newProto);
        List<SdpLine> out = new ArrayList<>(lines);
        String ports = portCount >= 0 ? port + "/" + portCount : Integer.toString(port);
        out.set(0, lines.get(0).withValue(media + " " + ports + " " + newProto + " " + String.join(" ", formats)));
        return new MediaDescription(out);
    }

    public MediaDescription withConnection(Connection c) {
        return new MediaDescription(withConnection(lines, c, "mi"));
    }

    public MediaDescription withAttribute(Attribute a) {
        return new MediaDescription(withAttribute(lines, a));
    }

    public MediaDescription withoutAttributes(String name) {
        return new MediaDescription(withoutAttributes(lines, name));
    }

    public MediaDescription withDirection(Direction d) {
        return new MediaDescription(withDirection(lines, d));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription && ((MediaDescription) o).lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }
}
