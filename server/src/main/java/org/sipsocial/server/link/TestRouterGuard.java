package org.sipsocial.server.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps a test's site away from the machine's real router (issue 15). The build sets {@value #VARIABLE}{@code =1}
 * for every test JVM (surefire and failsafe, in the parent pom), and every process a test starts inherits it: a site
 * run in-process or as {@code sipsocial run}, a bench script. A site that starts with {@code port-mapping = on}
 * under that variable, in the machine's own network namespace, refuses to start, because its PCP, NAT-PMP and SSDP
 * requests would go to the machine's default gateway; every test fixture must write {@code port-mapping = off}.
 * Inside a namespace the test made ({@code ip netns add}, then {@code ip netns exec}), the default gateway is the
 * lab's router, and mapping is allowed.
 */
final class TestRouterGuard {
    static final String VARIABLE = "SIPSOCIAL_TEST_NO_ROUTER";
    private static final Path OWN = Path.of("/proc/self/ns/net");
    private static final Path NAMED = Path.of("/run/netns");

    private TestRouterGuard() {
    }

    /** Refuses port mapping on in a test ({@code environment} has {@value #VARIABLE}) outside a namespace of its own. */
    static void check(boolean portMapping, Map<String, String> environment, boolean inMachinesNamespace) {
        if (portMapping && environment.containsKey(VARIABLE) && inMachinesNamespace) {
            throw new IllegalStateException("a test started a site with port-mapping = on in the machine's own network "
                    + "namespace, where it would ask the machine's real router to forward ports: a test site must say "
                    + "port-mapping = off (init --port-mapping off), unless it runs inside a namespace the test made");
        }
    }

    /**
     * Whether this process runs in the machine's own network namespace rather than in a named one, made by {@code ip
     * netns add} (as the test lab makes its hosts and routers) and entered by {@code ip netns exec}: a named namespace
     * is a file under {@code /run/netns} that is the same namespace object (device and inode) as
     * {@code /proc/self/ns/net}, as {@code ip netns identify} finds it. When that cannot be read, the process is taken
     * to be in the machine's namespace (the guard errs on the side of sending nothing).
     */
    static boolean inMachinesNamespace() {
        try (Stream<Path> named = Files.list(NAMED)) {
            Object own = namespaceObject(OWN);
            for (Path namespace : (Iterable<Path>) named::iterator) {
                if (own.equals(namespaceObject(namespace))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    private static Object namespaceObject(Path path) throws IOException {
        return List.of(Files.getAttribute(path, "unix:dev"), Files.getAttribute(path, "unix:ino"));
    }
}
