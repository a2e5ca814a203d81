package org.sipsocial.server.link;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.sipsocial.identity.SiteName;
import org.sipsocial.link.LinkError;
import org.sipsocial.link.LinkFailure;
import org.sipsocial.link.LinkState;
import org.sipsocial.link.SiteLinks;
import org.sipsocial.link.nat.NatVerdict;
import org.sipsocial.link.portmap.PortMappingStatus;
import org.sipsocial.store.DirectoryEntry;
import org.sipsocial.store.LinkStatus;
import org.sipsocial.store.LinkStatuses;
import org.sipsocial.store.NetworkListChanges;
import org.sipsocial.store.RemoteSite;
import org.sipsocial.store.SiteLink;

/**
 * The site's {@link SiteLinks} as the store and the administration meet them: it hears of each change to the
 * Network Connection list ({@link NetworkListChanges}), reports each link's status line ({@link LinkStatuses}),
 * and runs Connect, Disconnect and status. The store knows no link types, and links know no store.
 */
public final class LinkManager implements NetworkListChanges, LinkStatuses {
    private final SiteLinks links;
    private final java.util.function.Function<SiteName, java.util.Optional<String>> mediaPaths;
    private final Supplier<PortMappingStatus> portMapping;

    /**
     * {@code mediaPaths} says, for a connected site, what carries media to it (the media relay's path);
     * {@code portMapping} what the router mapped to this site, or why nothing.
     */
    public LinkManager(SiteLinks links, java.util.function.Function<SiteName, java.util.Optional<String>> mediaPaths,
            Supplier<PortMappingStatus> portMapping) {
        this.links = links;
        this.mediaPaths = mediaPaths;
        this.portMapping = portMapping;
    }

    @Override
    public void onSiteAdded(RemoteSite site) {
        links.sitesChanged();
    }

    @Override
    public void onSiteRemoved(SiteName site) {
        links.sitesChanged();
    }

    /**
     * A moved site is dialled at its new address from the next try on, as links read the list live. A link that
     * is up stays on its connection until it is lost (site-link has no "remake at the new address" yet).
     */
    @Override
    public void onAddressChanged(RemoteSite site) {
        links.sitesChanged();
    }

    /**
     * The link's status line; for a connected site with what carries media to it and what this site relays for it
     * (issue 15: {@code relaying its link with theJoneses since ...}), and for a site whose dials get
     * no answer while this site's NAT changes ports, with what would fix it ({@link NatVerdict#fixFor}).
     */
    @Override
    public LinkStatus statusOf(SiteName site) {
        return links.status(site).map(status -> new LinkStatus(status.state() == LinkState.CONNECTED
                ? status.line() + mediaPaths.apply(site).map(path -> "; " + path).orElse("")
                        + links.relayedFor(site).map(relayed -> "; " + relayed).orElse("")
                : status.line() + fixIfNoAnswer(status))).orElse(LinkStatus.DISCONNECTED);
    }

    private String fixIfNoAnswer(org.sipsocial.link.LinkStatus status) {
        if (status.lastError() == null || status.lastError().failure() != LinkFailure.NO_ANSWER) {
            return "";
        }
        return nat().fixFor(status.site().toString()).map(fix -> "; " + fix).orElse("");
    }

    /**
     * What this site learned of the NAT in front of it: from where the sites it dialled from the link port see it,
     * this machine's own addresses, and the router's mapping of the link port.
     */
    public NatVerdict nat() {
        return NatVerdict.judge(links.seenByDialledSites(), links.localAddress().getPort(),
                MachineAddresses.now(), portMapping.get().seenFrom());
    }

    public SiteLink connect(SiteName site) {
        return new SiteLink(site, new LinkStatus(links.connect(site).line()));
    }

    public SiteLink disconnect(SiteName site) {
        return new SiteLink(site, new LinkStatus(links.disconnect(site).line()));
    }

    /**
     * The public addresses this site is seen from, each once: the router's mapping of the link port first (the
     * address it reports is where any site can dial this one), then what the connected peers report.
     */
    public List<String> seenFrom() {
        Set<String> addresses = new LinkedHashSet<>();
        portMapping.get().seenFrom().ifPresent(addresses::add);
        for (org.sipsocial.link.LinkStatus status : links.status()) {
            if (status.state() == LinkState.CONNECTED && status.seenFrom() != null) {
                addresses.add(status.seenFrom());
            }
        }
        return new ArrayList<>(addresses);
    }

    /** The site's listed users changed: the links publish the new directory to every connected site. */
    public void directoryChanged() {
        links.directoryChanged();
    }

    /** What the connected sites publish, one entry per AOR, by site and then user name ignoring case. */
    public List<DirectoryEntry> directory() {
        List<DirectoryEntry> entries = new ArrayList<>();
        links.directory().forEach((site, aors) -> aors.forEach(aor -> entries.add(new DirectoryEntry(site, aor))));
        return entries;
    }

    /** The last events of the links in plain words, oldest first (the console's Status Message line). */
    public List<String> events() {
        return links.events();
    }

    /** What the router mapped to this site, or why nothing. */
    public PortMappingStatus portMapping() {
        return portMapping.get();
    }

    /** The last inbound connections refused during the handshake, oldest first, one line each. */
    public List<String> refusals() {
        return links.refusals().stream().map(LinkError::line).toList();
    }
}
