package org.sipsocial.sip.message.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipsocial.sip.message.SipSyntaxException;

/**
 * An SDP description, RFC 8866 §5, as a list of lines a media relay can rewrite:
 * <pre>
 * session-description = version-field origin-field session-name-field ... *attribute-field
 *                       *media-description
 * </pre>
 * Lines are kept as written (ISO-8859-1, so any byte round-trips) with their line ends;
 * {@link #toBytes()} of an unchanged description returns the input bytes. Rewrites
 * ({@link #withConnection}, {@link #withMedia}) change only the lines concerned.
 */
public final class SessionDescription extends SdpLines {
    /** RFC 8866 has no bound; this keeps hostile bodies cheap. */
    public static final int MAX_LINES = 1024;

    private final List<MediaDescription> media;

    private SessionDescription(List<SdpLine> sessionLines, List<MediaDescription> media) {
        super(sessionLines);
        this.media = List.copyOf(media);
    }

    public static SessionDescription parse(byte[] body) {
        return parse(new String(body, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses a description.
     *
     * @throws SipSyntaxException when a line is not {@code <letter>=<value>}, the first is not
     *                            {@code v=0}, or an {@code m=} line is malformed
     */
    public static SessionDescription parse(String text) {
        List<SdpLine> all = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            int next = nl < 0 ? text.length() : nl + 1;
            int valueEnd = nl < 0 ? text.length() : (nl > i && text.charAt(nl - 1) == '\r' ? nl - 1 : nl);
            if (valueEnd - i < 2 || text.charAt(i + 1) != '=' || text.charAt(i) < 'a' || text.charAt(i) > 'z') {
                throw new SipSyntaxException("expected <type>=<value>", i);
            }
            all.add(new SdpLine(text.charAt(i), text.substring(i + 2, valueEnd), text.substring(valueEnd, next)));
            if (all.size() > MAX_LINES) throw new SipSyntaxException("more than " + MAX_LINES + " lines", i);
            i = next;
        }
        if (all.isEmpty() || all.get(0).type() != 'v' || !all.get(0).value().equals("0")) {
            throw new SipSyntaxException("SDP must start with v=0", 0);
        }
        List<SdpLine> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        List<SdpLine> current = null;
        for (SdpLine l : all) {
            if (l.type() == 'm') {
                if (current != null) media.add(new MediaDescription(current));
                current = new ArrayList<>();
            }
            (current == null ? session : current).add(l);
        }
        if (current != null) media.add(new MediaDescription(current));
        return new SessionDescription(session, media);
    }

    /** The {@code o=} line value (RFC 8866 §5.2). */
    public String origin() {
        for (SdpLine l : lines) {
            if (l.type() == 'o') return l.value();
        }
        return null;
    }

    /** Media sections in order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** Session-level {@code c=} replaced or added. */
    public SessionDescription withConnection(Connection c) {
        return new SessionDescription(withConnection(lines, c, "vosiuep"), media);
    }

    /** The {@code o=} line's value replaced (RFC 8866 §5.2); the description is unchanged when it has none. */
    public SessionDescription withOrigin(String value) {
        List<SdpLine> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).type() == 'o') {
                out.set(i, out.get(i).withValue(value));
            }
        }
        return new SessionDescription(out, media);
    }

    /**
     * The {@code o=} address and every {@code c=} line naming {@code host} instead (an IPv6 address if it has a
     * colon, else IPv4): what a media relay or a topology-hiding proxy does (RFC 8866 §5.2, §5.7). Sections with
     * no {@code c=} line keep having none.
     */
    public SessionDescription withAddress(String host) {
        Connection c = host.indexOf(':') >= 0 ? Connection.ip6(host) : Connection.ip4(host);
        SessionDescription out = connection() != null ? withConnection(c) : this;
        String origin = origin();
        if (origin != null) {
            String[] fields = origin.split(" ");
            if (fields.length == 6) {
                out = out.withOrigin(String.join(" ", fields[0], fields[1], fields[2], fields[3], c.addressType(), host));
            }
        }
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).connection() != null) {
                out = out.withMedia(i, media.get(i).withConnection(c));
            }
        }
        return out;
    }

    /** Session-level attribute appended. */
    public SessionDescription withAttribute(Attribute a) {
        return new SessionDescription(withAttribute(lines, a), media);
    }

    /** Media section {@code index} replaced. */
    public SessionDescription withMedia(int index, MediaDescription m) {
        List<MediaDescription> out = new ArrayList<>(media);
        out.set(index, m);
        return new SessionDescription(lines, out);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        appendTo(out);
        for (MediaDescription m : media) m.appendTo(out);
        return out.toString();
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription && ((SessionDescription) o).lines.equals(lines)
                && ((SessionDescription) o).media.equals(media);
    }

    @Override
    public int hashCode() {
        return lines.hashCode() * 31 + media.hashCode();
    }
}
