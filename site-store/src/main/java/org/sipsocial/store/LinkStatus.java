package org.sipsocial.store;

/**
 * The state of the link to a remote site as its administrator reads it ("disconnected", "connected since ...").
 * The link manager says what it is; without one, every site is {@link #DISCONNECTED}.
 */
public record LinkStatus(String text) {
    public static final LinkStatus DISCONNECTED = new LinkStatus("disconnected");

    @Override
    public String toString() {
        return text;
    }
}
