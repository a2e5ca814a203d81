package org.sipsocial.link.portmap;

import java.net.Inet4Address;

/**
 * The port to a router's UPnP Internet Gateway Device: the search and description (UDA 1.1 §1.3, §2) and the three
 * actions of its WAN connection service that port mapping uses (WANIPConnection:2 §2.4). Each call blocks until
 * the router answers or a bounded wait ends, and throws a {@link UpnpException} that says why it failed.
 * {@link HttpUpnpGateway} is the one over the network.
 */
public interface UpnpGateway extends AutoCloseable {
    /** Searches for the IGD and reads its description: its WAN connection service. */
    WanConnection discover() throws UpnpException;

    /** This machine's address on the router's LAN: the {@code NewInternalClient} of a mapping. */
    Inet4Address internalClient();

    Inet4Address externalAddress(WanConnection service) throws UpnpException;

    /**
     * Maps {@code externalPort} to this machine's {@code internalPort} for {@code leaseSeconds} (0: as long as the
     * router keeps it); with {@code addAny} (version 2), the router may choose another external port. The external
     * port mapped.
     */
    int addPortMapping(WanConnection service, boolean addAny, MappedProtocol protocol, int externalPort, int internalPort,
                       long leaseSeconds) throws UpnpException;

    void deletePortMapping(WanConnection service, MappedProtocol protocol, int externalPort) throws UpnpException;

    @Override
    void close();
}
