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
# python3 and the built jar (./mvnw -B -q package -DskipTests). Bounded: SIPp runs MINUTES minutes at the given rates.
# Set-up shared with memory.sh: site-setup.sh. Also prints the classes whose live bytes grew from minute 1 to the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/site-setup.sh"
minutes=${1:-10}; call_rate=${2:-20}; register_rate=${3:-50}
WORK=${WORK:-/tmp/sipsocial-soak}
site_ip=127.0.7.1; phones_ip=127.0.7.2
sip_port=27060; admin_port=28490; uas_port=27301; dead_port=27399; caller_port=27200
users=200; password=soak-password-16
rm -rf "$WORK" && mkdir -p "$WORK/logs"
site_dist "$WORK/dist"
site_start "$WORK/site" $site_ip $sip_port $admin_port 46100-46199 "$WORK/logs/site.log"
site=$site_pid
for prefix in r a b; do seq -f "$prefix%.0f" 1 $users; done | site_add_users $admin_port "$site_token" "$password"
phones_csv r $users "$password" $dead_port > "$WORK/register.csv"
phones_csv a $users "$password" 'b%d' > "$WORK/call.csv"
phones_csv b $users "$password" $uas_port > "$WORK/callees.csv"
phones_csv a $users "$password" $caller_port > "$WORK/callers.csv"
say "site pid $site with $((3 * users)) users; resident $(resident "$site") kB"

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

printf 'minute\theap_used_after_full_gc_kB\tresident_kB\tload1\n' > "$WORK/heap.tsv"
for minute in $(seq 1 "$minutes"); do
  sleep 60
  used=$(heap_after_gc "$site")
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '%d\t%s\t%s\t%s\n' "$minute" "$used" "$(resident "$site")" "$load" >> "$WORK/heap.tsv"
  say "minute $minute: heap used after full GC ${used} kB, resident $(resident "$site") kB, load $load"
  # What the heap holds by class, once warmed up and at the end: what grew, if anything did.
  if [ "$minute" = 1 ] || [ "$minute" = "$minutes" ]; then
    jcmd "$site" GC.class_histogram > "$WORK/logs/histogram-minute$minute.txt" 2>&1 || true
  fi
done
wait "$callers" "$registrars" 2>/dev/null || true

# last_stat NAME: created, successful, failed, from SIPp's statistics file.
last_stat() { sipp_stat "$WORK/logs/$1.stat.csv" | awk '{ printf "%d created, %d successful, %d failed", $1, $2, $3 }'; }
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
# The classes whose live bytes grew most from minute 1 to the last minute (both histograms after a full GC).
if [ "$minutes" -gt 1 ] && [ -s "$WORK/logs/histogram-minute$minutes.txt" ]; then
  echo "live bytes by class, minute 1 to minute $minutes, largest growth first:"
  awk 'FNR == NR && $1 ~ /^[0-9]+:$/ { before[$4] = $3; next } $1 ~ /^[0-9]+:$/ { after[$4] = $3 }
    END { for (c in after) printf "%+d\t%d\t%d\t%s\n", after[c] - before[c], before[c], after[c], c
          for (c in before) if (!(c in after)) printf "%+d\t%d\t0\t%s\n", -before[c], before[c], c }' \
    "$WORK/logs/histogram-minute1.txt" "$WORK/logs/histogram-minute$minutes.txt" | sort -gr | head -8
fi
