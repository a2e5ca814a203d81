package org.sipsocial.link.nat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this site concludes about the NAT in front of it, with the reports it concluded it from, said in one plain
 * line for {@code sipsocial status}, and, for a link whose dials get no answer because of it, what would fix it.
 *
 * @param behaviour     the conclusion
 * @param evidence      the reports it rests on, by site name
 * @param linkPort      the port this site dials from and listens on
 * @param routerMapping the address and port the router maps to the link port ({@code host:port}), when it does
 */
public record NatVerdict(NatBehaviour behaviour, List<PeerReport> evidence, int linkPort, Optional<String> routerMapping) {
    static final String CHANGES_PORTS = "this site is behind a NAT that changes ports";
    static final String ONLY_WITH = "it can link directly only with public sites or with sites whose router maps ports";

    public NatVerdict {
        Objects.requireNonNull(behaviour, "behaviour");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(routerMapping, "routerMapping");
    }

    /**
     * Judges the reports of the sites this one dialled from {@code linkPort}: seen from one of {@code ownAddresses}
     * and the link port, no NAT; from the link port, a NAT that keeps it; from another port, a NAT that changes
     * ports, and with two reports or more, whether it gives every site the same port (RFC 4787 §4.1).
     *
     * @param routerMapping the router's mapping of the link port ({@code host:port}), when it made one
     */
    public static NatVerdict judge(List<PeerReport> reports, int linkPort, Set<String> ownAddresses,
            Optional<String> routerMapping) {
        return judge(reports, Optional.empty(), linkPort, ownAddresses, routerMapping);
    }

    /**
     * As {@link #judge(List, int, Set, Optional)}, and a NAT that was once seen to keep the link port
     * ({@code keptOnce}, an earlier report at the link port from another address than this machine's) keeps it when
     * it is free: a later report of another port shows the port was held (by an earlier dial to the same place).
     */
    public static NatVerdict judge(List<PeerReport> reports, Optional<PeerReport> keptOnce, int linkPort,
            Set<String> ownAddresses, Optional<String> routerMapping) {
        return new NatVerdict(behaviourOf(reports, keptOnce, linkPort, ownAddresses), reports, linkPort, routerMapping);
    }

    /** From the reports of {@code reports}, and the link port seen kept by a NAT once ({@code keptOnce}). */
    public static NatVerdict judge(SeenFromReports reports, int linkPort, Set<String> ownAddresses,
            Optional<String> routerMapping) {
        return judge(reports.reports(), reports.lastAtPort(linkPort), linkPort, ownAddresses, routerMapping);
    }

    private static NatBehaviour behaviourOf(List<PeerReport> reports, Optional<PeerReport> keptOnce, int linkPort,
            Set<String> ownAddresses) {
        if (reports.isEmpty()) {
            return NatBehaviour.UNKNOWN;
        }
        if (reports.stream().allMatch(report -> report.port() == linkPort)) {
            return reports.stream().allMatch(report -> ownAddresses.contains(report.host()))
                    ? NatBehaviour.NO_NAT : NatBehaviour.KEEPS_PORT;
        }
        if (keptOnce.filter(report -> report.port() == linkPort && !ownAddresses.contains(report.host())).isPresent()) {
            return NatBehaviour.KEEPS_PORT;
        }
        if (reports.size() == 1) {
            return NatBehaviour.CHANGES_PORT;
        }
        long distinct = reports.stream().map(PeerReport::hostPort).distinct().count();
        return distinct == 1 ? NatBehaviour.CHANGES_PORT_SAME_FOR_EVERY_SITE : NatBehaviour.CHANGES_PORT_FOR_EVERY_SITE;
    }

    /** The status line; empty while nothing is known. */
    public String line() {
        return switch (behaviour) {
            case UNKNOWN -> "";
            case NO_NAT -> "this site is not behind a NAT: " + seenFrom() + ", its own address";
            case KEEPS_PORT -> "this site is behind a NAT that keeps the link port when it is free; it can link directly with public "
                    + "sites and with sites behind NATs that keep ports too (" + seenFrom() + ")";
            case CHANGES_PORT, CHANGES_PORT_SAME_FOR_EVERY_SITE, CHANGES_PORT_FOR_EVERY_SITE -> routerMapping
                    .map(mapped -> CHANGES_PORTS + ", but its router maps the link port to " + mapped
                            + ", so any site can dial it (" + portDetail() + ")")
                    .orElse(CHANGES_PORTS + "; " + ONLY_WITH + " (" + portDetail() + ")");
        };
    }

    /**
     * For a link with {@code site} whose dials get no answer: what would let it come up, when this site's NAT
     * changing ports is in the way (it changes ports and the router maps nothing).
     */
    public Optional<String> fixFor(String site) {
        if (!behaviour.changesPorts() || routerMapping.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("this site's NAT changes ports, so " + site + " can reach it only if " + site
                + " is public or its router maps ports; to fix: enable UPnP/NAT-PMP on the router (with "
                + "port-mapping = on), forward the link port " + linkPort + " to this machine, or relay through a "
                + "site both trust (with relay = on and both sites on its relay-allow list)");
    }

    private String seenFrom() {
        return evidence.stream().map(report -> report.site() + " sees it from " + report.hostPort())
                .collect(Collectors.joining(", "));
    }

    private String portDetail() {
        String seen = evidence.get(0).site() + " sees link port " + linkPort + " as " + evidence.get(0).hostPort()
                + evidence.stream().skip(1).map(report -> ", " + report.site() + " as " + report.hostPort())
                        .collect(Collectors.joining());
        return switch (behaviour) {
            case CHANGES_PORT_SAME_FOR_EVERY_SITE -> "the same port for every site it dials: " + seen;
            case CHANGES_PORT_FOR_EVERY_SITE -> "a new port for every site it dials: " + seen;
            default -> seen;
        };
    }
}
