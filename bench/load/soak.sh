#!/usr/bin/env bash
# Soak (issue 16): a site run through the sipsocial launcher takes a steady rate of calls and registrations for
# MINUTES minutes (SIPp on loopback); every minute the script forces a full GC in the site (jcmd GC.run) and reads
# the heap used after it (jcmd GC.heap_info). At the end it prints the samples, the calls and registrations that
# succeeded and failed, and whether the heap after full GC stayed flat: the mean of the last three samples within
# 10 % (or 4 MB) of the mean of minutes 2 to 4 (the first minute is the JIT's and the caches' warm-up).
#
#   bench/load/soak.sh [MINUTES] [CALLS_PER_SECOND] [REGISTERS_PER_SECOND]      defaults: 10 20 50
#
# The calls are bench/load/call.xml's (INVITE with proxy authentication, 200, ACK, BYE), as compare-with-kamailio.sh
# makes them: the callers are registered at the port they call from, since a phone's requests inside a dialog (ACK,
# BYE) are taken only from the address it registered. (Before, the callers were not registered: their ACK was dropped
# and their BYE challenged, and SIPp counted the call on the INVITE's retransmitted 200.)
#
# Environment: WORK (default /tmp/sipsocial-soak), SIPSOCIAL_JAVA_OPTS (passed to the launcher). Needs sipp, jcmd,
# curl and the built jar (./mvnw -B -q package -DskipTests). Bounded: SIPp runs MINUTES minutes at the given rates.
set -euo pipefail
# Issue 15: the bench site says port-mapping = off, and a site that did not would refuse to start (TestRouterGuard).
export SIPSOCIAL_TEST_NO_ROUTER=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
minutes=${1:-10}; call_rate=${2:-20}; register_rate=${3:-50}
WORK=${WORK:-/tmp/sipsocial-soak}
site_ip=127.0.7.1; phones_ip=127.0.7.2
sip_port=27060; admin_port=28490; uas_port=27301; dead_port=27399; caller_port=27200
users=200; password=soak-password-16
rm -rf "$WORK" && mkdir -p "$WORK/logs" "$WORK/dist/server/target"
# The launcher and the jar are copied, so that a rebuild during the soak does not pull the jar from under the site.
cp "$root/sipsocial" "$WORK/dist/" && cp "$root/server/target/sipsocial.jar" "$WORK/dist/server/target/"
launcher="$WORK/dist/sipsocial"
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

printf 'soak measurement passphrase\n' > "$WORK/passphrase"
"$launcher" init --home "$WORK/site" --site theSmiths --passphrase-file "$WORK/passphrase" --bind "$site_ip" \
  --sip-port $sip_port --sips-port 27061 --link-port 27070 --admin-port $admin_port --digest-algorithms MD5,SHA-256 --port-mapping off \
  > "$WORK/logs/init.log" 2>&1
# One address sends every phone's traffic: lift the per-source flood limit out of the way.
sed -i "s/^flood-rate=.*/flood-rate=100000/; s/^media-ports=.*/media-ports=46100-46199/" "$WORK/site/site.properties"
grep -q '^flood-rate=' "$WORK/site/site.properties" || echo 'flood-rate=100000' >> "$WORK/site/site.properties"
"$launcher" run --home "$WORK/site" --passphrase-file "$WORK/passphrase" > "$WORK/logs/site.log" 2>&1 &
site=$!
pids=("$site")
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
for _ in $(seq 1 120); do grep -qs "is running" "$WORK/logs/site.log" && break; sleep 0.5; done
grep -q "is running" "$WORK/logs/site.log" || { cat "$WORK/logs/site.log" >&2; exit 1; }

token=$(cat "$WORK/site/admin.token")
for prefix in r a b; do
  for i in $(seq 1 $users); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"name\":\"$prefix$i\",\"password\":\"$password\"}" \
      "http://127.0.0.1:$admin_port/api/v1/users")
    [ "$code" = 201 ] || { echo "adding $prefix$i answered HTTP $code" >&2; exit 1; }
  done
done
auth() { echo "[authentication username=$1 password=$password]"; }
{ echo SEQUENTIAL; for i in $(seq 1 $users); do echo "r$i;$(auth "r$i");theSmiths;$dead_port"; done; } > "$WORK/register.csv"
{ echo SEQUENTIAL; for i in $(seq 1 $users); do echo "a$i;$(auth "a$i");theSmiths;b$i"; done; } > "$WORK/call.csv"
{ echo SEQUENTIAL; for i in $(seq 1 $users); do echo "b$i;$(auth "b$i");theSmiths;$uas_port"; done; } > "$WORK/callees.csv"
{ echo SEQUENTIAL; for i in $(seq 1 $users); do echo "a$i;$(auth "a$i");theSmiths;$caller_port"; done; } > "$WORK/callers.csv"
say "site pid $site with $((3 * users)) users; resident $(ps -o rss= -p "$site") kB"

seconds=$((minutes * 60))
sipp_common=(-t u1 -i "$phones_ip" -nostdin -buff_size 4194304 -recv_timeout 10000 -default_behaviors all,-abortunexp)
# sipp_run NAME SCENARIO CSV COUNT RATE [PORT]: runs in the background, its statistics in logs/NAME.stat.csv.
sipp_run() {
  local name=$1 scenario=$2 csv=$3 count=$4 rate=$5 port=${6:-0}
  timeout -k 5 $((seconds + 120)) sipp "$site_ip:$sip_port" -sf "$scenario" -inf "$csv" -m "$count" -r "$rate" \
    -p "$port" "${sipp_common[@]}" -trace_stat -stf "$WORK/logs/$name.stat.csv" -fd 10 \
    -trace_err -error_file "$WORK/logs/$name.errors.log" > /dev/null 2>&1 &
  pids+=("$!")
}
timeout -k 5 $((seconds + 180)) sipp "$site_ip:$sip_port" -sf "$here/answer.xml" -p $uas_port "${sipp_common[@]}" \
  -trace_stat -stf "$WORK/logs/uas.stat.csv" -fd 10 > /dev/null 2>&1 &
pids+=("$!")
timeout -k 5 60 sipp "$site_ip:$sip_port" -sf "$here/register.xml" -inf "$WORK/callees.csv" -m $users -r 100 \
  "${sipp_common[@]}" > /dev/null 2>&1 || { echo "registering the callees failed" >&2; exit 1; }
timeout -k 5 60 sipp "$site_ip:$sip_port" -sf "$here/register.xml" -inf "$WORK/callers.csv" -m $users -r 100 \
  -p $caller_port "${sipp_common[@]}" > /dev/null 2>&1 || { echo "registering the callers failed" >&2; exit 1; }
say "soak: ${minutes} min of $call_rate calls/s and $register_rate REGISTER/s"
sipp_run calls "$here/call.xml" "$WORK/call.csv" $((call_rate * seconds)) "$call_rate" $caller_port
callers=${pids[-1]}
sipp_run registers "$here/register.xml" "$WORK/register.csv" $((register_rate * seconds)) "$register_rate"
registrars=${pids[-1]}

printf 'minute\theap_used_after_full_gc_kB\tresident_kB\n' > "$WORK/heap.tsv"
for minute in $(seq 1 "$minutes"); do
  sleep 60
  jcmd "$site" GC.run > /dev/null
  used=$(jcmd "$site" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen/ && /used/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }')
  printf '%d\t%s\t%s\n' "$minute" "$used" "$(ps -o rss= -p "$site" | tr -d ' ')" >> "$WORK/heap.tsv"
  say "minute $minute: heap used after full GC ${used} kB, resident $(ps -o rss= -p "$site") kB"
done
wait "$callers" "$registrars" 2>/dev/null || true

# last_stat NAME: created successful failed, from SIPp's statistics file.
last_stat() {
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { c = $col["TotalCallCreated"]; s = $col["SuccessfulCall(C)"]; f = $col["FailedCall(C)"] }
    END { printf "%d created, %d successful, %d failed", c, s, f }' "$WORK/logs/$1.stat.csv"
}
echo "calls:         $(last_stat calls)"
echo "registrations: $(last_stat registers)"
cat "$WORK/heap.tsv"
awk -F'\t' 'NR > 1 { v[NR - 1] = $2; n = NR - 1 }
  END {
    if (n < 6) { print "too few samples to judge (need 6 minutes)"; exit }
    early = (v[2] + v[3] + v[4]) / 3; late = (v[n - 2] + v[n - 1] + v[n]) / 3
    growth = late - early
    flat = (growth <= early * 0.10 || growth <= 4096) ? "flat" : "NOT flat"
    printf "heap after full GC: minutes 2-4 %.0f kB, last three %.0f kB, growth %+.0f kB: %s\n", early, late, growth, flat
  }' "$WORK/heap.tsv"
