#!/usr/bin/env bash
# Steady state (issue 14): one site, one workload, long enough that what the site keeps for 32 s (RFC 3261 Timers J,
# L and M over UDP) is kept and let go at the rate it is made, and the site's CPU per 1,000 operations then, with the
# CPU of each of its threads; optionally a CPU profile of that window (async-profiler, collapsed stacks).
#
#   bench/load/steady.sh register|call [USERS] [RATE] [SECONDS]      defaults: 500 users, 4,000 REGISTER/s or
#                                                                    1,200 calls/s, 40 s (after a 20 s warm-up at half)
# Environment:
#   WORK                 where the site, the logs and the profile go (default /tmp/sipsocial-steady)
#   JAR                  the site's jar (default server/target/sipsocial.jar), to compare two builds one after the other
#   ASYNC_PROFILER       path of libasyncProfiler.so: attached (jcmd JVMTI.agent_load) for the measured window only,
#                        written to WORK/profile.collapsed. Maven Central serves it: tools.profiler:async-profiler:3.0
#                        (`./mvnw dependency:get -Dartifact=tools.profiler:async-profiler:3.0`, then unzip the jar from
#                        ~/.m2 and take linux-x64/libasyncProfiler.so).
#   ASYNC_EVENT          the profiler's event (default cpu; alloc for where the bytes are allocated)
#   ASYNC_INTERVAL       its sampling interval (default 997us; for alloc, bytes, e.g. 256k)
# Set-up shared with soak.sh and memory.sh: site-setup.sh. Needs sipp, jcmd, bc, python3. Bounded: SIPp runs a fixed
# count at a fixed rate, each run under a timeout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/site-setup.sh"
workload=${1:?register or call}
users=${2:-500}
case "$workload" in
  register) rate=${3:-4000} ;;
  call) rate=${3:-1200} ;;
  *) echo "workload: register or call, not $workload" >&2; exit 2 ;;
esac
seconds=${4:-40}
WORK=${WORK:-/tmp/sipsocial-steady}
site_ip=127.0.8.1; phones_ip=127.0.8.2
sip_port=29060; admin_port=29490; uas_port=29301; caller_port=29200; dead_port=29399
password=steady-password-14
rm -rf "$WORK" && mkdir -p "$WORK/logs"
site_dist "$WORK/dist"
[ -n "${JAR:-}" ] && cp "$JAR" "$WORK/dist/server/target/sipsocial.jar"
site_start "$WORK/site" $site_ip $sip_port $admin_port 47100-47199 "$WORK/logs/site.log"
site=$site_pid
common=(-t u1 -i "$phones_ip" -nostdin -buff_size 4194304 -recv_timeout 10000 -default_behaviors all,-abortunexp)
# run NAME SCENARIO CSV COUNT RATE [PORT]: SIPp in the foreground, its statistics in logs/NAME.csv.
run() {
  timeout -k 5 $(($4 / $5 + 60)) sipp "$site_ip:$sip_port" -sf "$here/$2" -inf "$3" -m "$4" -r "$5" -p "${6:-0}" \
    "${common[@]}" -trace_stat -stf "$WORK/logs/$1.csv" -fd 5 > /dev/null 2>&1 || true
}
if [ "$workload" = register ]; then
  seq -f "r%.0f" 1 "$users" | site_add_users $admin_port "$site_token" "$password"
  phones_csv r "$users" "$password" $dead_port > "$WORK/load.csv"
  port=0
else
  for prefix in a b; do seq -f "$prefix%.0f" 1 "$users"; done | site_add_users $admin_port "$site_token" "$password"
  phones_csv a "$users" "$password" 'b%d' > "$WORK/load.csv"
  phones_csv b "$users" "$password" $uas_port > "$WORK/callees.csv"
  phones_csv a "$users" "$password" $caller_port > "$WORK/callers.csv"
  timeout -k 5 $((seconds + 200)) sipp "$site_ip:$sip_port" -sf "$here/answer.xml" -p $uas_port "${common[@]}" \
    > /dev/null 2>&1 &
  pids+=("$!")
  run callees register.xml "$WORK/callees.csv" "$users" 100
  run callers register.xml "$WORK/callers.csv" "$users" 100 $caller_port
  port=$caller_port
fi
say "warm-up: 20 s of $workload at $((rate / 2))/s"
run warm-up "$workload.xml" "$WORK/load.csv" $((rate * 10)) $((rate / 2)) $port
sleep 3
threads() { for t in /proc/"$site"/task/*; do printf '%s|%s\n' "$(cat "$t/comm")" "$(awk '{ print $14 + $15 }' "$t/stat")"; done; }
threads > "$WORK/threads-before"
[ -n "${ASYNC_PROFILER:-}" ] && jcmd "$site" JVMTI.agent_load "$ASYNC_PROFILER" "\"start,event=${ASYNC_EVENT:-cpu},interval=${ASYNC_INTERVAL:-997us}\"" > /dev/null
before=$(awk '{ print $14 + $15 }' /proc/"$site"/stat)
say "measuring: $seconds s of $workload at $rate/s, $users users"
run measured "$workload.xml" "$WORK/load.csv" $((rate * seconds)) "$rate" $port
after=$(awk '{ print $14 + $15 }' /proc/"$site"/stat)
[ -n "${ASYNC_PROFILER:-}" ] && jcmd "$site" JVMTI.agent_load "$ASYNC_PROFILER" \
  "\"stop,file=$WORK/profile.collapsed,collapsed\"" > /dev/null
threads > "$WORK/threads-after"
read -r created ok failed < <(sipp_stat "$WORK/logs/measured.csv")
hz=$(getconf CLK_TCK)
echo "$workload, $users users, $rate/s for $seconds s: $ok of $created succeeded, $failed failed;" \
  "site CPU $(echo "scale=3; ($after - $before) / $hz" | bc) s, $(echo "scale=3; ($after - $before) / $hz * 1000 / ($ok + ($ok == 0))" | bc) s per 1,000"
python3 - "$WORK/threads-before" "$WORK/threads-after" <<'PY'
import collections, re, sys
def read(path):
    ticks = collections.Counter()
    for line in open(path):
        name, value = line.rstrip("\n").rsplit("|", 1)
        ticks[re.sub(r"(?<=[-#])\d+", "N", name)] += int(value)
    return ticks
before, after = read(sys.argv[1]), read(sys.argv[2])
spent = {name: after[name] - before[name] for name in after}
total = sum(spent.values()) or 1
for name, ticks in sorted(spent.items(), key=lambda item: -item[1])[:8]:
    print(f"  {name:<18} {100 * ticks / total:5.1f} %")
PY
