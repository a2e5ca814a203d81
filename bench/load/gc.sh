#!/usr/bin/env bash
# GC choice (issue 14): the same site under the same load with each collector, interleaved in one session. One site
# per collector runs through a copy of the sipsocial launcher (its heap settings, then -XX:+Use<Collector>GC and a GC
# log), all at once on loopback; each repeat measures every collector under REGISTER, then every collector under
# calls, in an order that rotates from repeat to repeat, so that a busy neighbour or the machine's drift hits all
# alike. A measurement is RUN_SECONDS of SIPp at the rate (with -trace_rtt) plus the drain after it: the CPU the site
# goes on spending until it is idle again (below 5 % of a core over 2 s, at most QUIESCE_SECONDS), as in
# compare-with-kamailio.sh's fixed rates. It reports, medians of REPEATS:
#   CPU s per 1,000 operations (utime + stime of the site's JVM, /proc/PID/stat, step and drain),
#   p50 and p99 answer latency (SIPp's response-time: authenticated REGISTER to its 200, authenticated INVITE to its
#   200 through the proxy and the answering SIPp), and the GC pauses logged during the measurement (-Xlog:gc: the
#   "Pause" lines; G1's concurrent phases are not pauses): their total and the longest.
#
#   bench/load/gc.sh [COLLECTOR...]            default: G1 Parallel Serial
#
# Environment: REGISTER_RATE (4000), CALL_RATE (1200), USERS (500 per role: r registers, a calls b), RUN_SECONDS (6),
# REPEATS (3), WARMUP_SECONDS (20, both workloads, each site), QUIESCE_SECONDS (40), WORK (/tmp/sipsocial-gc),
# SIPSOCIAL_JAVA_OPTS (for every site, before the collector). Needs sipp, jcmd, python3, bc and the built jar.
# Bounded: every SIPp has a timeout; about 11 minutes at the defaults on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/site-setup.sh"
collectors=("$@"); [ ${#collectors[@]} -gt 0 ] || collectors=(G1 Parallel Serial)
REGISTER_RATE=${REGISTER_RATE:-4000}; CALL_RATE=${CALL_RATE:-1200}; USERS=${USERS:-500}; SECONDS_RUN=${RUN_SECONDS:-6}
REPEATS=${REPEATS:-3}; WARMUP_SECONDS=${WARMUP_SECONDS:-20}; QUIESCE_SECONDS=${QUIESCE_SECONDS:-40}
WORK=${WORK:-/tmp/sipsocial-gc}
phones_ip=127.0.9.200; password=gc-password-14
CLK_TCK=$(getconf CLK_TCK)
rm -rf "$WORK" && mkdir -p "$WORK/logs"
site_dist "$WORK/dist"

# Site k (from 1): address 127.0.9.k, SIP 31k60, admin 31k90; its callers call from 31k20, its callees answer on 31k30.
declare -A pid ip sip caller_port
k=0
for gc in "${collectors[@]}"; do
  k=$((k + 1)); base=$((31000 + 100 * k))
  ip[$gc]=127.0.9.$k; sip[$gc]=$((base + 60)); caller_port[$gc]=$((base + 20)); uas_port=$((base + 30))
  site_start "$WORK/site-$gc" "${ip[$gc]}" "${sip[$gc]}" $((base + 90)) $((46200 + 100 * k))-$((46299 + 100 * k)) \
    "$WORK/logs/site-$gc.log" "${SIPSOCIAL_JAVA_OPTS:-} -XX:+Use${gc}GC -Xlog:gc:file=$WORK/logs/gc-$gc.log:uptime"
  pid[$gc]=$site_pid
  { seq -f 'r%.0f' 1 "$USERS"; seq -f 'a%.0f' 1 "$USERS"; seq -f 'b%.0f' 1 "$USERS"; } \
    | site_add_users $((base + 90)) "$site_token" "$password"
  phones_csv b "$USERS" "$password" $uas_port > "$WORK/callees-$gc.csv"
  say "site $gc: pid ${pid[$gc]} on ${ip[$gc]}:${sip[$gc]}, $((3 * USERS)) users; $(grep -m1 -o 'Using [A-Za-z0-9]*' "$WORK/logs/gc-$gc.log")"
done
phones_csv r "$USERS" "$password" 0 > "$WORK/register.csv"
phones_csv a "$USERS" "$password" 'b%d' > "$WORK/call.csv"

sipp_common=(-t u1 -i "$phones_ip" -nostdin -buff_size 4194304 -recv_timeout 5000 -default_behaviors all,-abortunexp)
# run_sipp GC NAME SCENARIO CSV COUNT RATE [SIPP OPTIONS...]: in logs/NAME/; prints "created successful failed".
run_sipp() {
  local gc=$1 name=$2 scenario=$3 csv=$4 count=$5 rate=$6; shift 6
  mkdir -p "$WORK/logs/$name"
  (cd "$WORK/logs/$name" && timeout -k 5 $((count / rate + 40)) sipp "${ip[$gc]}:${sip[$gc]}" -sf "$scenario" \
    -inf "$csv" -m "$count" -r "$rate" -p "${caller_port[$gc]}" "${sipp_common[@]}" "$@" -trace_stat -stf stat.csv \
    -fd 1 -trace_err -error_file errors.log > /dev/null 2>&1) || true
  sipp_stat "$WORK/logs/$name/stat.csv" 2>/dev/null || echo "0 0 0"
}
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# Waits until the site spends below 5 % of a core over 2 s, at most QUIESCE_SECONDS; prints the seconds waited.
quiesce() {
  local waited=0 before after
  while [ "$waited" -lt "$QUIESCE_SECONDS" ]; do
    before=$(cpu_ticks "$1"); sleep 2; waited=$((waited + 2)); after=$(cpu_ticks "$1")
    [ $(( (after - before) * 100 )) -lt $(( 2 * CLK_TCK * 5 )) ] && break
  done
  echo "$waited"
}

for gc in "${collectors[@]}"; do
  uas_port=$(( ${caller_port[$gc]} + 10 ))
  timeout -k 5 3600 sipp "${ip[$gc]}:${sip[$gc]}" -sf "$here/answer.xml" -p $uas_port "${sipp_common[@]}" \
    -recv_timeout 10000 -trace_stat -stf "$WORK/logs/uas-$gc.stat.csv" -fd 10 > /dev/null 2>&1 &
  pids+=("$!")
  read -r _ ok _ < <(run_sipp "$gc" "callees-$gc" "$here/register.xml" "$WORK/callees-$gc.csv" "$USERS" 200)
  [ "$ok" = "$USERS" ] || { echo "registering the callees on $gc: $ok of $USERS" >&2; exit 1; }
  phones_csv a "$USERS" "$password" "${caller_port[$gc]}" > "$WORK/callers-$gc.csv"
  read -r _ ok _ < <(run_sipp "$gc" "callers-$gc" "$here/register.xml" "$WORK/callers-$gc.csv" "$USERS" 200)
  [ "$ok" = "$USERS" ] || { echo "registering the callers on $gc: $ok of $USERS" >&2; exit 1; }
  say "warm-up of $gc: ${WARMUP_SECONDS} s of REGISTER at 1000/s, ${WARMUP_SECONDS} s of calls at 400/s"
  run_sipp "$gc" "warmup-register-$gc" "$here/register.xml" "$WORK/register.csv" $((1000 * WARMUP_SECONDS)) 1000 > /dev/null
  run_sipp "$gc" "warmup-call-$gc" "$here/call.xml" "$WORK/call.csv" $((400 * WARMUP_SECONDS)) 400 > /dev/null
done

TSV="$WORK/gc.tsv"
printf 'collector\tworkload\trate\trepeat\tcalls\tsuccessful\tfailed\tcpu_s\tdrain_s\tper1k\tp50_ms\tp99_ms\tpauses\tpause_total_ms\tpause_max_ms\tload1\tclock\n' > "$TSV"
# measure GC WORKLOAD RATE REPEAT: one measurement, appended to gc.tsv.
measure() {
  local gc=$1 workload=$2 rate=$3 repeat=$4 name count before after lines created ok failed drained
  name="$workload-$gc-$repeat"; count=$((rate * SECONDS_RUN))
  quiesce "${pid[$gc]}" > /dev/null
  before=$(cpu_ticks "${pid[$gc]}"); lines=$(wc -l < "$WORK/logs/gc-$gc.log")
  read -r created ok failed < <(run_sipp "$gc" "$name" "$here/$workload.xml" "$WORK/$workload.csv" "$count" "$rate" \
    -trace_rtt -rtt_freq 1)
  drained=$(quiesce "${pid[$gc]}")
  after=$(cpu_ticks "${pid[$gc]}")
  cat "$WORK/logs/$name"/*_rtt.csv 2>/dev/null | awk -F';' '$2 ~ /^[0-9.]+$/ { print $2 }' | sort -n > "$WORK/logs/$name/times"
  tail -n +$((lines + 1)) "$WORK/logs/gc-$gc.log" | grep ' Pause ' > "$WORK/logs/$name/pauses" || true
  awk -v g="$gc" -v w="$workload" -v r="$rate" -v rep="$repeat" -v n="$count" -v ok="$ok" -v f="$failed" \
    -v a="$before" -v b="$after" -v d="$drained" -v hz="$CLK_TCK" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    -v clock="$(date -u +%H:%M:%S)" -v pauses="$WORK/logs/$name/pauses" '
    function pct(p,   i) { i = int(NR * p); if (i < 1) i = 1; return t[i] }
    { t[NR] = $1 }
    END {
      while ((getline line < pauses) > 0) { if (match(line, /[0-9.]+ms$/)) { ms = substr(line, RSTART, RLENGTH - 2) + 0
        np++; total += ms; if (ms > max) max = ms } }
      cpu = (b - a) / hz
      printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.2f\t%d\t%.3f\t%.2f\t%.2f\t%d\t%.1f\t%.1f\t%s\t%s\n", g, w, r, rep, n, ok,
        n - ok, cpu, d, (ok > 0 ? cpu * 1000 / ok : 0), (NR ? pct(0.50) : -1), (NR ? pct(0.99) : -1), np, total, max, load, clock }' \
    "$WORK/logs/$name/times" >> "$TSV"
  say "$(tail -1 "$TSV" | awk -F'\t' '{ printf "%s %s %s/s #%s: %s/%s ok, %.3f CPU s/1k, p50 %s ms, p99 %s ms, %s pauses %s ms (max %s), load %s",
    $1, $2, $3, $4, $6, $5, $10, $11, $12, $13, $14, $15, $16 }')"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
n=${#collectors[@]}
for repeat in $(seq 1 "$REPEATS"); do
  for workload in register call; do
    rate=$([ "$workload" = register ] && echo "$REGISTER_RATE" || echo "$CALL_RATE")
    for i in $(seq 0 $((n - 1))); do
      measure "${collectors[$(( (i + repeat - 1) % n ))]}" "$workload" "$rate" "$repeat"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "| collector | workload | rate (/s) | CPU s per 1k (median) | p50 ms | p99 ms (median) | GC pauses per run | pause total ms per run | longest pause ms | failed (all repeats) | CPU s per 1k, each repeat |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  tail -n +2 "$TSV" | awk -F'\t' '
    function median(list,   a, n, i, j, t) { n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    { k = $2 "\t" $1; if (!(k in seen)) { seen[k] = 1; order[++m] = k; rate[k] = $3 }
      cpu[k] = cpu[k] " " $10; p50[k] = p50[k] " " $11; p99[k] = p99[k] " " $12; np[k] = np[k] " " $13
      pt[k] = pt[k] " " $14; if ($15 > pm[k]) pm[k] = $15; failed[k] += $7 }
    END { for (i = 1; i <= m; i++) { k = order[i]; split(k, f, "\t")
        printf "| %s | %s | %s | %.3f | %.2f | %.2f | %s | %.1f | %.1f | %d |%s |\n", f[2], f[1], rate[k], median(cpu[k]),
          median(p50[k]), median(p99[k]), median(np[k]), median(pt[k]), pm[k], failed[k], cpu[k] } }'
  echo
  echo "Medians of $REPEATS runs of ${SECONDS_RUN} s each plus the drain; longest pause over all repeats. Load average"
  echo "(1, 5, 15 min) before: $load_before; after: $load_after."
} > "$WORK/gc.md"
cat "$WORK/gc.md"
