#!/usr/bin/env bash
# Measures a site's memory under a bounded UDP flood from one loopback address (issue 16): sets a site up in
# WORK, runs it through the sipsocial launcher with SIPSOCIAL_JAVA_OPTS, floods it with Flood.java, and prints
# the flood's numbers, the site's largest resident memory, its heap (jcmd) and its SIP counters.
#
#   bench/load/flood-memory.sh [FLOOD_RATE_SETTING] [SECONDS] [users|site|dialog]
#
# FLOOD_RATE_SETTING is the site's flood-rate (50, the default; 100000 lifts the per-source limit out of the way).
# Environment: WORK (default /tmp/sipsocial-flood), SITE_IP (127.0.6.1), FLOOD_IP (127.0.6.9), SIPSOCIAL_JAVA_OPTS.
set -euo pipefail
# Issue 15: the bench site says port-mapping = off, and a site that did not would refuse to start (TestRouterGuard).
export SIPSOCIAL_TEST_NO_ROUTER=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rate=${1:-50}; seconds=${2:-15}; kind=${3:-users}
WORK=${WORK:-/tmp/sipsocial-flood}; SITE_IP=${SITE_IP:-127.0.6.1}; FLOOD_IP=${FLOOD_IP:-127.0.6.9}
sip_port=25060; admin_port=28480
rm -rf "$WORK" && mkdir -p "$WORK"
printf 'flood measurement passphrase\n' > "$WORK/passphrase"
"$root/sipsocial" init --home "$WORK/site" --site theSmiths --passphrase-file "$WORK/passphrase" --bind "$SITE_IP" \
  --sip-port $sip_port --sips-port 25061 --link-port 25070 --admin-port $admin_port --port-mapping off > "$WORK/init.log" 2>&1
sed -i "s/^flood-rate=.*/flood-rate=$rate/; s/^media-ports=.*/media-ports=46000-46099/" "$WORK/site/site.properties"
"$root/sipsocial" run --home "$WORK/site" --passphrase-file "$WORK/passphrase" > "$WORK/site.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -qs "is running" "$WORK/site.log" && break; sleep 0.5; done
echo "site pid $pid, resident at start $(ps -o rss= -p $pid) kB"
( while kill -0 $pid 2>/dev/null; do ps -o rss= -p $pid; sleep 0.2; done ) > "$WORK/rss.txt" &
java "$here/Flood.java" "$FLOOD_IP" "$SITE_IP" $sip_port "$seconds" 5000000 "$kind"
sleep 5
echo "largest resident $(sort -n "$WORK/rss.txt" | tail -1) kB; now $(ps -o rss= -p $pid) kB"
jcmd $pid GC.heap_info | sed -n 2,3p
curl -s -H "Authorization: Bearer $(cat "$WORK/site/admin.token")" "http://127.0.0.1:$admin_port/api/v1/metrics" \
  | grep -E '^(sip_transport_messages_(received|sent)_total|sipsocial_flood_(blocks|dropped)_total|sipsocial_transactions)'
echo "block log lines: $(grep -c 'blocking' "$WORK/site.log" || true)"
