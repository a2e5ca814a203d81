package org.sipsocial.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.IdentityFailure;
import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/**
 * The one place that turns an admin API error back into what the command would have met on the stopped store:
 * a {@link StoreException} (or, for a name, certificate or fingerprint it could not use, an
 * {@link IdentityException}) with the same reason and one line, and so the same exit code. Refusals of the API
 * itself (a token it does not take, a request it cannot read) become their own one line.
 */
final class AdminApiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminApiErrors() {
    }

    /** The failure that {@code {"error": ..., "reason": ...}} with HTTP {@code status} reports. */
    static RuntimeException failure(int status, byte[] body, URI base) {
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            error = null;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        if (error == null || !error.path("error").isTextual()) {
            return new IllegalStateException("the admin API at " + base + " answered HTTP " + status + " without an error");
        }
        String message = error.path("error").asText();
        String reason = error.path("reason").asText("");
        StoreFailure failure = storeFailure(reason);
        if (failure != null) {
            return new StoreException(failure, message);
        }
        IdentityFailure identityFailure = identityFailure(reason);
        if (identityFailure != null) {
            return new IdentityException(identityFailure, message);
        }
        if (status == 401) {
            return new UserInputException(ExitStatus.WRONG_PASSPHRASE, "the running site refused its admin token: "
                    + message);
        }
        if (status < 500) {
            return new UserInputException("the running site refused the request: " + message);
        }
        return new IllegalStateException("the running site failed: " + message);
    }

    static UncheckedIOException unreachable(URI base, Exception cause) {
        return new UncheckedIOException("cannot reach the admin API of the site at " + base + ": " + cause.getMessage(),
                cause instanceof IOException ? (IOException) cause : new IOException(cause));
    }

    private static StoreFailure storeFailure(String reason) {
        for (StoreFailure failure : StoreFailure.values()) {
            if (failure.name().equals(reason)) {
                return failure;
            }
        }
        return null;
    }

    private static IdentityFailure identityFailure(String reason) {
        for (IdentityFailure failure : IdentityFailure.values()) {
            if (failure.name().equals(reason)) {
                return failure;
            }
        }
        return null;
    }
}
