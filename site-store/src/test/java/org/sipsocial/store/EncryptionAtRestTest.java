package org.sipsocial.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.testkit.FileScan;

/** The promise of the site home: no user name, password, digest secret or private key in the clear, anywhere. */
class EncryptionAtRestTest {
    @TempDir
    Path temp;

    @Test
    void no_file_in_the_site_home_holds_a_user_name_password_ha1_or_the_private_key_in_the_clear() {
        SiteHome home = TestSites.create(temp.resolve("smiths"), "theSmiths");
        List<String> names = List.of("zebulonwhitfield", "quintessaharrowgate", "bartholomewxavier");
        List<String> passwords = List.of("Pw-Alpha-9f8e7d6c", "Pw-Bravo-1a2b3c4d", "Pw-Charlie-5e6f7a8b");
        List<String> secrets = new ArrayList<>();
        byte[] privateKey;
        byte[] scalar;
        try (SiteStore store = TestSites.open(home)) {
            for (int i = 0; i < names.size(); i++) {
                store.users().add(UserName.of(names.get(i)), passwords.get(i).toCharArray());
                DigestCredentials credentials = store.users().credentials(UserName.of(names.get(i))).orElseThrow();
                secrets.add(credentials.ha1Md5());
                secrets.add(credentials.ha1Sha256());
            }
            privateKey = store.identity().privateKey().getEncoded();
            scalar = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) store.identity().privateKey()).getS());
            assertNothingInTheClear(home.root(), names, passwords, secrets, privateKey, scalar);
        }
        assertNothingInTheClear(home.root(), names, passwords, secrets, privateKey, scalar);
    }

    private static void assertNothingInTheClear(Path root, List<String> names, List<String> passwords,
            List<String> secrets, byte[] privateKey, byte[] scalar) {
        assertThat(FileScan.countFiles(root)).as("files scanned").isGreaterThanOrEqualTo(6);
        for (String needle : concat(names, passwords, secrets)) {
            assertThat(FileScan.filesContaining(root, needle)).as("files holding %s", needle).isEmpty();
        }
        assertThat(FileScan.filesContaining(root, privateKey)).as("files holding the PKCS#8 private key").isEmpty();
        assertThat(FileScan.filesContaining(root, scalar)).as("files holding the raw private scalar").isEmpty();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
