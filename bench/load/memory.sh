#!/usr/bin/env bash
# Memory (issue 14): what a site's heap holds per registered contact and per call in progress, and its resident
# memory when idle. A site runs through the sipsocial launcher (its shipped heap and GC settings, plus
# SIPSOCIAL_JAVA_OPTS); SIPp on loopback fills it, and after each phase the script forces a full GC (jcmd GC.run)
# and reads the heap used after it (jcmd GC.heap_info) and the resident set (ps).
#
#   bench/load/memory.sh [CONTACTS] [CALLS]          defaults: 100000 10000
#
# Phases:
#   idle      the site with its users, nothing registered: heap after full GC, resident memory.
#   contacts  CONTACTS bindings, 16 per user (the site's limit per user), each with a Contact of its own port,
#             registered with digest at 2,000/s; the registrar's gauge must show them all.
#   calls     CALLS authenticated, record-routed calls (bench/load/call.xml's, held HOLD_S seconds before the BYE)
#             set up at CALL_RATE a second by 500 registered callers to 500 registered callees, so that all CALLS
#             are in progress at once; the site's activity must list them all. Each phase is sampled once the
#             transactions that set it up are gone (32 s, Timers J, L and M). Then they hang up.
#   after     everything hung up and the transactions' 32 s (Timer J/L/M) gone: heap after full GC again.
# Per contact = (contacts - idle) / CONTACTS; per call = (calls - after) / CALLS, against the heap once every call
# hung up (the contacts phase still holds what registering left, such as nonces). SIPp's failures are printed.
#
# Environment: WORK (default /tmp/sipsocial-memory), SIPSOCIAL_JAVA_OPTS, CALL_RATE (default 250), HOLD_S (default
# 90; more than the 32 s the sample waits after the last call is set up). Set-up shared with soak.sh: site-setup.sh.
# Needs sipp, jcmd, curl, python3 and the built jar (./mvnw -B -q package -DskipTests). Bounded: every SIPp has
# a timeout; the whole run takes about 6 minutes at the defaults.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/site-setup.sh"
contacts=${1:-100000}; calls=${2:-10000}
WORK=${WORK:-/tmp/sipsocial-memory}; CALL_RATE=${CALL_RATE:-250}; HOLD_S=${HOLD_S:-90}
site_ip=127.0.8.1; phones_ip=127.0.8.2
sip_port=29060; admin_port=28500; uas_port=29301; caller_port=29200
per_user=16; pairs=500; password=memory-password-14
registering=$(( (contacts + per_user - 1) / per_user ))
rm -rf "$WORK" && mkdir -p "$WORK/logs"
site_dist "$WORK/dist"
site_start "$WORK/site" $site_ip $sip_port $admin_port 46200-46299 "$WORK/logs/site.log"
site=$site_pid
api() { curl -s -H "Authorization: Bearer $site_token" "http://127.0.0.1:$admin_port/api/v1/$1"; }

# Users: r1..rN register, a1..a500 call, b1..b500 answer.
say "adding $registering registering users and $pairs pairs"
{ seq -f 'r%.0f' 1 "$registering"; seq -f 'a%.0f' 1 $pairs; seq -f 'b%.0f' 1 $pairs; } \
  | site_add_users $admin_port "$site_token" "$password"

printf 'phase\theap_used_after_full_gc_kB\tresident_kB\n' > "$WORK/memory.tsv"
sample() { local h; h=$(heap_after_gc "$site"); printf '%s\t%s\t%s\n' "$1" "$h" "$(resident "$site")" >> "$WORK/memory.tsv"; say "$1: heap after full GC $h kB, resident $(resident "$site") kB"; }
sleep 5
sample idle

sipp_common=(-t u1 -i "$phones_ip" -nostdin -buff_size 4194304 -recv_timeout 20000 -default_behaviors all,-abortunexp)
# sipp_run NAME SCENARIO CSV COUNT RATE PORT LIMIT_S [background]: statistics in logs/NAME.stat.csv.
sipp_run() {
  local name=$1 scenario=$2 csv=$3 count=$4 rate=$5 port=$6 limit=$7
  timeout -k 5 "$limit" sipp "$site_ip:$sip_port" -sf "$scenario" -inf "$csv" -m "$count" -r "$rate" -p "$port" \
    "${sipp_common[@]}" -trace_stat -stf "$WORK/logs/$name.stat.csv" -fd 5 \
    -trace_err -error_file "$WORK/logs/$name.errors.log" > /dev/null 2>&1
}
last_stat() { sipp_stat "$WORK/logs/$1.stat.csv"; }

# --- contacts: user r(k / 16 + 1), Contact port 30000 + k % 16.
awk -v n="$contacts" -v per="$per_user" -v pw="$password" 'BEGIN { print "SEQUENTIAL"
  for (k = 0; k < n; k++) { u = "r" int(k / per) + 1; printf "%s;[authentication username=%s password=%s];theSmiths;%d\n", u, u, pw, 30000 + k % per } }' \
  > "$WORK/contacts.csv"
say "registering $contacts contacts"
sipp_run contacts "$here/register.xml" "$WORK/contacts.csv" "$contacts" 2000 0 $((contacts / 1000 + 120)) || true
read -r created ok failed < <(last_stat contacts)
bindings=$(api metrics | awk '/^sipsocial_registrations_contacts / { printf "%d", $2 }')
say "contacts: $ok of $created registered, $failed failed; the registrar holds $bindings"
# The REGISTER transactions linger 32 s (RFC 3261 Timer J over UDP): past that only the bindings remain.
sleep 35
sample contacts

# --- calls: callers and callees registered, then CALLS calls held HOLD_S s each.
phones_csv b $pairs "$password" $uas_port > "$WORK/callees.csv"
phones_csv a $pairs "$password" $caller_port > "$WORK/callers.csv"
phones_csv a $pairs "$password" 'b%d' > "$WORK/call.csv"
sed "s|<pause milliseconds=\"100\"/>|<pause milliseconds=\"$((HOLD_S * 1000))\"/>|" "$here/call.xml" > "$WORK/call-held.xml"
grep -q "milliseconds=\"$((HOLD_S * 1000))\"" "$WORK/call-held.xml" || { echo "call.xml has no 100 ms pause to stretch" >&2; exit 1; }
setup_s=$(( (calls + CALL_RATE - 1) / CALL_RATE ))
limit=$((setup_s + HOLD_S + 120))
# The callees' phone waits for each BYE as long as the call is held (after sipp_common's receive timeout, which wins).
timeout -k 5 "$limit" sipp "$site_ip:$sip_port" -sf "$here/answer.xml" -p $uas_port "${sipp_common[@]}" \
  -recv_timeout $(( (HOLD_S + 30) * 1000 )) -trace_stat -stf "$WORK/logs/uas.stat.csv" -fd 5 > /dev/null 2>&1 &
pids+=("$!")
sipp_run callees "$here/register.xml" "$WORK/callees.csv" $pairs 200 0 60 || { echo "registering the callees failed" >&2; exit 1; }
sipp_run callers "$here/register.xml" "$WORK/callers.csv" $pairs 200 $caller_port 60 || { echo "registering the callers failed" >&2; exit 1; }
say "calls: $calls at $CALL_RATE/s, each held ${HOLD_S} s"
sipp_run calls "$WORK/call-held.xml" "$WORK/call.csv" "$calls" "$CALL_RATE" $caller_port "$limit" &
callers=$!
pids+=("$callers")
# Sampled once the last call's INVITE transactions are gone (Timer L/M, 32 s): what a call in progress keeps.
sleep $((setup_s + 35))
in_progress=$(api activity | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["calls"]))')
say "calls in progress on the site: $in_progress"
sample calls
wait "$callers" || true
read -r ccreated cok cfailed < <(last_stat calls)
say "calls: $cok of $ccreated succeeded, $cfailed failed"
sleep 35
sample after

echo
echo "contacts: $ok of $created registered, $failed failed; registrar gauge $bindings"
echo "calls:    $cok of $ccreated succeeded, $cfailed failed; $in_progress in progress at once"
cat "$WORK/memory.tsv"
awk -F'\t' -v n="$contacts" -v c="$in_progress" 'NR > 1 { h[$1] = $2; r[$1] = $3 }
  END {
    printf "idle: heap after full GC %.1f MB, resident %.1f MB\n", h["idle"] / 1024, r["idle"] / 1024
    printf "per registered contact: %.0f bytes of heap (with what registering left: nonces, saves)\n", (h["contacts"] - h["idle"]) * 1024 / n
    if (c > 0) printf "per call in progress: %.0f bytes of heap (against the heap once they hung up)\n", (h["calls"] - h["after"]) * 1024 / c
    printf "after hang-up: heap after full GC %.1f MB\n", h["after"] / 1024
  }' "$WORK/memory.tsv"
