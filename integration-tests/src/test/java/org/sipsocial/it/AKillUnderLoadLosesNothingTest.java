package org.sipsocial.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipsocial.store.Passphrase;
import org.sipsocial.store.SiteHome;
import org.sipsocial.store.SiteStore;
import org.sipsocial.store.StoredBinding;
import org.sipsocial.testkit.FreePorts;
import org.sipsocial.testkit.Sipp;
import org.sipsocial.testkit.SippScenarios;

/**
 * Issue 16's crash: a site run as its own process through the launcher is killed with SIGKILL while SIPp registers
 * 1,000 phones a second and an administrator adds users through the CLI. Afterwards the store opens cleanly,
 * the site starts again, and every user whose {@code user add} reported success and every registration whose
 * 200 OK SIPp received more than a second before the kill is there (registrations are saved behind the registrar
 * every 500 ms).
 */
class AKillUnderLoadLosesNothingTest {
    private static final String SITE_ADDRESS = "127.0.16.1";
    private static final String PHONES_ADDRESS = "127.0.16.2";
    /** 250 users with 16 phones each (the registrar's most per address of record). */
    private static final int USERS = 250;
    private static final int PHONES = USERS * 16;
    private static final int WARM_UP_USERS = 100;
    private static final int FIRST_PORT = 20_000;
    private static final int RATE = 1_000;
    /** The kill comes while SIPp is still registering (it needs about PHONES / RATE seconds). */
    private static final Duration KILL_AFTER = Duration.ofMillis(4_000);
    private static final Duration SIPP_LIMIT = Duration.ofSeconds(8);
    /** Fewer than the phones SIPp had registered a second before the kill on an idle machine (about 2,500). */
    private static final int FEWEST_REGISTERED = 300;
    private static final String PASSWORD = "phone-password-16";
    private static final Pattern TRACE_HEADER = Pattern.compile("^-+\\s*(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2})[.:]?(\\d*)");
    private static final Pattern CALL_NUMBER = Pattern.compile("(?mi)^Call-ID:\\s*(\\d+)-");
    private static final Pattern CONTACT_PORT = Pattern.compile(":(\\d+)[;>]");

    @TempDir
    Path temp;

    @Test
    @Timeout(180)
    void after_a_kill_9_under_load_every_added_user_and_every_registration_older_than_a_second_is_there() throws Exception {
        assumeTrue(Files.exists(SiteAsProcess.JAR), "needs " + SiteAsProcess.JAR + " (./mvnw package builds it)");
        Path logs = Files.createDirectories(temp.resolve("logs"));
        SiteAsProcess site = SiteAsProcess.init(temp, "theSmiths", SITE_ADDRESS);
        try {
            site.setting("flood-rate=100000"); // SIPp's thousand phones come from one address
            site.start();
            addUsers(site, "w", WARM_UP_USERS);
            addUsers(site, "p", USERS);
            // The JIT needs a warm-up: a cold site on two busy cores answers its first REGISTERs seconds late.
            Sipp.Result warmUp = Sipp.in(Files.createDirectories(logs.resolve("warm-up"))).remote(site.sip())
                    .scenario(SippScenarios.scenario("register.xml")).injection(phones(logs, "w", WARM_UP_USERS, 30_000))
                    .transport(Sipp.Transport.UDP).local(PHONES_ADDRESS, FreePorts.tcpAndUdp()).calls(WARM_UP_USERS * 16)
                    .rate(RATE / 2).limit(Duration.ofSeconds(30)).run();
            assertThat(warmUp.exitCode()).as(warmUp.describe()).isIn(0, 1);
            Path csv = phones(logs, "p", USERS, FIRST_PORT);

            Set<String> addedByCli = new ConcurrentSkipListSet<>();
            AtomicBoolean adding = new AtomicBoolean(true);
            Path userPassword = Files.writeString(temp.resolve("cli-user.password"), "cli-user-password-16\n");
            Thread administrator = new Thread(() -> addUsersThroughTheCli(site, userPassword, adding, addedByCli));
            administrator.start();

            Path sippLogs = Files.createDirectories(logs.resolve("phones"));
            Process sipp = Sipp.in(sippLogs).remote(site.sip()).scenario(SippScenarios.scenario("register.xml"))
                    .injection(csv).transport(Sipp.Transport.UDP).local(PHONES_ADDRESS, FreePorts.tcpAndUdp())
                    .calls(PHONES).rate(RATE).limit(SIPP_LIMIT).start();
            Thread.sleep(KILL_AFTER.toMillis());
            Instant killedAt = Instant.now();
            site.kill9();
            adding.set(false);
            administrator.join(TimeUnit.SECONDS.toMillis(90));
            Sipp.await(sipp, sippLogs, SIPP_LIMIT.plusSeconds(20));

            Set<Integer> registeredBefore = registeredBefore(sippLogs.resolve("messages.log"), killedAt.minusSeconds(1));
            String report = String.format("killed %s after SIPp began; %d phones had their 200 OK more than a second "
                    + "before; %d users added through the CLI", KILL_AFTER, registeredBefore.size(), addedByCli.size());
            System.out.println(report);
            assertThat(registeredBefore).as("SIPp registered phones at %d a second before the kill: %s", RATE, report)
                    .hasSizeGreaterThan(FEWEST_REGISTERED);
            assertThat(addedByCli).as("the CLI added users during the load: " + report).isNotEmpty();

            site.start();
            assertThat(site.log()).as("the site started again and read the saved registrations")
                    .containsPattern("\\d+ registrations restored");
            String listed = SiteAsProcess.script(temp, "user", "list", "--home", site.home().toString());
            for (String user : addedByCli) {
                assertThat(listed).as("user list after the restart").contains(user + "@theSmiths");
            }
            site.stop();

            try (Passphrase passphrase = Passphrase.fromFileContent(Files.readAllBytes(site.passphraseFile()));
                 SiteStore store = SiteStore.open(new SiteHome(site.home()), passphrase, Clock.systemUTC())) {
                Set<String> users = store.users().list().stream().map(u -> u.name().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(users).as("users in the store").containsAll(addedByCli).hasSize(WARM_UP_USERS + USERS + addedByCli.size());
                Set<Integer> bound = new TreeSet<>();
                for (StoredBinding binding : store.bindings().loadUnexpired(Instant.now())) {
                    Matcher port = CONTACT_PORT.matcher(binding.contact());
                    if (port.find()) bound.add(Integer.parseInt(port.group(1)));
                }
                Set<Integer> lost = new TreeSet<>(registeredBefore);
                lost.removeAll(bound);
                assertThat(lost).as("registrations older than a second that the kill lost: " + report).isEmpty();
            }
        } finally {
            site.close();
        }
    }

    private static void addUsers(SiteAsProcess site, String prefix, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> adds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = prefix + i;
                adds.add(pool.submit(() -> {
                    site.addUserOverApi(name, PASSWORD);
                    return null;
                }));
            }
            for (Future<?> add : adds) add.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sixteen phones per user, each registering once with a Contact port of its own: phone {@code i} is a phone of
     * user {@code prefix + i % users} at port {@code firstPort + i}.
     */
    private static Path phones(Path logs, String prefix, int users, int firstPort) throws Exception {
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < users * 16; i++) {
            String user = prefix + (i % users);
            csv.append(user).append(";[authentication username=").append(user).append(" password=").append(PASSWORD)
                    .append("];theSmiths;").append(firstPort + i).append(";\n");
        }
        return Files.writeString(logs.resolve(prefix + "-phones.csv"), csv);
    }

    private static int contactPort(int phone) {
        return FIRST_PORT + phone;
    }

    /** {@code sipsocial user add} in a loop, as an administrator's script would, until the site is killed. */
    private static void addUsersThroughTheCli(SiteAsProcess site, Path password, AtomicBoolean adding, Set<String> added) {
        for (int i = 0; adding.get() && i < 50; i++) {
            String name = "cli" + i;
            try {
                SiteAsProcess.CommandResult result = SiteAsProcess.command(site.home().getParent(), "user", "add", name,
                        "--password-file", password.toString(), "--home", site.home().toString(),
                        "--passphrase-file", site.passphraseFile().toString());
                if (result.exitCode() == 0) added.add(name);
            } catch (Exception e) {
                return;
            }
        }
    }

    /**
     * The Contact ports of the phones whose REGISTER got its 200 OK before {@code cutoff}, read from SIPp's message
     * trace: SIPp's call number {@code N} (the Call-ID's first part) registered the phone of injection row {@code N - 1}.
     */
    private static Set<Integer> registeredBefore(Path trace, Instant cutoff) throws Exception {
        Set<Integer> users = new TreeSet<>();
        Instant time = null;
        StringBuilder message = new StringBuilder();
        for (String line : Files.readAllLines(trace, StandardCharsets.ISO_8859_1)) {
            Matcher header = TRACE_HEADER.matcher(line);
            if (header.find()) {
                collect(message, time, cutoff, users);
                message.setLength(0);
                String fraction = (header.group(3) + "000000").substring(0, 6);
                time = LocalDateTime.parse(header.group(1) + "T" + header.group(2) + "." + fraction,
                        DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(ZoneId.systemDefault()).toInstant();
            } else {
                message.append(line).append('\n');
            }
        }
        collect(message, time, cutoff, users);
        return users;
    }

    private static void collect(CharSequence message, Instant time, Instant cutoff, Set<Integer> phones) {
        String text = message.toString();
        if (time == null || !time.isBefore(cutoff) || !text.contains("message received")
                || !text.contains("SIP/2.0 200 ") || !text.contains("REGISTER")) {
            return;
        }
        Matcher callId = CALL_NUMBER.matcher(text);
        if (callId.find()) phones.add(contactPort(Integer.parseInt(callId.group(1)) - 1));
    }
}
