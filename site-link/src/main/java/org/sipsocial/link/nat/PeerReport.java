package org.sipsocial.link.nat;

import java.util.Objects;

/**
 * One peer's report of where it sees this site from, for a connection this site dialled from its link port.
 *
 * @param site the peer's name as written
 * @param host the address it sees, as written
 * @param port the port it sees
 */
public record PeerReport(String site, String host, int port) {
    public PeerReport {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a port is 1 to 65535, not " + port);
        }
    }

    /**
     * The report of {@code site} from its {@code host:port} (an IPv6 host in brackets or not).
     *
     * @throws IllegalArgumentException when {@code hostPort} has no port
     */
    public static PeerReport of(String site, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PeerReport(site, host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** {@code host:port}, as the status shows it. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
