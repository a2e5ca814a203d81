package org.sipsocial.link.portmap;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.w3c.dom.Element;

/**
 * A router's UPnP IGD over the network: the SSDP search as multicast on the LAN interface that leads to the
 * default gateway (UDA 1.1 §1.3.2, TTL 2), answered only by the gateway itself (as PCP and NAT-PMP are, RFC 6886
 * §3.1: a device elsewhere on the LAN is not the NAT in front of the site), then the description and the SOAP
 * actions over HTTP/1.1 with the JDK's client, to the gateway's address only, with bounded waits and bodies.
 */
public final class HttpUpnpGateway implements UpnpGateway {
    /** UDA 1.1 §1.3.2: multicast M-SEARCH with a TTL that "SHOULD default to 2". */
    private static final int SEARCH_TTL = 2;
    /** Sent twice (§1.3.2: UDP is unreliable, a control point should send more than once), one second apart. */
    private static final int SEARCHES = 2;
    private static final Duration HTTP_WAIT = Duration.ofSeconds(5);
    /** A description or SOAP answer is a few kilobytes; a router sending more than this is refused. */
    private static final int LARGEST_BODY = 256 * 1024;

    private final Inet4Address router;
    private final Inet4Address internalClient;
    private final Duration searchWait;
    private final HttpClient http;

    private HttpUpnpGateway(Inet4Address router, Inet4Address internalClient, Duration searchWait) {
        this.router = router;
        this.internalClient = internalClient;
        this.searchWait = searchWait;
        this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(HTTP_WAIT).build();
    }

    /**
     * The IGD of {@code router}; this machine's address towards it is found by connecting a UDP socket, which
     * sends nothing. {@code searchWait}: how long to wait for the search's answer (MX plus a second).
     */
    public static HttpUpnpGateway of(Inet4Address router, Duration searchWait) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(router, SsdpCodec.PORT);
            if (!(probe.getLocalAddress() instanceof Inet4Address local) || local.isAnyLocalAddress()) {
                throw new IOException("no IPv4 address of this machine leads to " + router.getHostAddress());
            }
            return new HttpUpnpGateway(router, local, searchWait);
        }
    }

    @Override
    public Inet4Address internalClient() {
        return internalClient;
    }

    @Override
    public WanConnection discover() throws UpnpException {
        URI location = search();
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(location).GET().timeout(HTTP_WAIT).build(), location);
        byte[] body = body(response, location);
        if (response.statusCode() != 200) {
            throw new UpnpException("the router's description at " + location + " answered HTTP " + response.statusCode());
        }
        WanConnection service = IgdDescription.wanConnection(body, location);
        requireRouter(service.controlUrl());
        return service;
    }

    /** §1.3.2 and §1.3.3: the description URL of the gateway's IGD, from its answer to the search. */
    private URI search() throws UpnpException {
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(internalClient, 0))) {
            NetworkInterface lan = NetworkInterface.getByInetAddress(internalClient);
            if (lan != null) {
                socket.setNetworkInterface(lan);
            }
            socket.setTimeToLive(SEARCH_TTL);
            InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(SsdpCodec.MULTICAST_ADDRESS), SsdpCodec.PORT);
            byte[] search = SsdpCodec.search();
            byte[] buffer = new byte[2048];
            for (int i = 0; i < SEARCHES; i++) {
                socket.send(new DatagramPacket(search, search.length, group));
                long deadline = System.nanoTime() + (i + 1 < SEARCHES ? Duration.ofSeconds(1) : searchWait).toNanos();
                Optional<URI> found = answer(socket, buffer, deadline);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        } catch (IOException e) {
            throw new UpnpException("the search for the router's UPnP IGD failed: " + e.getMessage());
        }
        throw new UpnpException("no UPnP IGD at " + router.getHostAddress() + " answered the search (SSDP)");
    }

    private Optional<URI> answer(MulticastSocket socket, byte[] buffer, long deadline) throws IOException {
        while (true) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            Optional<URI> location = SsdpCodec.location(buffer, packet.getLength());
            if (router.equals(packet.getAddress()) && location.isPresent() && isRouter(location.get())) {
                return location;
            }
        }
    }

    @Override
    public Inet4Address externalAddress(WanConnection service) throws UpnpException {
        return IgdSoap.externalAddress(post(service, "GetExternalIPAddress", IgdSoap.getExternalIpAddress(service)));
    }

    @Override
    public int addPortMapping(WanConnection service, boolean addAny, MappedProtocol protocol, int externalPort,
                              int internalPort, long leaseSeconds) throws UpnpException {
        byte[] body = IgdSoap.addPortMapping(service, addAny, protocol, externalPort, internalPort, internalClient, leaseSeconds);
        Element response = post(service, addAny ? "AddAnyPortMapping" : "AddPortMapping", body);
        return addAny ? IgdSoap.reservedPort(response) : externalPort;
    }

    @Override
    public void deletePortMapping(WanConnection service, MappedProtocol protocol, int externalPort) throws UpnpException {
        post(service, "DeletePortMapping", IgdSoap.deletePortMapping(service, protocol, externalPort));
    }

    /** UDA 1.1 §3.2.1: a POST with the SOAPACTION header; §3.2.2: the answer or the fault. */
    private Element post(WanConnection service, String action, byte[] body) throws UpnpException {
        URI control = service.controlUrl();
        requireRouter(control);
        HttpRequest request = HttpRequest.newBuilder(control).timeout(HTTP_WAIT)
                .header("Content-Type", "text/xml; charset=\"utf-8\"")
                .header("SOAPAction", IgdSoap.soapAction(service, action))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> response = send(request, control);
        return IgdSoap.response(action, response.statusCode(), body(response, control));
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI uri) throws UpnpException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UpnpException("the router at " + uri + " did not answer over HTTP (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpnpException("interrupted while asking the router at " + uri);
        }
    }

    private static byte[] body(HttpResponse<InputStream> response, URI uri) throws UpnpException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(LARGEST_BODY + 1);
            if (body.length > LARGEST_BODY) {
                throw new UpnpException("the router's answer at " + uri + " is larger than " + LARGEST_BODY + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UpnpException("the router's answer at " + uri + " was cut off (" + e.getMessage() + ")");
        }
    }

    private boolean isRouter(URI uri) {
        return router.getHostAddress().equals(uri.getHost());
    }

    /** The site talks to its default gateway only: a description that points elsewhere is not followed. */
    private void requireRouter(URI uri) throws UpnpException {
        if (!isRouter(uri)) {
            throw new UpnpException("the router's IGD points at " + uri + ", not at the router " + router.getHostAddress());
        }
    }

    @Override
    public void close() {
        // The JDK 17 HttpClient has no close; its connections end when it is collected.
    }
}
