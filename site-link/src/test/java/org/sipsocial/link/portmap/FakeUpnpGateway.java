package org.sipsocial.link.portmap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A router's UPnP IGD as the tests need one: an IGD:2 at 10.1.0.1 whose external address is 11.250.42.12, granting
 * every AddPortMapping as asked, unless told to be absent or to answer the next AddPortMapping calls with UPnP error
 * codes (WANIPConnection:2 §2.5). It keeps every call, in words: {@code add tcp 5070 lease 7200}.
 */
final class FakeUpnpGateway implements UpnpGateway {
    static final WanConnection IGD2 = new WanConnection("urn:schemas-upnp-org:service:WANIPConnection:2",
            URI.create("http://10.1.0.1:5000/ctl/IPConn"));

    final List<String> calls = new ArrayList<>();
    /** Error codes for the next AddPortMapping calls, one each. */
    final Deque<Integer> addErrors = new ArrayDeque<>();
    boolean present = true;
    WanConnection service = IGD2;
    int reservedPort = 55070;
    boolean closed;

    @Override
    public WanConnection discover() throws UpnpException {
        calls.add("search");
        if (!present) {
            throw new UpnpException("no UPnP IGD at 10.1.0.1 answered the search (SSDP)");
        }
        return service;
    }

    @Override
    public Inet4Address internalClient() {
        return address("10.1.0.2");
    }

    @Override
    public Inet4Address externalAddress(WanConnection on) throws UpnpException {
        calls.add("external address");
        if (!present) {
            throw new UpnpException("the router at " + on.controlUrl() + " did not answer over HTTP (Connection refused)");
        }
        return address("11.250.42.12");
    }

    @Override
    public int addPortMapping(WanConnection on, boolean addAny, MappedProtocol protocol, int externalPort, int internalPort,
                              long leaseSeconds) throws UpnpException {
        calls.add((addAny ? "add any " : "add ") + protocol.name().toLowerCase() + " " + externalPort + " lease " + leaseSeconds);
        Integer error = addErrors.poll();
        if (error != null) {
            throw new UpnpException("AddPortMapping refused: " + error, error);
        }
        return addAny ? reservedPort : externalPort;
    }

    @Override
    public void deletePortMapping(WanConnection on, MappedProtocol protocol, int externalPort) {
        calls.add("delete " + protocol.name().toLowerCase() + " " + externalPort);
    }

    @Override
    public void close() {
        closed = true;
    }

    private static Inet4Address address(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
