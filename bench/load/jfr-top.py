#!/usr/bin/env python3
"""Where the time goes in a JFR recording: a markdown summary of its execution samples.

Usage: jfr-top.py RECORDING.jfr [TOP]

Reads `jfr print --json` (JDK 17 has no `jfr view`) and prints, over the jdk.ExecutionSample events
(Java code running on a CPU; native waits such as epoll are not sampled):
  - samples per thread (grouped by name with digits removed),
  - samples per component: the first frame from the top that belongs to a known component names it
    (JDK collections, streams and the like are skipped, so their time goes to the component calling them),
  - self time by method (the top frame) and by package,
  - inclusive time of org.sipsocial methods (a method counted once per sample it appears in),
  - GC pauses (jdk.GarbageCollection) and the top allocation sites (jdk.ObjectAllocationSample, by weight;
    each thread's first sample is left out, as it weighs all it allocated before the recording began).
"""
import collections
import json
import re
import subprocess
import sys

STACK_DEPTH = 96

# (frame name prefix, component), first match from the top of the stack wins.
COMPONENTS = [
    ("org.h2.", "H2 store (encrypted pages)"),
    ("com.zaxxer.hikari.", "Hikari connection pool"),
    ("sun.security.provider.", "message digests (MD5/SHA-256)"),
    ("java.security.MessageDigest", "message digests (MD5/SHA-256)"),
    ("java.security.", "JDK security"),
    ("javax.crypto.", "JCE crypto"),
    ("com.sun.crypto.", "JCE crypto"),
    ("ch.qos.logback.", "logging"),
    ("org.slf4j.", "logging"),
    ("io.micrometer.", "metrics"),
    ("org.sipsocial.sip.message.", "sip-message (parse, write)"),
    ("org.sipsocial.sip.transaction.", "sip-transaction"),
    ("org.sipsocial.sip.transport.", "sip-transport"),
    ("org.sipsocial.routing.auth.", "site-routing: digest auth"),
    ("org.sipsocial.routing.registrar.", "site-routing: registrar, location"),
    ("org.sipsocial.routing.", "site-routing: core, proxy"),
    ("org.sipsocial.store.", "site-store"),
    ("org.sipsocial.server.", "server wiring"),
    ("org.sipsocial.", "other sipsocial"),
    ("io.netty.channel.epoll.", "Netty epoll, socket calls"),
    ("io.netty.", "Netty"),
    ("sun.nio.", "NIO, socket calls"),
    ("java.nio.", "NIO buffers"),
    ("java.util.concurrent.", "JDK concurrency (executors, queues, locks)"),
]


def load(path, events):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(STACK_DEPTH), "--events", events, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    return (method["type"]["name"] + "." + method["name"]).replace("/", ".")


def is_own(name):
    """A method of ours; lambdas and other hidden classes are left out, their callers are named instead."""
    return name.startswith("org.sipsocial.") and "$$Lambda" not in name


def package(name):
    cls = name.rsplit(".", 1)[0]
    return cls.rsplit(".", 1)[0] if "." in cls else cls


def table(title, counter, total, top, unit="samples"):
    print(f"\n{title}\n")
    print(f"| {unit} | % | what |")
    print("|---:|---:|---|")
    for what, n in counter.most_common(top):
        print(f"| {n} | {100.0 * n / total:.1f} | `{what}` |")


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    samples = load(path, "jdk.ExecutionSample")
    total = len(samples)
    if total == 0:
        print("no execution samples")
        return
    threads = collections.Counter()
    self_methods = collections.Counter()
    self_packages = collections.Counter()
    inclusive = collections.Counter()
    components = collections.Counter()
    for event in samples:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        threads[re.sub(r"\d+", "N", thread)] += 1
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        names = [frame_name(f) for f in frames]
        components[component(names)] += 1
        top_frame = names[0]
        self_methods[top_frame] += 1
        self_packages[package(top_frame)] += 1
        for name in set(names):
            if is_own(name):
                inclusive[name] += 1
    print(f"{total} execution samples in {path.rsplit('/', 1)[-1]}")
    table("Samples by thread", threads, total, 10)
    table("Samples by component (first known frame from the top)", components, total, 30)
    table("Self time by method (top frame)", self_methods, total, top)
    table("Self time by package (top frame)", self_packages, total, 15)
    table("Inclusive time of org.sipsocial methods (on the stack)", inclusive, total, top)

    gcs = load(path, "jdk.GarbageCollection")
    pause_ms = 0.0
    for event in gcs:
        pause = event["values"].get("sumOfPauses") or "PT0S"
        pause_ms += parse_duration_ms(pause)
    print(f"\nGC: {len(gcs)} collections, {pause_ms:.0f} ms of pauses in total")

    allocations = sorted(load(path, "jdk.ObjectAllocationSample"), key=lambda e: e["values"]["startTime"])
    sites = collections.Counter()
    weight_total = 0
    seen_threads = set()
    for event in allocations:
        values = event["values"]
        # A thread's first sample weighs everything it allocated since it started, before the recording: skip it.
        thread = (values.get("eventThread") or {}).get("javaThreadId")
        if thread not in seen_threads:
            seen_threads.add(thread)
            continue
        weight = int(values.get("weight") or 0)
        weight_total += weight
        frames = (values.get("stackTrace") or {}).get("frames") or []
        first_own = next((frame_name(f) for f in frames if is_own(frame_name(f))), None)
        sites[f"{values['objectClass']['name'].replace('/', '.')} in {first_own or frame_name(frames[0]) if frames else '?'}"] += weight
    if weight_total:
        print(f"\nAllocation (sampled weight) {weight_total / 1e6:.0f} MB; top sites by weight, "
              "named by the first org.sipsocial frame:\n")
        print("| MB | % | class allocated in |")
        print("|---:|---:|---|")
        for what, w in sites.most_common(15):
            print(f"| {w / 1e6:.0f} | {100.0 * w / weight_total:.1f} | `{what}` |")


def component(names):
    for name in names:
        for prefix, label in COMPONENTS:
            if name.startswith(prefix):
                return label
    return "JDK (other)"


def parse_duration_ms(text):
    if isinstance(text, (int, float)):
        return float(text) / 1e6
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", text)
    if not match:
        return 0.0
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return (hours * 3600 + minutes * 60 + seconds) * 1000


if __name__ == "__main__":
    main()
