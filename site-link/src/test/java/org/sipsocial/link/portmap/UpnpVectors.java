package org.sipsocial.link.portmap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** What miniupnpd 2.3.1 sent in the lab (captured with curl from a namespace), from {@code src/test/resources/portmap}. */
final class UpnpVectors {
    private UpnpVectors() {
    }

    static byte[] captured(String name) {
        try (InputStream in = UpnpVectors.class.getResourceAsStream("/portmap/miniupnpd-2.3.1-" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
