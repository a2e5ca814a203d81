package org.sipsocial.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.NetworkStatus;
import org.sipsocial.store.SiteAdministration;

/**
 * The This site page shows what the running site learned of its network (issues 12 and 15): where its peers see it
 * from, what it learned of its NAT, and what the router mapped; and says plainly when nothing is known yet.
 */
class ThisSitePageTest {
    private static final String NAT = "this site is behind a NAT that changes ports; it can link directly only with "
            + "public sites or with sites whose router maps ports (theBrowns sees link port 5070 as 11.250.42.12:40123)";
    private static final String MAPPED = "router mapped 11.250.42.12:5070 to this site by PCP, renewed 12:04";

    @TempDir
    Path temp;

    @Test
    void the_page_shows_where_peers_see_the_site_from_what_it_learned_of_its_nat_and_what_the_router_mapped() {
        NetworkStatus status = new NetworkStatus(List.of(), List.of("11.250.42.12:40123"), List.of(), List.of(), MAPPED, NAT);
        try (RunningSite site = RunningSite.start(temp.resolve("smiths"), "theSmiths", Clock.systemUTC(),
                administration -> reporting(administration, status))) {
            ConsoleClient admin = new ConsoleClient(site.server.port());
            admin.login(RunningSite.ADMIN_PASSWORD);

            String page = admin.get("/site").body();

            assertThat(page).contains("11.250.42.12:40123")
                    .contains("<dd id=\"nat\">").contains(NAT)
                    .contains("<dd id=\"port-mapping\">" + MAPPED + "</dd>");
        }
    }

    @Test
    void a_stopped_site_says_its_nat_is_not_known_yet_and_shows_no_port_mapping() {
        try (RunningSite site = RunningSite.start(temp.resolve("smiths"), "theSmiths")) {
            ConsoleClient admin = new ConsoleClient(site.server.port());
            admin.login(RunningSite.ADMIN_PASSWORD);

            String page = admin.get("/site").body();

            assertThat(page).contains("not known yet: no site this site dialled has said where it sees it from")
                    .doesNotContain("port-mapping");
        }
    }

    /** {@code administration}, but with the running site's {@code status}. */
    private static SiteAdministration reporting(SiteAdministration administration, NetworkStatus status) {
        return (SiteAdministration) Proxy.newProxyInstance(SiteAdministration.class.getClassLoader(),
                new Class<?>[] {SiteAdministration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("status") && method.getParameterCount() == 0) {
                        return status;
                    }
                    try {
                        return method.invoke(administration, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
