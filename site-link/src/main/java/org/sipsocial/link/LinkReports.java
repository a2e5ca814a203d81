package org.sipsocial.link;

import java.time.Duration;
import org.sipsocial.identity.SiteName;
import org.sipsocial.sip.message.SipMessage;
import org.sipsocial.sip.message.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connections of a site's links report ({@link LinkEvents}), turned into the events of the sites' state
 * machines, the table of links, the event log, the directory, the layer above (its {@link LinkListener}), and the
 * relays of issue 15. On the link thread.
 */
final class LinkReports implements LinkEvents {
    private static final Logger LOG = LoggerFactory.getLogger(LinkReports.class);

    private final SiteName self;
    private final LinkTable table;
    private final LinkMachines machines;
    private final LinkedSites linkedSites;
    private final LinkEventLog log;
    private final LinkDirectory directory;
    private final LinkMetrics metrics;
    private final LinkListener listener;
    private final RelayDesk relayDesk;
    private final DirectDialler dialler;

    LinkReports(SiteName self, LinkTable table, LinkMachines machines, LinkedSites linkedSites, LinkEventLog log,
                LinkDirectory directory, LinkMetrics metrics, LinkListener listener, RelayDesk relayDesk,
                DirectDialler dialler) {
        this.self = self;
        this.table = table;
        this.machines = machines;
        this.linkedSites = linkedSites;
        this.log = log;
        this.directory = directory;
        this.metrics = metrics;
        this.listener = listener;
        this.relayDesk = relayDesk;
        this.dialler = dialler;
    }

    @Override
    public void dialFailed(RemoteSite site, LinkConnection connection, LinkError error) {
        dialler.dialFailed(site, connection, error);
    }

    @Override
    public void peerRefuses(RemoteSite site, LinkConnection connection) {
        dialler.peerRefuses(site, connection);
    }

    /** One Connect is enough: the other side's connect links unless our administrator disconnected it. */
    @Override
    public boolean offered(RemoteSite site, LinkConnection connection) {
        LinkMachine m = machines.of(site.name());
        if (!m.refuses()) return true;
        m.peerAsked();
        return false;
    }

    @Override
    public void linked(RemoteSite site, LinkConnection connection) {
        LinkConnection before = table.link(site.name());
        if (!table.linked(site.name(), connection)) return;
        linkedSites.changed(table);
        if (before != null && before != connection) linkedSites.moved(site.name(), connection.peer().address());
        SiteName initiator = connection.initiator() ? self : site.name();
        SiteName through = connection.peer().through();
        machines.of(site.name()).linked(initiator, through);
        log.note(site.name() + ": connected" + (through == null ? "" : " through " + through)
                + ", initiated by " + initiator);
        connection.sendDirectory(directory.pages());
        if (through != null) dialler.whileRelayed(site.name(), connection);
    }

    @Override
    public void measured(RemoteSite site, LinkConnection connection, Duration roundTrip, String seenFrom) {
        machines.of(site.name()).measured(roundTrip, seenFrom);
        if (seenFrom != null) linkedSites.seen(site.name(), seenFrom, connection.peer().ourDial());
    }

    @Override
    public void peerDisconnected(RemoteSite site, LinkConnection connection) {
        if (!table.unlinked(site.name(), connection)) return;
        linkedSites.changed(table);
        directory.forget(site.name());
        machines.of(site.name()).peerDisconnected();
        log.note(site.name() + ": disconnected by " + site.name());
    }

    @Override
    public void lost(RemoteSite site, LinkConnection connection, LinkError error) {
        if (!table.unlinked(site.name(), connection)) return;
        linkedSites.changed(table);
        directory.forget(site.name());
        machines.of(site.name()).lost(error);
        log.note(site.name() + ": link lost: " + error.line());
    }

    @Override
    public void refused(LinkError error) {
        LOG.info("site link {}", error.line());
        metrics.refused(error.failure());
        log.refused(error);
    }

    @Override
    public LinkDirectory.Answer directoryPage(RemoteSite site, LinkConnection connection, SipRequest page) {
        if (table.link(site.name()) != connection) return new LinkDirectory.Answer(400, "Not Linked");
        return directory.receive(site.name(), page.headerValue(LinkMessages.PAGE_HEADER), page.bodyText());
    }

    @Override
    public void received(RemoteSite site, LinkFrame frame) {
        try {
            listener.received(site.name(), frame);
        } catch (RuntimeException e) {
            LOG.warn("the link listener failed on a frame from {}", site.name(), e);
        }
    }

    @Override
    public void relayAsked(RemoteSite site, LinkConnection connection, SipRequest request) {
        relayDesk.asked(site, connection, request);
    }

    @Override
    public void relayOffered(RemoteSite site, LinkConnection connection, SipRequest request) {
        dialler.relayOffered(site, connection, request);
    }

    @Override
    public void received(RemoteSite site, SipMessage message) {
        try {
            listener.received(site.name(), message);
        } catch (RuntimeException e) {
            LOG.warn("the link listener failed on a message from {}", site.name(), e);
        }
    }
}
