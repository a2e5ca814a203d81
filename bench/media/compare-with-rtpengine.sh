#!/usr/bin/env bash
# Media relay benchmark (issue 11): SIPsocial's media relay against rtpengine, same machine, same run, same job.
#
# Each relay bridges, per call, plain RTP with a phone and SRTP (SDES, AEAD_AES_128_GCM) with the other site:
#   - SIPsocial: one MediaRelay in its own JVM (org.sipsocial.bench.media.RelayUnderLoad, fixed heap), one Leg per
#     call, joined with Leg.toSite to the "other site"; the other site speaks the relays' link packets
#     (4-byte channel + SRTP) to the relay's one link-side UDP socket, as another site's relay would.
#   - rtpengine (Debian rtpengine-daemon, userspace forwarding: --table=-1), one call per ng offer/answer: the other
#     site offers RTP/SAVP with its SDES key, rtpengine offers RTP/AVP to the phone, the phone answers RTP/AVP and
#     rtpengine answers RTP/SAVP with its own key.
# The load generator (org.sipsocial.bench.media.MediaLoad, a third process) plays every phone and the other site
# of every call: 50 packets/s each way per call (20 ms PCMU, 160-byte payload), spread evenly over each 20 ms;
# it encrypts what the other site sends and checks one packet in 16 of what it receives (decrypting the SRTP).
# For each number of calls (CALLS), each relay runs SETTLE_SECONDS, then SECONDS_PER_STEP measured; the
# relay's CPU time (utime + stime of its whole process, /proc/PID/stat) over that window divided by the packets
# it forwarded in it (both directions) is its CPU per packet; the generator times every forwarded packet
# (median and 99th percentile). The same traffic with no relay (phone and other site sending to each other) is
# run for FLOOR_SECONDS each step: the latency of loopback and of the generator alone. All of it REPS times,
# the relays' order alternating, after WARMUP_SECONDS of 100 calls on each relay.
#
# Run from the repository root after `./mvnw -B -q package -pl media-relay,bench -am -DskipTests`:
#   bench/media/compare-with-rtpengine.sh                     (about 10 minutes on 2 vCPUs with the defaults; REPS=1: about 4)
#   PROFILE=1 RESULTS_DIR=/tmp/media bench/media/compare-with-rtpengine.sh
# Knobs (environment): CALLS (10,100,500), REPS (3), SECONDS_PER_STEP (15), SETTLE_SECONDS (3), WARMUP_SECONDS (15),
#   FLOOR_SECONDS (5), RELAY_JAVA_OPTS (-Xms256m -Xmx256m), RTPENGINE_OPTS (extra options), RELAY_LINK_RCVBUF
#   (an experiment: bytes of receive buffer for the relay's link-side socket; unset = the product's kernel default),
#   RELAY_AES_FACTORY (an experiment: the jitsi-srtp AES factory the relay uses, e.g.
#   'org.jitsi.srtp.crypto.Aes$OpenSSLCipherFactory'; unset = jitsi-srtp's own choice, timed at start),
#   RESULTS_DIR (keep
#   logs and the table), PROFILE=1 (afterwards, a JFR recording of SIPsocial's relay at PROFILE_CALLS calls for
#   PROFILE_SECONDS, summarised by bench/load/jfr-top.py, with the CPU of each relay thread).
# Addresses: relays on 127.0.7.1 (SIPsocial: LAN ports 20000-21999, link side 19000, control 19001) and 127.0.7.2
# (rtpengine: ports 22000-29999, ng 19222); the generator's phones on 127.0.7.10, its other site on 127.0.7.11.
set -euo pipefail

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
JAR="$ROOT/bench/target/benchmarks.jar"

CALLS=${CALLS:-10,100,500}
REPS=${REPS:-3}
SECONDS_PER_STEP=${SECONDS_PER_STEP:-15}
SETTLE_SECONDS=${SETTLE_SECONDS:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
FLOOR_SECONDS=${FLOOR_SECONDS:-5}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:-"-Xms256m -Xmx256m"}
RELAY_LINK_RCVBUF=${RELAY_LINK_RCVBUF:-}
RELAY_AES_FACTORY=${RELAY_AES_FACTORY:-}
RTPENGINE_OPTS=${RTPENGINE_OPTS:-}
PROFILE=${PROFILE:-0}
PROFILE_CALLS=${PROFILE_CALLS:-500}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}

for tool in java rtpengine getconf; do
  command -v "$tool" >/dev/null || { echo "compare-with-rtpengine: $tool is not installed (rtpengine: Debian rtpengine-daemon)" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "compare-with-rtpengine: $JAR is missing; run ./mvnw -B -q package -pl media-relay,bench -am -DskipTests" >&2; exit 2; }

WORK=$(mktemp -d /tmp/sipsocial-media.XXXXXX)
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "${RESULTS_DIR:-}" ]; then mkdir -p "$RESULTS_DIR" && cp -r "$WORK"/. "$RESULTS_DIR"/; fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# shellcheck disable=SC2086
java $RELAY_JAVA_OPTS ${RELAY_LINK_RCVBUF:+-Dbench.linkReceiveBuffer=$RELAY_LINK_RCVBUF} \
  ${RELAY_AES_FACTORY:+-Dbench.aesFactory=$RELAY_AES_FACTORY} -cp "$JAR" org.sipsocial.bench.media.RelayUnderLoad 127.0.7.1 20000 21999 127.0.7.1:19000 \
  127.0.7.1:19001 > "$WORK/sipsocial-relay.log" 2>&1 &
RELAY_PID=$!
PIDS+=("$RELAY_PID")
# shellcheck disable=SC2086
rtpengine --foreground --log-stderr --log-level=4 --table=-1 --interface=127.0.7.2 --listen-ng=127.0.7.2:19222 \
  --port-min=22000 --port-max=29999 --delete-delay=0 --pidfile="$WORK/rtpengine.pid" $RTPENGINE_OPTS \
  > "$WORK/rtpengine.log" 2>&1 &
RTPENGINE_PID=$!
PIDS+=("$RTPENGINE_PID")
for _ in $(seq 1 100); do grep -q READY "$WORK/sipsocial-relay.log" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$WORK/sipsocial-relay.log" || { echo "SIPsocial's relay did not start:" >&2; cat "$WORK/sipsocial-relay.log" >&2; exit 1; }
sleep 1
kill -0 "$RTPENGINE_PID" || { echo "rtpengine did not start:" >&2; cat "$WORK/rtpengine.log" >&2; exit 1; }

{
  echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# $(java -version 2>&1 | head -1); rtpengine $(rtpengine --version 2>&1 | head -1); relay JVM: $RELAY_JAVA_OPTS"
  echo "# SIPsocial relay: $(grep -m1 READY "$WORK/sipsocial-relay.log")"
  grep EXPERIMENT "$WORK/sipsocial-relay.log" || true
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$WORK/results.txt"

java -Xms1g -Xmx1g -cp "$JAR" org.sipsocial.bench.media.MediaLoad \
  sipsocial-control=127.0.7.1:19001 sipsocial-pid="$RELAY_PID" sipsocial-lan=127.0.7.1 sipsocial-link=127.0.7.1:19000 \
  rtpengine-ng=127.0.7.2:19222 rtpengine-pid="$RTPENGINE_PID" \
  calls="$CALLS" reps="$REPS" seconds="$SECONDS_PER_STEP" settle="$SETTLE_SECONDS" warmup="$WARMUP_SECONDS" \
  floor-seconds="$FLOOR_SECONDS" clock-ticks="$(getconf CLK_TCK)" results="$WORK/table.md" | tee -a "$WORK/results.txt"
{
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# SIPsocial relay's AES (jitsi-srtp benchmarks OpenSSL, SunJCE and BouncyCastle when it starts and keeps the fastest):"
  grep -h "AES benchmark\|Will employ" "$WORK/sipsocial-relay.log" | sed 's/^/#   /'
} | tee -a "$WORK/results.txt"

if [ "$PROFILE" = 1 ]; then
  # The recording covers steady forwarding only: it starts once the calls are set up and settled (each call's
  # first packets derive its SRTP contexts, a per-call cost) and ends before they close.
  echo
  echo "## Profile: SIPsocial's relay at $PROFILE_CALLS calls, $PROFILE_SECONDS s of steady forwarding (JFR, settings=profile)"
  thread_ticks() { for t in /proc/"$RELAY_PID"/task/*; do echo "$(cut -d'(' -f2 "$t/stat" | cut -d')' -f1 | tr ' ' _)-${t##*/}|$(cut -d')' -f2 "$t/stat" | awk '{print $12+$13}')"; done | sort; }
  java -Xms1g -Xmx1g -cp "$JAR" org.sipsocial.bench.media.MediaLoad \
    sipsocial-control=127.0.7.1:19001 sipsocial-pid="$RELAY_PID" sipsocial-lan=127.0.7.1 sipsocial-link=127.0.7.1:19000 \
    calls="$PROFILE_CALLS" reps=1 seconds=$((PROFILE_SECONDS + 10)) settle="$SETTLE_SECONDS" warmup=2 floor-seconds=1 \
    clock-ticks="$(getconf CLK_TCK)" > "$WORK/profile-run.txt" &
  LOAD_PID=$!
  for _ in $(seq 1 600); do grep -q "^relay" "$WORK/profile-run.txt" 2>/dev/null && break; sleep 0.1; done
  sleep $((SETTLE_SECONDS + 6))
  thread_ticks > "$WORK/threads-before.txt"
  jcmd "$RELAY_PID" JFR.start name=relay settings=profile filename="$WORK/sipsocial-relay.jfr" > /dev/null
  sleep "$PROFILE_SECONDS"
  jcmd "$RELAY_PID" JFR.stop name=relay > /dev/null
  thread_ticks > "$WORK/threads-after.txt"
  wait "$LOAD_PID"
  grep -v "^#" "$WORK/profile-run.txt" | head -3
  echo "CPU ticks of each relay thread during the recording ($(getconf CLK_TCK) per second):"
  join -t'|' "$WORK/threads-before.txt" "$WORK/threads-after.txt" | awk -F'|' '$3-$2>0 {print $3-$2 "  " $1}' | sort -rn | head -12
  python3 "$ROOT/bench/load/jfr-top.py" "$WORK/sipsocial-relay.jfr" | tee "$WORK/profile.md"
fi
