package org.sipsocial.store;

import org.sipsocial.identity.Fingerprint;
import org.sipsocial.identity.SiteName;

/** What names a site to its administrator: its name and its certificate's SHA-256 fingerprint. */
public record SiteSummary(SiteName site, Fingerprint fingerprint) {
}
