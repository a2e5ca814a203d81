package org.sipsocial.server.link;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.sipsocial.identity.SiteName;
import org.sipsocial.link.LinkException;
import org.sipsocial.link.SiteLinks;
import org.sipsocial.link.portmap.PortMappingStatus;
import org.sipsocial.routing.federation.ConnectedSites;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.store.RemoteSites;

/**
 * The site's links as SIP routing meets them: which sites are connected now (read without waiting, from the
 * links' own view), which are on the Network Connection list, and the carrier that puts a message on a link.
 * The links start after the SIP service, so they are attached once they run.
 */
public final class LinkedSites implements ConnectedSites {
    private final RemoteSites list;
    private volatile SiteLinks links;
    private volatile Supplier<PortMappingStatus> portMapping = () -> PortMappingStatus.OFF;

    public LinkedSites(RemoteSites list) {
        this.list = list;
    }

    public void attach(SiteLinks running) {
        this.links = running;
    }

    /** The router's port mapping, whose external address stands in where a peer has not reported one yet. */
    public void attach(Supplier<PortMappingStatus> mapping) {
        this.portMapping = mapping;
    }

    @Override
    public Reach reach(String site) {
        Optional<SiteName> name = nameOf(site);
        if (name.isEmpty()) {
            return Reach.NOT_LISTED;
        }
        SiteLinks current = links;
        if (current != null && current.isLinked(name.get())) {
            return Reach.CONNECTED;
        }
        return list.find(name.get()).isPresent() ? Reach.NOT_CONNECTED : Reach.NOT_LISTED;
    }

    /**
     * What {@code site} reports it sees this site from; until it has, the external address and port the router
     * mapped to this site (issue 15), which is where any site reaches this one.
     */
    @Override
    public String seenFrom(String site) {
        SiteLinks current = links;
        Optional<String> reported = current == null ? Optional.empty() : nameOf(site).flatMap(current::seenFrom);
        return reported.or(() -> portMapping.get().seenFrom()).orElse(null);
    }

    /** Sends {@code message} over the link with {@code site}; fails when that link is not up. */
    public CompletableFuture<Void> send(String site, SipMessage message) {
        SiteLinks current = links;
        Optional<SiteName> name = nameOf(site);
        if (current == null || name.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no link with " + site));
        }
        return current.send(name.get(), message);
    }

    /** Puts a frame of the media relay's on the link with {@code site}; dropped when that link is not up. */
    public void send(SiteName site, org.sipsocial.link.LinkFrame frame) {
        SiteLinks current = links;
        if (current != null) {
            current.send(site, frame);
        }
    }

    private static Optional<SiteName> nameOf(String site) {
        return SiteName.ofValid(site);
    }
}
