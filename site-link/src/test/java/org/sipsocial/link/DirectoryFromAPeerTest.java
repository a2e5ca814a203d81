package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteIdentity;

/**
 * What a site does with directory pages that a linked peer writes itself: it keeps only the AORs of the site the
 * link's certificate names, and answers a bad or oversize directory with an error while the link stays up.
 */
class DirectoryFromAPeerTest {
    private final TestSite smiths = TestSite.startWithSlowKeepAlive("theSmiths");
    private final SiteIdentity joneses = Certificates.site("theJoneses");
    private SilentDialler peer;
    private int cseq = 1;

    @BeforeEach
    void link() throws Exception {
        smiths.list.add(new RemoteSite(joneses.site(), "127.0.0.1", 9, joneses.certificate()));
        peer = new SilentDialler(joneses, smiths.asRemote());
        await().atMost(TestSite.WAIT).until(() -> line().startsWith("connected since "));
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        smiths.close();
    }

    private String page(int number, int of, String body) throws Exception {
        peer.send(LinkMessages.directoryPage(joneses.site(), smiths.name(), new InetSocketAddress("127.0.0.1", 5070),
                ++cseq, number, of, body.getBytes(StandardCharsets.US_ASCII)));
        return peer.nextResponse().lines().findFirst().orElseThrow();
    }

    private List<String> directory() {
        return smiths.links().directory().getOrDefault(joneses.site(), List.of());
    }

    @Test
    void onlyTheAorsOfTheSiteTheCertificateNamesAreKept() throws Exception {
        assertThat(page(1, 1, "alice@theJoneses\r\neve@theSmiths\r\nmallory@theBrowns\r\nbob@THEJONESES\r\n"))
                .isEqualTo("SIP/2.0 200 OK");
        assertThat(directory()).containsExactly("alice@theJoneses", "bob@theJoneses");
    }

    @Test
    void aBadPageIsAnswered400AndADirectoryOfMoreThanTenThousandEntries413AndTheLinkStaysUp() throws Exception {
        assertThat(page(1, 1, "alice@theJoneses\r\n")).isEqualTo("SIP/2.0 200 OK");
        assertThat(page(2, 1, "bob@theJoneses\r\n")).isEqualTo("SIP/2.0 400 Bad Directory Page");
        assertThat(page(2, 3, "bob@theJoneses\r\n")).isEqualTo("SIP/2.0 400 Directory Page Out Of Order");

        StringBuilder body = new StringBuilder();
        String last = null;
        int pages = 0;
        for (int i = 0; i <= LinkDirectory.MAX_ENTRIES; i++) {
            body.append("user").append(i).append("@theJoneses\r\n");
            if (body.length() > 50_000 || i == LinkDirectory.MAX_ENTRIES) {
                last = page(++pages, 5, body.toString());
                body.setLength(0);
            }
        }
        assertThat(last).isEqualTo("SIP/2.0 413 Directory Too Large");
        assertThat(directory()).containsExactly("alice@theJoneses");
        assertThat(line()).startsWith("connected since ");
    }

    private String line() {
        return smiths.links().status(joneses.site()).map(LinkStatus::line).orElse("");
    }
}
