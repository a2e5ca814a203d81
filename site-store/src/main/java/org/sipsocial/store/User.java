package org.sipsocial.store;

import java.time.Instant;

/** A user of this site, as listed: the AOR {@code name@site}, never the password or its hashes. */
public record User(UserName name, Instant createdAt) {

    public String aor(String site) {
        return name + "@" + site;
    }

    public String sipUri(String site) {
        return "sip:" + aor(site);
    }
}
