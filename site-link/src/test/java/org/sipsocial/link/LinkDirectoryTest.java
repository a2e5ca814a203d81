package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipsocial.identity.SiteName;

class LinkDirectoryTest {
    private static final SiteName JONESES = SiteName.of("theJoneses");
    private final LinkDirectory here = new LinkDirectory(SiteName.of("theSmiths"));

    private static String lines(String... aors) {
        StringBuilder body = new StringBuilder();
        for (String aor : aors) body.append(aor).append("\r\n");
        return body.toString();
    }

    @Test
    void aDirectoryPublishesTheListedUsersAsAorsOfThisSiteOnePerLine() {
        here.publish(List.of("alice", "Bob"));
        assertThat(here.pages()).hasSize(1);
        assertThat(new String(here.pages().get(0), StandardCharsets.US_ASCII)).isEqualTo("alice@theSmiths\r\nBob@theSmiths\r\n");
    }

    @Test
    void anEmptyDirectoryIsOneEmptyPageSoThatTheOtherSideForgetsTheLastOne() {
        here.publish(List.of());
        assertThat(here.pages()).singleElement().satisfies(page -> assertThat(page).isEmpty());
        assertThat(here.receive(JONESES, "1/1", lines("alice@theJoneses"))).isEqualTo(LinkDirectory.Answer.OK);
        assertThat(here.receive(JONESES, "1/1", "")).isEqualTo(LinkDirectory.Answer.OK);
        assertThat(here.received()).containsEntry(JONESES, List.of());
    }

    @Test
    void aLargeDirectoryIsSplitInPagesThatEachFitTheLinksMessageLimit() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < LinkDirectory.MAX_ENTRIES + 5; i++) names.add("a-user-with-a-long-name-" + i);
        here.publish(names);
        List<byte[]> pages = here.pages();
        assertThat(pages).hasSizeGreaterThan(1).allSatisfy(page -> assertThat(page.length).isLessThanOrEqualTo(LinkDirectory.PAGE_BYTES));
        LinkDirectory there = new LinkDirectory(JONESES);
        SiteName smiths = SiteName.of("theSmiths");
        for (int i = 0; i < pages.size(); i++) {
            assertThat(there.receive(smiths, (i + 1) + "/" + pages.size(), new String(pages.get(i), StandardCharsets.US_ASCII)))
                    .isEqualTo(LinkDirectory.Answer.OK);
        }
        assertThat(there.received().get(smiths)).hasSize(LinkDirectory.MAX_ENTRIES);
    }

    @Test
    void onlyAorsOfTheSendingSiteAreKeptAndTheSiteIsSpelledAsTheLinkNamesIt() {
        assertThat(here.receive(JONESES, "1/1", lines("alice@THEJONESES", "eve@theSmiths", "mallory@theBrowns",
                "not an aor", "@theJoneses", "a@b@theJoneses", "bob@theJoneses"))).isEqualTo(LinkDirectory.Answer.OK);
        assertThat(here.received().get(JONESES)).containsExactly("alice@theJoneses", "bob@theJoneses");
    }

    @Test
    void aDirectoryOfMoreThanTenThousandEntriesIsRefusedWith413AndThePreviousOneStays() {
        here.receive(JONESES, "1/1", lines("alice@theJoneses"));
        StringBuilder page = new StringBuilder();
        int pages = 0;
        LinkDirectory.Answer answer = LinkDirectory.Answer.OK;
        for (int i = 0; i <= LinkDirectory.MAX_ENTRIES && answer.equals(LinkDirectory.Answer.OK); i++) {
            page.append("u").append(i).append("@theJoneses\r\n");
            if (page.length() > 50_000 || i == LinkDirectory.MAX_ENTRIES) {
                answer = here.receive(JONESES, (++pages) + "/4", page.toString());
                page.setLength(0);
            }
        }
        assertThat(answer).isEqualTo(new LinkDirectory.Answer(413, "Directory Too Large"));
        assertThat(here.received().get(JONESES)).containsExactly("alice@theJoneses");
        assertThat(here.receive(JONESES, "1/" + (LinkDirectory.MAX_PAGES + 1), ""))
                .isEqualTo(new LinkDirectory.Answer(413, "Directory Too Large"));
    }

    @Test
    void aBadOrOutOfOrderPageIsRefusedWith400AndNothingChanges() {
        here.receive(JONESES, "1/1", lines("alice@theJoneses"));
        for (String header : new String[] {null, "", "one/two", "0/1", "3/2", "1/99999", "-1/2"}) {
            assertThat(here.receive(JONESES, header, lines("bob@theJoneses")).status()).as(header).isEqualTo(400);
        }
        assertThat(here.receive(JONESES, "2/2", lines("bob@theJoneses")))
                .isEqualTo(new LinkDirectory.Answer(400, "Directory Page Out Of Order"));
        assertThat(here.receive(JONESES, "1/2", lines("bob@theJoneses"))).isEqualTo(LinkDirectory.Answer.OK);
        assertThat(here.receive(JONESES, "2/3", lines("carol@theJoneses")).status()).isEqualTo(400);
        assertThat(here.received().get(JONESES)).containsExactly("alice@theJoneses");
    }

    @Test
    void aForgottenSiteHasNoDirectory() {
        here.receive(JONESES, "1/1", lines("alice@theJoneses"));
        here.forget(JONESES);
        assertThat(here.received()).isEmpty();
    }
}
