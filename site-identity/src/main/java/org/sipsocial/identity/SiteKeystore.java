package org.sipsocial.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * The only place a site's private key lives on disk: a PKCS#12 keystore (RFC 7292) encrypted with a password
 * that the site store derives from its data key. JDK 17 protects PKCS#12 keys with PBES2 / AES-256 and
 * HmacSHA256 by default.
 */
public final class SiteKeystore {
    /** The alias of the site's own key entry. */
    public static final String ALIAS = "site";

    private SiteKeystore() {
    }

    public static byte[] write(SiteIdentity identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, identity.privateKey(), password, new Certificate[] {identity.certificate()});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException(IdentityFailure.PLATFORM, "cannot write the site keystore", e);
        }
    }

    public static SiteIdentity read(byte[] bytes, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            PrivateKey key = (PrivateKey) store.getKey(ALIAS, password);
            X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
            if (key == null || certificate == null) {
                throw new IdentityException(IdentityFailure.KEYSTORE_UNREADABLE, "the site keystore has no site key");
            }
            return new SiteIdentity(SiteName.of(CertificateDescription.of(certificate).commonName()), key, certificate);
        } catch (UnrecoverableKeyException e) {
            throw new IdentityException(IdentityFailure.KEYSTORE_UNREADABLE, "the site keystore does not open with this key", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException(IdentityFailure.KEYSTORE_UNREADABLE, "the site keystore cannot be read: " + e.getMessage(), e);
        }
    }
}
