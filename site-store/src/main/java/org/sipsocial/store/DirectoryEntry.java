package org.sipsocial.store;

import java.util.Objects;

import org.sipsocial.identity.SiteName;

/**
 * One AOR that a connected site publishes in its directory (issue 10), such as {@code alice@theJoneses}: only
 * AORs of the site whose link carried them.
 */
public record DirectoryEntry(SiteName site, String aor) {
    public DirectoryEntry {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(aor, "aor");
    }

    @Override
    public String toString() {
        return aor;
    }
}
