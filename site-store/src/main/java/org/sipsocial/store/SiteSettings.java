package org.sipsocial.store;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.SiteName;

/**
 * The settings chosen at {@code init}, kept in {@code site.properties}: the site's name, the address its
 * listeners bind to and their ports, the digest challenges, the timing of links, the media relay's ports, the
 * per-source flood limits, and whether the site asks the router in front of it to forward the link port
 * ({@code port-mapping = on|off}; on by default, as {@code init} and a file without the key have it, issue 15: a
 * test site says off, and the constructors without the flag, which tools and tests use, leave it off), a
 * further address of the web console ({@code console-address = IP[:PORT]},
 * served over HTTPS only; {@code null} when the console stays on loopback), and what the site relays for other
 * sites ({@link Relay}, issue 15: {@code relay = off} by default). Each field has
 * its default and bounds here, and a bad value is refused when the file is read, with a message that quotes it.
 */
public record SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
        List<String> digestAlgorithms, LinkTiming linkTiming, Media media, Flood flood, boolean portMapping,
        InetSocketAddress consoleAddress, Relay relay) {
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    /** RFC 3261 §19.1.2: the default port for sip: over UDP and TCP. */
    public static final int DEFAULT_SIP_PORT = 5060;
    /** RFC 3261 §19.1.2: the default port for sips: (TLS). */
    public static final int DEFAULT_SIPS_PORT = 5061;
    /** Where sites reach each other over pinned mutual TLS (the original product's port). */
    public static final int DEFAULT_LINK_PORT = 5070;
    public static final int DEFAULT_ADMIN_PORT = 8480;
    /** The key of the console's further address: an IP address (IPv6 in brackets), and a port unless 8443. */
    public static final String CONSOLE_ADDRESS = "console-address";
    public static final int DEFAULT_CONSOLE_PORT = 8443;
    private static final Pattern CONSOLE_ADDRESS_VALUE =
            Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([0-9.]+))(?::(\\d{1,5}))?");
    /**
     * The digest algorithms the site accepts, and offers (most preferred first, RFC 8760 §2.4) to a phone it knows
     * nothing about yet. A phone known to answer one algorithm only is offered that one alone (site-routing's
     * {@code DigestOffers}), so the defaults serve phones that answer only MD5 too.
     */
    public static final List<String> DEFAULT_DIGEST_ALGORITHMS = List.of("SHA-256", "MD5");
    public static final List<String> KNOWN_DIGEST_ALGORITHMS = List.of("SHA-256", "MD5");

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * The timing of links with other sites, in {@code site.properties} as {@code link-connect-window} and
     * {@code link-keep-alive} (seconds). Administrators rarely change them; a test of the manual NAT procedure
     * shortens the window so that a Connect gives up as the original product's did.
     *
     * @param connectWindow how long a Connect keeps trying (issue 6: two minutes; 10 s to 1 h)
     * @param keepAlive     the RFC 5626 keep-alive interval on a link (25 s; 5 s to 10 min)
     */
    public record LinkTiming(Duration connectWindow, Duration keepAlive) {
        static final Duration MIN_WINDOW = Duration.ofSeconds(10);
        static final Duration MAX_WINDOW = Duration.ofHours(1);
        static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(5);
        static final Duration MAX_KEEP_ALIVE = Duration.ofMinutes(10);
        /** Declared after the bounds, which its construction checks. */
        public static final LinkTiming DEFAULTS = new LinkTiming(Duration.ofMinutes(2), Duration.ofSeconds(25));

        public LinkTiming {
            within("link-connect-window", connectWindow, MIN_WINDOW, MAX_WINDOW);
            within("link-keep-alive", keepAlive, MIN_KEEP_ALIVE, MAX_KEEP_ALIVE);
        }

        private static void within(String name, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw bad(name + " " + (value == null ? "(none)" : value.toSeconds() + " s") + " is not between "
                        + min.toSeconds() + " and " + max.toSeconds() + " seconds");
            }
        }
    }

    /**
     * The media relay for calls with other sites, in {@code site.properties} as {@code media-ports} (a range,
     * {@code 40000-40999}: two ports per medium of a call, RTP and RTCP) and {@code media-idle-timeout} (seconds:
     * a call no packet passed for this long gives its ports back; 300, 30 to 86400).
     */
    public record Media(int firstPort, int lastPort, Duration idleTimeout) {
        static final Duration MIN_IDLE = Duration.ofSeconds(30);
        static final Duration MAX_IDLE = Duration.ofDays(1);
        public static final Media DEFAULTS = new Media(40000, 40999, Duration.ofMinutes(5));

        public Media {
            if (firstPort < 1024 || lastPort > 65535 || lastPort - firstPort < 1) {
                throw bad("media-ports " + firstPort + "-" + lastPort + " must be a range of at least two ports within 1024-65535");
            }
            if (idleTimeout == null || idleTimeout.compareTo(MIN_IDLE) < 0 || idleTimeout.compareTo(MAX_IDLE) > 0) {
                throw bad("media-idle-timeout " + (idleTimeout == null ? "(none)" : idleTimeout.toSeconds() + " s")
                        + " is not between " + MIN_IDLE.toSeconds() + " and " + MAX_IDLE.toSeconds() + " seconds");
            }
        }

        static Media parse(String ports, Duration idleTimeout) {
            String[] range = ports.trim().split("-", -1);
            try {
                if (range.length != 2) {
                    throw new NumberFormatException();
                }
                return new Media(Integer.parseInt(range[0].trim()), Integer.parseInt(range[1].trim()), idleTimeout);
            } catch (NumberFormatException e) {
                throw bad("media-ports \"" + ports + "\" is not a range such as 40000-40999");
            }
        }
    }

    /**
     * The per-source flood limits, in {@code site.properties} as {@code flood-rate} (SIP messages a second one
     * source address, or IPv6 /64, may send before it is blocked; 50, 5 to 100000: a phone sends a handful a
     * minute, a burst of two seconds' worth passes, and an address with a registered phone may send twenty times
     * as much) and {@code flood-block} (seconds a source over the rate stays blocked; 60, 1 to 86400).
     */
    public record Flood(int rate, Duration blockFor) {
        static final int MIN_RATE = 5;
        static final int MAX_RATE = 100_000;
        static final Duration MIN_BLOCK = Duration.ofSeconds(1);
        static final Duration MAX_BLOCK = Duration.ofDays(1);
        public static final Flood DEFAULTS = new Flood(50, Duration.ofSeconds(60));

        public Flood {
            if (rate < MIN_RATE || rate > MAX_RATE) {
                throw bad("flood-rate " + rate + " is not between " + MIN_RATE + " and " + MAX_RATE + " messages a second");
            }
            if (blockFor == null || blockFor.compareTo(MIN_BLOCK) < 0 || blockFor.compareTo(MAX_BLOCK) > 0) {
                throw bad("flood-block " + (blockFor == null ? "(none)" : blockFor.toSeconds() + " s")
                        + " is not between " + MIN_BLOCK.toSeconds() + " and " + MAX_BLOCK.toSeconds() + " seconds");
            }
        }
    }

    /**
     * What the site relays for other sites (issue 15), in {@code site.properties} as {@code relay} ({@code on} or
     * {@code off}, the default), {@code relay-allow} (the sites it relays for and to, separated by commas; both ends
     * of a relayed link must be on it and on the Network Connection list), {@code relay-max-links} (relayed links at
     * once; 8, 1 to 1000) and {@code relay-bytes-per-second} (all relayed bytes together; 2000000, 10000 to
     * 1000000000).
     */
    public record Relay(boolean on, List<SiteName> allow, int maxLinks, long bytesPerSecond) {
        static final int MAX_LINKS = 1000;
        static final long MIN_RATE = 10_000;
        static final long MAX_RATE = 1_000_000_000;
        public static final Relay OFF = new Relay(false, List.of(), 8, 2_000_000);

        public Relay {
            allow = List.copyOf(allow);
            if (maxLinks < 1 || maxLinks > MAX_LINKS) {
                throw bad("relay-max-links " + maxLinks + " is not between 1 and " + MAX_LINKS);
            }
            if (bytesPerSecond < MIN_RATE || bytesPerSecond > MAX_RATE) {
                throw bad("relay-bytes-per-second " + bytesPerSecond + " is not between " + MIN_RATE + " and " + MAX_RATE);
            }
        }

        static Relay read(Properties properties) {
            String allowText = properties.getProperty("relay-allow", "");
            List<SiteName> allow = new ArrayList<>();
            for (String name : allowText.split("[,\\s]+")) {
                if (name.isBlank()) continue;
                try {
                    allow.add(SiteName.of(name));
                } catch (IdentityException e) {
                    throw bad("relay-allow \"" + allowText.strip() + "\" names \"" + name + "\", which is not a site name");
                }
            }
            String rate = properties.getProperty("relay-bytes-per-second");
            long bytesPerSecond;
            try {
                bytesPerSecond = rate == null ? OFF.bytesPerSecond() : Long.parseLong(rate.trim());
            } catch (NumberFormatException e) {
                throw bad("relay-bytes-per-second \"" + rate + "\" is not a number");
            }
            return new Relay(onOff(properties, "relay", false), allow, port(properties, "relay-max-links", OFF.maxLinks()),
                    bytesPerSecond);
        }

        void write(Properties properties) {
            properties.setProperty("relay", on ? "on" : "off");
            properties.setProperty("relay-allow", String.join(", ", allow.stream().map(SiteName::toString).toList()));
            properties.setProperty("relay-max-links", Integer.toString(maxLinks));
            properties.setProperty("relay-bytes-per-second", Long.toString(bytesPerSecond));
        }
    }

    /** Settings that relay nothing (issue 15's default). */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms, LinkTiming linkTiming, Media media, Flood flood, boolean portMapping,
                        InetSocketAddress consoleAddress) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media, flood,
                portMapping, consoleAddress, Relay.OFF);
    }

    /** These settings with what the site relays for other sites. */
    public SiteSettings withRelay(Relay value) {
        return new SiteSettings(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media,
                flood, portMapping, consoleAddress, value);
    }

    /** Settings with the default flood limits and port mapping off. */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms, LinkTiming linkTiming, Media media) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media, Flood.DEFAULTS);
    }

    /** Settings with port mapping off (see the record's Javadoc). */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms, LinkTiming linkTiming, Media media, Flood flood) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media, flood, false);
    }

    /** Settings with the console on loopback only. */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms, LinkTiming linkTiming, Media media, Flood flood, boolean portMapping) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media, flood,
                portMapping, null);
    }

    /** These settings with the console also on {@code address} over HTTPS ({@code null}: on loopback only). */
    public SiteSettings withConsoleAddress(InetSocketAddress address) {
        return new SiteSettings(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media,
                flood, portMapping, address, relay);
    }

    /** The same settings with other flood limits. */
    public SiteSettings withFlood(Flood value) {
        return new SiteSettings(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media,
                value, portMapping, consoleAddress, relay);
    }

    /** These settings with port mapping turned on or off. */
    public SiteSettings withPortMapping(boolean on) {
        return new SiteSettings(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, media,
                flood, on, consoleAddress, relay);
    }

    /** Settings with the default media relay. */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms, LinkTiming linkTiming) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, linkTiming, Media.DEFAULTS);
    }

    /** Settings with the default link timing. */
    public SiteSettings(SiteName site, String bindAddress, int sipPort, int sipsPort, int linkPort, int adminPort,
                        List<String> digestAlgorithms) {
        this(site, bindAddress, sipPort, sipsPort, linkPort, adminPort, digestAlgorithms, LinkTiming.DEFAULTS);
    }

    public SiteSettings {
        java.util.Objects.requireNonNull(linkTiming, "linkTiming");
        java.util.Objects.requireNonNull(media, "media");
        java.util.Objects.requireNonNull(flood, "flood");
        java.util.Objects.requireNonNull(relay, "relay");
        digestAlgorithms = List.copyOf(digestAlgorithms);
        if (digestAlgorithms.isEmpty() || !KNOWN_DIGEST_ALGORITHMS.containsAll(digestAlgorithms)
                || Set.copyOf(digestAlgorithms).size() != digestAlgorithms.size()) {
            throw bad("digest algorithms \"" + String.join(",", digestAlgorithms)
                    + "\" must be SHA-256 and/or MD5, each once, most preferred first");
        }
        checkBindAddress(bindAddress);
        if (consoleAddress != null && consoleAddress.isUnresolved()) {
            throw bad(CONSOLE_ADDRESS + " \"" + consoleAddress.getHostString() + "\" is not an IP address");
        }
        checkPort("sip-port", sipPort);
        checkPort("sips-port", sipsPort);
        checkPort("link-port", linkPort);
        checkPort("admin-port", adminPort);
        int[] ports = {sipPort, sipsPort, linkPort, adminPort};
        String[] names = {"sip-port", "sips-port", "link-port", "admin-port"};
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] == ports[j]) {
                    throw bad(names[i] + " and " + names[j] + " are both " + ports[i] + "; each listener needs its own port");
                }
            }
        }
    }

    /** Whether a site asks its router to map its ports when its settings do not say (issue 15). */
    public static final boolean DEFAULT_PORT_MAPPING = true;

    /** The settings {@code init} writes when given nothing but the name: port mapping on among them. */
    public static SiteSettings withDefaults(SiteName site) {
        return new SiteSettings(site, DEFAULT_BIND_ADDRESS, DEFAULT_SIP_PORT, DEFAULT_SIPS_PORT, DEFAULT_LINK_PORT,
                DEFAULT_ADMIN_PORT, DEFAULT_DIGEST_ALGORITHMS).withPortMapping(DEFAULT_PORT_MAPPING);
    }

    /** The algorithms written as the administrator types them: {@code SHA-256,MD5}. */
    public static List<String> parseDigestAlgorithms(String text) {
        List<String> algorithms = new ArrayList<>();
        for (String part : text.split(",")) {
            algorithms.add(part.trim().toUpperCase(Locale.ROOT));
        }
        return algorithms;
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw bad(name + " " + port + " is not a port (1 to 65535)");
        }
    }

    private static void checkBindAddress(String address) {
        boolean literal = address != null
                && (IPV4.matcher(address).matches() || (address.contains(":") && isIpv6Literal(address)));
        if (!literal) {
            throw bad("bind address \"" + address + "\" is not an IPv4 or IPv6 address");
        }
    }

    private static boolean isIpv6Literal(String address) {
        if (!address.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
            return false;
        }
        try {
            // A string with ':' is only ever parsed as a literal: no name look-up happens here.
            return InetAddress.getByName(address) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static StoreException bad(String message) {
        return new StoreException(StoreFailure.BAD_SETTING, message);
    }

    public void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("site", site.toString());
        properties.setProperty("bind", bindAddress);
        properties.setProperty("sip-port", Integer.toString(sipPort));
        properties.setProperty("sips-port", Integer.toString(sipsPort));
        properties.setProperty("link-port", Integer.toString(linkPort));
        properties.setProperty("admin-port", Integer.toString(adminPort));
        properties.setProperty("digest-algorithms", String.join(",", digestAlgorithms));
        properties.setProperty("link-connect-window", Long.toString(linkTiming.connectWindow().toSeconds()));
        properties.setProperty("link-keep-alive", Long.toString(linkTiming.keepAlive().toSeconds()));
        properties.setProperty("media-ports", media.firstPort() + "-" + media.lastPort());
        properties.setProperty("media-idle-timeout", Long.toString(media.idleTimeout().toSeconds()));
        properties.setProperty("flood-rate", Integer.toString(flood.rate()));
        properties.setProperty("flood-block", Long.toString(flood.blockFor().toSeconds()));
        properties.setProperty("port-mapping", portMapping ? "on" : "off");
        if (consoleAddress != null) {
            String host = consoleAddress.getAddress().getHostAddress();
            properties.setProperty(CONSOLE_ADDRESS, (host.contains(":") ? "[" + host + "]" : host) + ":" + consoleAddress.getPort());
        }
        relay.write(properties);
        StringWriter text = new StringWriter();
        properties.store(text, "SIPsocial site settings");
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    public static SiteSettings read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new StoreException(StoreFailure.NO_SITE_HOME, "no site settings at " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new SiteSettings(
                    SiteName.of(required(properties, "site")),
                    properties.getProperty("bind", DEFAULT_BIND_ADDRESS),
                    port(properties, "sip-port", DEFAULT_SIP_PORT),
                    port(properties, "sips-port", DEFAULT_SIPS_PORT),
                    port(properties, "link-port", DEFAULT_LINK_PORT),
                    port(properties, "admin-port", DEFAULT_ADMIN_PORT),
                    parseDigestAlgorithms(properties.getProperty("digest-algorithms", String.join(",", DEFAULT_DIGEST_ALGORITHMS))),
                    new LinkTiming(
                            seconds(properties, "link-connect-window", LinkTiming.DEFAULTS.connectWindow()),
                            seconds(properties, "link-keep-alive", LinkTiming.DEFAULTS.keepAlive())),
                    Media.parse(properties.getProperty("media-ports", Media.DEFAULTS.firstPort() + "-" + Media.DEFAULTS.lastPort()),
                            seconds(properties, "media-idle-timeout", Media.DEFAULTS.idleTimeout())),
                    new Flood(port(properties, "flood-rate", Flood.DEFAULTS.rate()),
                            seconds(properties, "flood-block", Flood.DEFAULTS.blockFor())),
                    onOff(properties, "port-mapping", DEFAULT_PORT_MAPPING),
                    consoleAddress(properties.getProperty(CONSOLE_ADDRESS)),
                    Relay.read(properties));
        } catch (IdentityException | StoreException e) {
            throw new StoreException(StoreFailure.BAD_SETTING, file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw bad("\"" + key + "\" is missing");
        }
        return value.trim();
    }

    private static Duration seconds(Properties properties, String key, Duration fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw bad(key + " \"" + value + "\" is not a number of seconds");
        }
    }

    private static boolean onOff(Properties properties, String key, boolean fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw bad(key + " \"" + value + "\" is neither on nor off");
        };
    }

    /** {@code IP[:PORT]}, IPv6 in brackets; no name is looked up. Null when absent or blank. */
    private static InetSocketAddress consoleAddress(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        java.util.regex.Matcher parts = CONSOLE_ADDRESS_VALUE.matcher(value);
        if (!parts.matches()) {
            throw bad(CONSOLE_ADDRESS + " \"" + value
                    + "\" is not an IP address with an optional :port (192.168.1.10:8443, [fd00::1]:8443)");
        }
        String host = parts.group(1) != null ? parts.group(1) : parts.group(2);
        int port = parts.group(3) == null ? DEFAULT_CONSOLE_PORT : Integer.parseInt(parts.group(3));
        if (port < 1 || port > 65535) {
            throw bad(CONSOLE_ADDRESS + " \"" + value + "\" has no port between 1 and 65535");
        }
        if (parts.group(2) != null && !IPV4.matcher(host).matches()) {
            throw bad(CONSOLE_ADDRESS + " \"" + value + "\" is not an IP address");
        }
        try {
            // A literal only (checked above): no name is looked up.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(CONSOLE_ADDRESS + " \"" + value + "\" is not an IP address");
        }
    }

    private static int port(Properties properties, String key, int fallback) {
        String value = properties.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(key + " \"" + value + "\" is not a number");
        }
    }
}
