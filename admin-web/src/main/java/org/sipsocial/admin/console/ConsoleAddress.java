package org.sipsocial.admin.console;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sipsocial.store.StoreException;
import org.sipsocial.store.StoreFailure;

/**
 * {@code console-address = IP[:PORT]} in {@code site.properties}: a further address on which the web console is
 * served, over HTTPS with the site's own certificate only (port {@value #DEFAULT_PORT} unless given; IPv6 in
 * brackets). Without it the console is on 127.0.0.1 alone, with the admin API. The value must be an IP address:
 * no name is looked up.
 */
public final class ConsoleAddress {
    public static final String KEY = "console-address";
    public static final int DEFAULT_PORT = 8443;
    private static final Pattern VALUE = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([0-9.]+))(?::(\\d{1,5}))?");

    private ConsoleAddress() {
    }

    /** The configured address, or empty when the console stays on loopback. */
    public static Optional<InetSocketAddress> read(Path settingsFile) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(settingsFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(KEY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value.strip(), settingsFile));
    }

    static InetSocketAddress parse(String value, Path settingsFile) {
        Matcher parts = VALUE.matcher(value);
        if (!parts.matches()) {
            throw bad(settingsFile, value, "is not an IP address with an optional :port (192.168.1.10:8443, [fd00::1]:8443)");
        }
        String host = parts.group(1) != null ? parts.group(1) : parts.group(2);
        int port = parts.group(3) == null ? DEFAULT_PORT : Integer.parseInt(parts.group(3));
        if (port < 1 || port > 65535) {
            throw bad(settingsFile, value, "has no port between 1 and 65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(settingsFile, value, "is not an IP address");
        }
    }

    private static StoreException bad(Path settingsFile, String value, String why) {
        return new StoreException(StoreFailure.BAD_SETTING, settingsFile + ": " + KEY + " \"" + value + "\" " + why);
    }
}
