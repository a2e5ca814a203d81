package org.sipsocial.sip.message.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading and rewriting a list of SDP lines (a session section or a media section): the
 * {@code c=} line and attributes. Rewrites touch only the lines concerned; every other line
 * keeps its text and line end.
 */
abstract class SdpLines {
    final List<SdpLine> lines;

    SdpLines(List<SdpLine> lines) {
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /** The lines of this section in order. */
    public List<SdpLine> lines() {
        return lines;
    }

    /** The {@code c=} line, or {@code null} (RFC 8866 §5.7). */
    public Connection connection() {
        for (SdpLine l : lines) {
            if (l.type() == 'c') return Connection.parse(l.value());
        }
        return null;
    }

    /** All {@code a=} lines in order. */
    public List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.type() == 'a') out.add(Attribute.parse(l.value()));
        }
        return out;
    }

    /** Values of every attribute of that name ({@code null} entries for property attributes). */
    public List<String> attributeValues(String name) {
        List<String> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.type() == 'a') {
                Attribute a = Attribute.parse(l.value());
                if (a.name().equals(name)) out.add(a.value());
            }
        }
        return out;
    }

    /** True when an attribute of that name is present. */
    public boolean hasAttribute(String name) {
        return !attributeValues(name).isEmpty();
    }

    /** The direction attribute here, or {@code null} when none (RFC 8866 §6.7). */
    public Direction direction() {
        for (SdpLine l : lines) {
            if (l.type() == 'a') {
                Direction d = Direction.of(l.value());
                if (d != null) return d;
            }
        }
        return null;
    }

    /** Lines with the {@code c=} line replaced, or inserted after {@code insertAfter} types. */
    static List<SdpLine> withConnection(List<SdpLine> lines, Connection c, String insertAfter) {
        List<SdpLine> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).type() == 'c') {
                out.set(i, out.get(i).withValue(c.toString()));
                return out;
            }
        }
        int at = 0;
        for (int i = 0; i < out.size(); i++) {
            if (insertAfter.indexOf(out.get(i).type()) >= 0) at = i + 1;
        }
        out.add(at, SdpLine.of('c', c.toString()));
        return out;
    }

    static List<SdpLine> withoutAttributes(List<SdpLine> lines, String name) {
        List<SdpLine> out = new ArrayList<>(lines.size());
        for (SdpLine l : lines) {
            if (!(l.type() == 'a' && Attribute.parse(l.value()).name().equals(name))) out.add(l);
        }
        return out;
    }

    static List<SdpLine> withAttribute(List<SdpLine> lines, Attribute a) {
        List<SdpLine> out = new ArrayList<>(lines);
        if (!out.isEmpty() && out.get(out.size() - 1).lineEnd().isEmpty()) {
            SdpLine last = out.remove(out.size() - 1);
            out.add(new SdpLine(last.type(), last.value(), "\r\n"));
        }
        out.add(SdpLine.of('a', a.toString()));
        return out;
    }

    static List<SdpLine> withDirection(List<SdpLine> lines, Direction d) {
        List<SdpLine> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).type() == 'a' && Direction.of(out.get(i).value()) != null) {
                out.set(i, out.get(i).withValue(d.attributeName()));
                return out;
            }
        }
        return withAttribute(lines, Attribute.flag(d.attributeName()));
    }

    void appendTo(StringBuilder out) {
        for (SdpLine l : lines) l.appendTo(out);
    }
}
