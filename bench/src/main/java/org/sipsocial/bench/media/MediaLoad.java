package org.sipsocial.bench.media;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media relay benchmark's load generator (issue 11): SIPsocial's relay ({@link RelayUnderLoad}, its own
 * process) and rtpengine, in the same run, each given the same calls (RTP with the phone, SRTP AEAD_AES_128_GCM
 * with the other site, 50 packets a second each way per call), at each number of concurrent calls, repeated; then
 * the same traffic with no relay ({@link Loopback}) for the latency floor. Prints one line per measurement and a
 * table of medians and ratios. Arguments are {@code key=value}; see {@code bench/media/compare-with-rtpengine.sh}.
 */
public final class MediaLoad {
    private final Map<String, String> options;
    private final PrintStream out = System.out;
    private final List<Result> results = new ArrayList<>();

    record Result(String relay, int calls, int rep, double seconds, long forwarded, long sent, double cpuSeconds,
            long p50, long p99, long p50ToFar, long p99ToFar, long p50ToPhone, long p99ToPhone, long bad,
            long checked, long relayDrops, long generatorDrops, double generatorCpuSeconds) {
        double lossPercent() {
            return sent == 0 ? 0 : 100.0 * (sent - forwarded) / sent;
        }

        double cpuMicrosPerPacket() {
            return cpuSeconds < 0 ? Double.NaN : cpuSeconds * 1e6 / forwarded;
        }

        double cpuPercent() {
            return cpuSeconds < 0 ? Double.NaN : 100.0 * cpuSeconds / seconds;
        }
    }

    private MediaLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        new MediaLoad(options).run();
    }

    private String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    private void run() throws Exception {
        int[] steps = Arrays.stream(option("calls", "10,100,500").split(",")).mapToInt(Integer::parseInt).toArray();
        int reps = Integer.parseInt(option("reps", "3"));
        double seconds = Double.parseDouble(option("seconds", "15"));
        double settle = Double.parseDouble(option("settle", "3"));
        double warmup = Double.parseDouble(option("warmup", "15"));
        double floorSeconds = Double.parseDouble(option("floor-seconds", "5"));
        long clockTicks = Long.parseLong(option("clock-ticks", "100"));

        List<RelayUnderTest> relays = new ArrayList<>();
        if (options.containsKey("sipsocial-control")) {
            relays.add(new SipsocialRelay(RelayUnderLoad.address(option("sipsocial-control", "")),
                    Long.parseLong(option("sipsocial-pid", "")), option("sipsocial-lan", "127.0.7.1"),
                    RelayUnderLoad.address(option("sipsocial-link", ""))));
        }
        if (options.containsKey("rtpengine-ng")) {
            relays.add(new Rtpengine(RelayUnderLoad.address(option("rtpengine-ng", "")),
                    Long.parseLong(option("rtpengine-pid", ""))));
        }
        Loopback loopback = new Loopback();
        out.printf(Locale.ROOT, "# %s: relays %s, calls %s, %d repetitions of %.0f s (after %.0f s settling), warm-up %.0f s%n",
                Instant.now(), relays.stream().map(RelayUnderTest::name).toList(), option("calls", "10,100,500"), reps,
                seconds, settle, warmup);

        idle(relays, clockTicks);
        for (RelayUnderTest relay : relays) {
            out.printf("# warm-up: %s, 100 calls, %.0f s%n", relay.name(), warmup);
            step(relay, 100, 0, warmup, 1, clockTicks, false);
        }
        out.println("relay\tcalls\trep\tseconds\tforwarded\tpkt/s\tloss%\tcpu%\tcpu_us/pkt\tp50_us\tp99_us"
                + "\tp50_to_far\tp99_to_far\tp50_to_phone\tp99_to_phone\tchecked\tbad\trelay_drops\tgenerator_drops\tgenerator_cpu%");
        for (int rep = 1; rep <= reps; rep++) {
            for (int calls : steps) {
                List<RelayUnderTest> order = new ArrayList<>(relays);
                if (rep % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (RelayUnderTest relay : order) {
                    report(step(relay, calls, rep, seconds, settle, clockTicks, true));
                }
                report(step(loopback, calls, rep, floorSeconds, settle, clockTicks, true));
            }
        }
        summary(steps);
        for (RelayUnderTest relay : relays) {
            relay.close();
        }
        if (options.containsKey("results")) {
            Files.writeString(Path.of(option("results", "")), table(steps), StandardCharsets.UTF_8);
        }
    }

    /** Both relays' own CPU with no calls at all, over the same 5 s. */
    private void idle(List<RelayUnderTest> relays, long clockTicks) throws InterruptedException {
        long[] before = relays.stream().mapToLong(RelayUnderTest::cpuTicks).toArray();
        long t0 = System.nanoTime();
        Thread.sleep(5000);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < relays.size(); i++) {
            double cpu = (relays.get(i).cpuTicks() - before[i]) / (double) clockTicks;
            out.printf(Locale.ROOT, "# idle: %s used %.3f CPU s in %.1f s (%.2f%% of a core)%n", relays.get(i).name(), cpu,
                    elapsed, 100 * cpu / elapsed);
        }
    }

    private Result step(RelayUnderTest relay, int n, int rep, double seconds, double settle, long clockTicks, boolean keep)
            throws Exception {
        List<Call> calls = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Call call = new Call(i);
                calls.add(call);
                relay.open(call);
            }
            long start = System.nanoTime() + 100_000_000L;
            long windowStart = start + (long) (settle * 1e9);
            long windowEnd = windowStart + (long) (seconds * 1e9);
            Traffic traffic = new Traffic(calls, !(relay instanceof Loopback), start, windowStart, windowEnd, windowEnd + 200_000_000L);
            long[] cpu = new long[2];
            long[] own = new long[2];
            long[] at = new long[2];
            long[] drops = new long[4];
            Thread meter = new Thread(() -> {
                sleepUntil(windowStart);
                at[0] = System.nanoTime();
                cpu[0] = relay.cpuTicks();
                own[0] = RelayUnderTest.cpuTicksOf(ProcessHandle.current().pid());
                drops[0] = relay.host() == null ? 0 : UdpDrops.on(relay.host());
                drops[2] = UdpDrops.on(Call.PHONE_HOST) + UdpDrops.on(Call.FAR_HOST);
                sleepUntil(windowEnd);
                at[1] = System.nanoTime();
                cpu[1] = relay.cpuTicks();
                own[1] = RelayUnderTest.cpuTicksOf(ProcessHandle.current().pid());
                drops[1] = relay.host() == null ? 0 : UdpDrops.on(relay.host());
                drops[3] = UdpDrops.on(Call.PHONE_HOST) + UdpDrops.on(Call.FAR_HOST);
            }, "load-meter");
            meter.start();
            traffic.run();
            meter.join();
            double cpuSeconds = cpu[0] < 0 ? -1 : (cpu[1] - cpu[0]) / (double) clockTicks;
            long[] both = traffic.sortedLatencies(-1);
            long[] toFar = traffic.sortedLatencies(Traffic.PHONE_TO_FAR);
            long[] toPhone = traffic.sortedLatencies(Traffic.FAR_TO_PHONE);
            return new Result(relay.name(), n, rep, (at[1] - at[0]) / 1e9, both.length,
                    traffic.sentInWindow[0] + traffic.sentInWindow[1], cpuSeconds,
                    Traffic.percentile(both, 50), Traffic.percentile(both, 99), Traffic.percentile(toFar, 50),
                    Traffic.percentile(toFar, 99), Traffic.percentile(toPhone, 50), Traffic.percentile(toPhone, 99),
                    traffic.badPayload[0] + traffic.badPayload[1], traffic.checked[0] + traffic.checked[1],
                    drops[1] - drops[0], drops[3] - drops[2], (own[1] - own[0]) / (double) clockTicks);
        } finally {
            relay.closeAll(calls);
            for (Call call : calls) {
                call.close();
            }
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    private void report(Result r) {
        results.add(r);
        out.printf(Locale.ROOT, "%s\t%d\t%d\t%.2f\t%d\t%.0f\t%.3f\t%.1f\t%.2f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.0f%n", r.relay(),
                r.calls(), r.rep(), r.seconds(), r.forwarded(), r.forwarded() / r.seconds(), r.lossPercent(),
                r.cpuPercent(), r.cpuMicrosPerPacket(), r.p50() / 1000, r.p99() / 1000, r.p50ToFar() / 1000,
                r.p99ToFar() / 1000, r.p50ToPhone() / 1000, r.p99ToPhone() / 1000, r.checked(), r.bad(),
                r.relayDrops(), r.generatorDrops(), 100 * r.generatorCpuSeconds() / r.seconds());
        out.flush();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private double median(String relay, int calls, java.util.function.ToDoubleFunction<Result> f) {
        return median(results.stream().filter(r -> r.relay().equals(relay) && r.calls() == calls).mapToDouble(f).toArray());
    }

    /** Per repetition, SIPsocial's value over rtpengine's in the same step, sorted. */
    private double[] ratios(int calls, java.util.function.ToDoubleFunction<Result> f) {
        Map<Integer, Double> sip = new HashMap<>();
        Map<Integer, Double> rtp = new HashMap<>();
        for (Result r : results) {
            if (r.calls() == calls && r.relay().equals("sipsocial")) {
                sip.put(r.rep(), f.applyAsDouble(r));
            } else if (r.calls() == calls && r.relay().equals("rtpengine")) {
                rtp.put(r.rep(), f.applyAsDouble(r));
            }
        }
        return sip.keySet().stream().filter(rtp::containsKey).mapToDouble(k -> sip.get(k) / rtp.get(k)).sorted().toArray();
    }

    /** The median of the per-repetition ratios and their range, as "0.83 (0.78-0.88)". */
    private String ratio(int calls, java.util.function.ToDoubleFunction<Result> f) {
        double[] r = ratios(calls, f);
        return r.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(r), r[0], r[r.length - 1]);
    }

    private String table(int[] steps) {
        StringBuilder t = new StringBuilder();
        t.append("| calls | relay | offered pkt/s | forwarded pkt/s | loss % | relay socket drops | CPU % of a core | CPU µs per packet | latency p50 µs | latency p99 µs |\n");
        t.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int calls : steps) {
            for (String relay : List.of("sipsocial", "rtpengine", "none")) {
                if (results.stream().noneMatch(r -> r.relay().equals(relay) && r.calls() == calls)) {
                    continue;
                }
                t.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.3f | %s | %s | %s | %.0f | %.0f |%n", calls,
                        relay.equals("none") ? "none (loopback floor)" : relay,
                        median(relay, calls, r -> r.sent() / r.seconds()),
                        median(relay, calls, r -> r.forwarded() / r.seconds()), median(relay, calls, Result::lossPercent),
                        relay.equals("none") ? "-" : String.format(Locale.ROOT, "%.0f", median(relay, calls, r -> r.relayDrops())),
                        relay.equals("none") ? "-" : String.format(Locale.ROOT, "%.1f", median(relay, calls, Result::cpuPercent)),
                        relay.equals("none") ? "-" : String.format(Locale.ROOT, "%.2f", median(relay, calls, Result::cpuMicrosPerPacket)),
                        median(relay, calls, r -> r.p50() / 1000.0), median(relay, calls, r -> r.p99() / 1000.0)));
            }
        }
        t.append("\n| calls | CPU per packet SIPsocial / rtpengine (median of ratios; range) | p50 latency ratio | p99 latency ratio |\n");
        t.append("|---:|---:|---:|---:|\n");
        for (int calls : steps) {
            t.append(String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", calls, ratio(calls, Result::cpuMicrosPerPacket),
                    ratio(calls, r -> r.p50()), ratio(calls, r -> r.p99())));
        }
        return t.toString();
    }

    private void summary(int[] steps) {
        out.println();
        out.println("Medians over the repetitions:");
        out.println();
        out.print(table(steps));
    }
}
