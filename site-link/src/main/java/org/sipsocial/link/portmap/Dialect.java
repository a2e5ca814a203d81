package org.sipsocial.link.portmap;

/** The protocol a {@link PortMapper} request is in, as status lines name it: PCP (RFC 6887) or NAT-PMP (RFC 6886). */
public enum Dialect {
    PCP("PCP"),
    NAT_PMP("NAT-PMP");

    private final String text;

    Dialect(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
