package org.sipsocial.store;

import java.time.Instant;

/**
 * A user of this site, as listed: the AOR {@code name@site}, never the password or its hashes.
 *
 * @param listed whether the AOR is published to connected sites in the directory (issue 10); an unlisted user can
 *               still be called by anyone who knows the AOR on a connected site
 */
public record User(UserName name, Instant createdAt, boolean listed) {

    public String aor(String site) {
        return name + "@" + site;
    }

    public String sipUri(String site) {
        return "sip:" + aor(site);
    }
}
