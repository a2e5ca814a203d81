package org.sipsocial.admin.console;

import java.security.cert.X509Certificate;

import org.sipsocial.store.AdminPasswords;
import org.sipsocial.store.SiteSettings;

/**
 * What the console needs of the site beside its {@link org.sipsocial.store.SiteAdministration}: its settings
 * (addresses, ports), its certificate (public; never the key) and the administrator's password hash.
 */
public record ConsoleSite(SiteSettings settings, X509Certificate certificate, AdminPasswords adminPasswords) {
}
