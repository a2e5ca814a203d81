package org.sipsocial.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer token of a running site's admin API. The site makes a new one each time it starts and writes it
 * to {@link SiteHome#adminTokenFile()}, readable by the site's owner only: the file's permissions are the
 * access control, so whoever may read it may administer the site without the passphrase.
 */
public final class AdminToken {
    /** 32 random bytes: 256 bits, as base64url without padding (43 characters). */
    public static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    public static AdminToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token in {@code file}, or empty when there is no such file (the site is not running). */
    public static Optional<AdminToken> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied (run this as the user that runs the site)");
        } catch (IOException e) {
            throw unreadable(file, e.getMessage());
        }
        if (!FORM.matcher(text).matches()) {
            throw unreadable(file, "it does not hold an admin token");
        }
        return Optional.of(new AdminToken(text));
    }

    /**
     * Writes the token to {@code file}, replacing any left by a site that did not stop cleanly. The file is
     * created readable and writable by its owner only, before any byte of the token is written.
     */
    public void write(Path file) {
        Path staging = file.resolveSibling("." + file.getFileName() + "-" + HexFormat.of().formatHex(randomSuffix()));
        try {
            Files.write(createPrivateFile(staging), (value + "\n").getBytes(StandardCharsets.US_ASCII));
            Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException(StoreFailure.STORE_DAMAGED, "cannot write the admin token " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // Only left when the move failed, which is already being reported.
            }
        }
    }

    private static Path createPrivateFile(Path file) throws IOException {
        try {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createFile(file, ownerOnly);
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " exists", e);
        }
    }

    private static byte[] randomSuffix() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Whether {@code presented} is this token, compared in time independent of where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token as sent in {@code Authorization: Bearer <token>}. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }

    private static StoreException unreadable(Path file, String why) {
        return new StoreException(StoreFailure.UNREADABLE_FILE, "cannot read the admin token " + file + ": " + why);
    }
}
