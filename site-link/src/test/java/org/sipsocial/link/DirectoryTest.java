package org.sipsocial.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each side of a link publishes the AORs of its listed users to the other, and keeps it current (issue 10). */
class DirectoryTest {
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private final TestSite smiths = TestSite.start("theSmiths");
    private final TestSite joneses = TestSite.start("theJoneses");

    @AfterEach
    void stop() {
        smiths.close();
        joneses.close();
    }

    private void link() {
        smiths.usersChanged();
        joneses.usersChanged();
        smiths.pin(joneses);
        joneses.pin(smiths);
        smiths.connect(joneses);
        smiths.awaitConnected(joneses);
        joneses.awaitConnected(smiths);
    }

    @Test
    void whenTheLinkComesUpEachSideSeesTheOthersListedUsers() {
        smiths.users.addAll(List.of("bob", "Carol"));
        joneses.users.add("alice");
        link();
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(smiths.directoryOf(joneses)).containsExactly("alice@theJoneses");
            assertThat(joneses.directoryOf(smiths)).containsExactly("bob@theSmiths", "Carol@theSmiths");
        });
    }

    @Test
    void aUserAddedOnOneSideAppearsOnTheOtherWithinFiveSecondsAndARemovedOneDisappears() {
        joneses.users.add("alice");
        link();
        await().atMost(WITHIN).until(() -> smiths.directoryOf(joneses).equals(List.of("alice@theJoneses")));

        joneses.users.add("dave");
        joneses.usersChanged();
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(smiths.directoryOf(joneses)).containsExactly("alice@theJoneses", "dave@theJoneses"));

        joneses.users.remove("alice");
        joneses.usersChanged();
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(smiths.directoryOf(joneses)).containsExactly("dave@theJoneses"));
    }

    @Test
    void aDirectoryLargerThanOnePageArrivesWhole() {
        for (int i = 0; i < 5_000; i++) joneses.users.add("user-with-a-rather-long-name-" + i);
        link();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(smiths.directoryOf(joneses)).hasSize(5_000));
        LinkDirectory published = new LinkDirectory(joneses.name());
        published.publish(joneses.users);
        assertThat(published.pages()).hasSizeGreaterThan(1);
    }

    @Test
    void theDirectoryOfASiteGoesWhenItsLinkGoesDown() {
        joneses.users.add("alice");
        link();
        await().atMost(WITHIN).until(() -> !smiths.directoryOf(joneses).isEmpty());
        joneses.disconnect(smiths);
        smiths.awaitLine(joneses, "disconnected by theJoneses");
        assertThat(smiths.links().directory()).isEmpty();
        assertThat(joneses.links().directory()).isEmpty();
    }
}
