package org.sipsocial.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipParser;
import org.sipsocial.sip.message.SipRequest;

/**
 * A site that accepts one link properly (TLS with the pinned certificates, 200 to connect) and then stops
 * answering: it reads the keep-alive pings and never sends a pong, as a crashed host behind a live NAT would.
 */
final class SilentPeer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread thread;
    private final org.sipsocial.identity.SiteName site;

    SilentPeer(SiteIdentity identity, PinnedSites trusted) throws Exception {
        this.site = identity.site();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("site", identity.privateKey(), new char[0], new Certificate[] {identity.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(),
                new TrustManager[] {PinnedTrust.answering(trusted, "test", Clock.systemUTC())}, null);
        server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        thread = new Thread(this::serve, "silent-peer");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            InputStream in = socket.getInputStream();
            socket.getOutputStream().write(LinkMessages.request(LinkMessages.PROBE, site,
                    org.sipsocial.identity.SiteName.of("theSmiths"), (InetSocketAddress) socket.getLocalSocketAddress(), 1));
            socket.getOutputStream().flush();
            readMessage(in); // 200 to our probe
            SipRequest connect = SipParser.parse(readMessage(in)).request();
            socket.getOutputStream().write(LinkMessages.response(connect, 200, "OK",
                    (InetSocketAddress) socket.getRemoteSocketAddress()));
            socket.getOutputStream().flush();
            byte[] sink = new byte[256];
            while (in.read(sink) >= 0) {
                // pings arrive and are never answered
            }
        } catch (IOException e) {
            // closed by the test or by the link
        }
    }

    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(java.nio.charset.StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed");
            head.write(b);
        }
        return head.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
