package org.sipsocial.link;

import java.util.Optional;

/** The outcome of judging a presented certificate: the site it is pinned for, or the error refusing it. */
public record TrustVerdict(RemoteSite site, LinkError error) {
    public static TrustVerdict accepted(RemoteSite site) {
        return new TrustVerdict(site, null);
    }

    public static TrustVerdict refused(LinkError error) {
        return new TrustVerdict(null, error);
    }

    public boolean isAccepted() {
        return error == null;
    }

    public Optional<LinkError> refusal() {
        return Optional.ofNullable(error);
    }
}
