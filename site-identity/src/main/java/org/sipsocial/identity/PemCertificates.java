package org.sipsocial.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Certificates as PEM text (RFC 7468 §5) and back; certificates only, never keys. */
public final class PemCertificates {
    private PemCertificates() {
    }

    public static String write(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Reads one certificate from PEM or DER bytes, or refuses with a message naming {@code source}.
     * A file holding a private key is refused: it is never what an administrator should pass around.
     */
    public static X509Certificate read(byte[] bytes, String source) {
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object first = parser.readObject();
                    if (!(first instanceof X509CertificateHolder)) {
                        throw bad(source, first == null ? "no PEM object in it"
                                : "it holds " + describe(first) + ", not a certificate");
                    }
                    return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) first);
                }
            }
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof IdentityException) {
                throw (IdentityException) e;
            }
            throw bad(source, "it is not an X.509 certificate in PEM or DER");
        }
    }

    private static String describe(Object pemObject) {
        String name = pemObject.getClass().getSimpleName();
        return name.contains("Key") ? "a key" : name;
    }

    private static IdentityException bad(String source, String why) {
        return new IdentityException(IdentityFailure.BAD_CERTIFICATE, "cannot use certificate " + source + ": " + why);
    }
}
