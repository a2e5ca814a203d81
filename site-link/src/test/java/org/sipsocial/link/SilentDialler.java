package org.sipsocial.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.sipsocial.identity.SiteIdentity;
import org.sipsocial.sip.message.SipParser;

/**
 * A site that dials one link properly (TLS with the pinned certificates, answers the probe, connect) and then
 * goes silent: it never pings, as a dialler whose host died would.
 */
final class SilentDialler implements AutoCloseable {
    private final SSLSocket socket;

    SilentDialler(SiteIdentity identity, RemoteSite target) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("site", identity.privateKey(), new char[0], new Certificate[] {identity.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        PinnedSiteList trusted = new PinnedSiteList().add(target);
        context.init(keys.getKeyManagers(), new TrustManager[] {
                PinnedTrust.dialling(trusted, target.name(), target.hostPort(), Clock.systemUTC())}, null);
        socket = (SSLSocket) context.getSocketFactory().createSocket(target.host(), target.port());
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] probe = readMessage(in);
        out.write(LinkMessages.response(SipParser.parse(probe).request(), 200, "OK",
                (InetSocketAddress) socket.getRemoteSocketAddress()));
        out.write(LinkMessages.request(LinkMessages.CONNECT, identity.site(), target.name(),
                (InetSocketAddress) socket.getLocalSocketAddress(), 1));
        out.flush();
        readMessage(in); // 200 to connect
    }

    private static byte[] readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed");
            head.write(b);
        }
        return head.toByteArray();
    }

    /** Writes {@code bytes} on the link as they are. */
    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next response on the link (the requests before it, such as the site's own directory, are skipped). */
    String nextResponse() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String head = new String(readMessage(in), StandardCharsets.US_ASCII);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^Content-Length: *(\\d+)").matcher(head);
            if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
            if (head.startsWith("SIP/2.0 ")) return head;
        }
    }

    /** True when the peer closed; what it sent before (such as its directory) is read and ignored. */
    boolean isClosedByPeer() {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (IOException e) {
            return e instanceof java.net.SocketTimeoutException ? false : true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
