package org.sipsocial.store;

import java.nio.file.Path;

/**
 * A process that adds users to a site as fast as it can and reports each one only after {@code add} returned,
 * until it is killed. {@link KillDuringWritesTest} runs it and kills it with SIGKILL.
 */
public final class AddUsersUntilKilled {
    private AddUsersUntilKilled() {
    }

    public static void main(String[] args) {
        try (SiteStore store = TestSites.open(new SiteHome(Path.of(args[0])))) {
            System.out.println("open");
            System.out.flush();
            for (int i = 0; i < 1_000_000; i++) {
                String name = "user" + i;
                store.users().add(UserName.of(name), ("password-" + i).toCharArray());
                System.out.println("added " + name);
                System.out.flush();
            }
        }
    }
}
