package org.sipsocial.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.sipsocial.identity.IdentityException;
import org.sipsocial.identity.SiteName;

/**
 * Where a remote site takes links: its public IP (or its NAT's public IP) or DNS name, and its link port.
 * Written {@code HOST[:PORT]}, where HOST is an IPv4 literal, a bracketed IPv6 literal ({@code [2001:db8::7]})
 * or a DNS name; PORT is 1 to 65535, {@link SiteSettings#DEFAULT_LINK_PORT} when left out. A DNS name is kept as
 * written: it is resolved when a link is made, not when the address is set.
 *
 * @param host the IP literal (IPv6 without brackets) or the DNS name
 */
public record SiteAddress(String host, int port) {
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    public SiteAddress {
        String problem = host == null ? "no host" : hostProblem(host);
        if (problem != null) {
            throw bad(host + ":" + port, problem);
        }
        if (port < 1 || port > 65535) {
            throw bad(written(host, port), "the port " + port + " is not 1 to 65535");
        }
    }

    /** Reads {@code HOST[:PORT]}, or refuses it with {@link StoreFailure#BAD_ADDRESS} quoting it. */
    public static SiteAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text == null ? "" : text, "it is empty; give HOST or HOST:PORT");
        }
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(text, "an IPv6 address opened with '[' is not closed with ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text, "only \":PORT\" may follow the ']'");
                }
                port = rest.substring(1);
            }
            if (ipv6Problem(host) != null) {
                throw bad(text, ipv6Problem(host));
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw bad(text, "write an IPv6 address in brackets, as [2001:db8::7]:5070");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
            if (host.contains("[") || host.contains("]")) {
                throw bad(text, "brackets may only enclose an IPv6 address");
            }
        }
        return address(text, host, port);
    }

    /** The address from its host and port texts, quoting the whole {@code text} when either is bad. */
    private static SiteAddress address(String text, String host, String port) {
        String problem = hostProblem(host);
        if (problem != null) {
            throw bad(text, problem);
        }
        if (port == null) {
            return new SiteAddress(host, SiteSettings.DEFAULT_LINK_PORT);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(text, "the port \"" + port + "\" is not a number from 1 to 65535");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw bad(text, "the port " + number + " is not 1 to 65535");
        }
        return new SiteAddress(host, number);
    }

    /** The address as it is written: {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
        return written(host, port);
    }

    private static String written(String host, int port) {
        return (host != null && host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String hostProblem(String host) {
        if (host.isEmpty()) {
            return "the host is empty";
        }
        if (host.contains(":")) {
            return ipv6Problem(host);
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return IPV4.matcher(host).matches() ? null : "\"" + host + "\" is not an IPv4 address";
        }
        try {
            SiteName.of(host);
            return null;
        } catch (IdentityException e) {
            return "\"" + host + "\" is neither an IP address nor a DNS name";
        }
    }

    private static String ipv6Problem(String host) {
        if (!host.contains(":") || !IPV6_CHARACTERS.matcher(host).matches()) {
            return "\"" + host + "\" is not an IPv6 address";
        }
        try {
            // Brackets make InetAddress parse a literal or refuse it: no name is ever looked up here.
            InetAddress.getByName("[" + host + "]");
            return null;
        } catch (UnknownHostException e) {
            return "\"" + host + "\" is not an IPv6 address";
        }
    }

    private static StoreException bad(String text, String problem) {
        return new StoreException(StoreFailure.BAD_ADDRESS, "bad address \"" + text + "\": " + problem);
    }
}
