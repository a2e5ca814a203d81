#!/usr/bin/env bash
# Load benchmark: SIPsocial against Kamailio, same machine, same run, equivalent configuration.
#
# For each server (a SIPsocial site; Kamailio 5.x with bench/load/kamailio.cfg.template) and each workload
# (an authenticated REGISTER: REGISTER/401/REGISTER/200; a call through the record-routing proxy:
# INVITE/407/ACK/INVITE/100/180/200/ACK/BYE/200), SIPp steps the rate up. A step is sustained when every call of
# it succeeded (none failed, none missing) and SIPp kept pace (the step ended within STEP_SECONDS +
# SLACK_SECONDS). A step that is not sustained is run once more (RETRIES=1: the machine is shared, and one stray
# stall should not end a ramp); the ramp of that server and workload stops when no attempt was sustained.
# The server's CPU time (utime + stime from /proc/PID/stat; for Kamailio summed over all its processes) is read
# before and after each step: CPU seconds per 1,000 operations (an operation = one registration or one call).
# Before the ramps, both servers are measured at one fixed rate per workload (4,000 REGISTER/s, 1,200 calls/s),
# with USERS distinct users and with one pair, alternately, FIXED_REPEATS times: medians of CPU s per 1,000.
#
# Run from the repository root after `./mvnw -B -q package -DskipTests`:
#   bench/load/compare-with-kamailio.sh                      (about 30 minutes on 2 vCPUs; RAMP=0: about 20)
#   PROFILE=1 RESULTS_DIR=/tmp/load bench/load/compare-with-kamailio.sh
# Knobs (environment):
#   RATES, RETRIES, STEP_SECONDS, SLACK_SECONDS   the ramp
#   WARMUP_SECONDS, WARMUP_REGISTER_RATE,          warm-up before measuring (the JVM's JIT), both servers alike:
#   WARMUP_CALL_RATE                              20 s of REGISTER at 2,000/s, then of calls at 600/s
#   USERS                                         users per role (registering, calling, called); default 500
#   FIXED=1, FIXED_REGISTER_RATE, FIXED_CALL_RATE  before the ramps, CPU per 1,000 operations at one fixed rate
#   FIXED_SECONDS, FIXED_REPEATS                  (4,000 REGISTER/s, 1,200 calls/s, 40 s each: longer than the 32 s
#                                                 that RFC 3261 Timers J, L and M keep state, so that keeping it and
#                                                 letting it go are part of the rate measured) for both servers, with USERS
#                                                 distinct users and with one pair; FIXED_REPEATS runs, medians
#   FIXED_WORKLOADS                               which of them (default "register call")
#   RAMP=0                                        skip the ramps to the highest sustained rate (and the latencies)
#   LATENCY=0                                     skip the latencies at 50 % and 90 % of each highest sustained rate
#   JAR                                           the site to measure (default server/target/sipsocial.jar)
#   KAMAILIO_CHILDREN                             Kamailio's UDP worker processes (default 2 = the cores here)
#   BASE_PORT                                     first of the loopback ports used (default 25060)
#   TRANSPORT                                     udp (default), tcp or tls: every SIPp (callers, callees,
#                                                 registrations) over one connection each (-t t1), Kamailio listening
#                                                 on TCP or TLS. With tls, SIPp (which Debian builds without TLS)
#                                                 reaches each server through its own stunnel4 client, which pins the
#                                                 server's certificate; Kamailio's tls module (Debian
#                                                 kamailio-tls-modules) has a self-signed P-256 certificate. The
#                                                 callees' phone registers them over its own connection and is called
#                                                 over it (a site never dials a phone over TLS; Kamailio keeps the
#                                                 connection's address with nathelper, as for phones behind NAT).
#   UDP_SOCKETS                                   one (default): each SIPp over one UDP socket (-t u1), so that every
#                                                 phone of a role shares one source port; per-call: a socket per call
#                                                 (-t un), as many phones each with their own port send (the callees'
#                                                 phone keeps one socket, where their Contacts point)
#   SIPSOCIAL_JAVA_OPTS                           JVM options of the site, after the launcher's own (sipsocial)
#   QUIESCE_SECONDS, MAX_SECONDS                  wait for an idle server before a ramp; time budget of the ramps
#   RESULTS_DIR                                   keep the table, the step details and all logs there
#   PROFILE=1                                     after the ramps, a JFR recording of the site under each workload
#                                                 (PROFILE_REGISTER_RATE, PROFILE_CALL_RATE, PROFILE_SECONDS),
#                                                 summarised by bench/load/jfr-top.py, with the CPU time of each
#                                                 JVM thread during the step (/proc/PID/task) and a class histogram
# Everything runs on 127.0.0.1; every process it starts is stopped and its temporary folder removed on exit.
set -euo pipefail
# Issue 15: the bench site says port-mapping = off, and a site that did not would refuse to start (TestRouterGuard).
export SIPSOCIAL_TEST_NO_ROUTER=1

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
HERE="$ROOT/bench/load"
JAR=${JAR:-"$ROOT/server/target/sipsocial.jar"}

RATES=${RATES:-"200 400 800 1200 1600 2000 2500 3000 4000 5000 6000 8000"}
RETRIES=${RETRIES:-1}
STEP_SECONDS=${STEP_SECONDS:-6}
SLACK_SECONDS=${SLACK_SECONDS:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
WARMUP_REGISTER_RATE=${WARMUP_REGISTER_RATE:-2000}
WARMUP_CALL_RATE=${WARMUP_CALL_RATE:-600}
USERS=${USERS:-500}
RAMP=${RAMP:-1}
FIXED=${FIXED:-1}
FIXED_REGISTER_RATE=${FIXED_REGISTER_RATE:-4000}
FIXED_CALL_RATE=${FIXED_CALL_RATE:-1200}
FIXED_SECONDS=${FIXED_SECONDS:-40}
FIXED_REPEATS=${FIXED_REPEATS:-3}
FIXED_WORKLOADS=${FIXED_WORKLOADS:-"register call"}
KAMAILIO_CHILDREN=${KAMAILIO_CHILDREN:-2}
BASE_PORT=${BASE_PORT:-25060}
MAX_SECONDS=${MAX_SECONDS:-600}
QUIESCE_SECONDS=${QUIESCE_SECONDS:-40}
PROFILE=${PROFILE:-0}
LATENCY=${LATENCY:-1}
PROFILE_REGISTER_RATE=${PROFILE_REGISTER_RATE:-2000}
TRANSPORT=${TRANSPORT:-udp}
case "$TRANSPORT" in
  udp) SIPP_TRANSPORT=$([ "${UDP_SOCKETS:-one}" = per-call ] && echo un || echo u1) ;;
  tcp) SIPP_TRANSPORT=t1 ;;
  tls) SIPP_TRANSPORT=t1 ;;
  *) echo "compare-with-kamailio: TRANSPORT is udp, tcp or tls, not $TRANSPORT" >&2; exit 2 ;;
esac
PROFILE_CALL_RATE=${PROFILE_CALL_RATE:-400}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
SITE=theSmiths
PASSWORD=load-secret-1

SITE_SIP=$BASE_PORT
SITE_SIPS=$((BASE_PORT + 1))
SITE_LINK=$((BASE_PORT + 10))
SITE_ADMIN=$((BASE_PORT + 20))
KAM_SIP=$((BASE_PORT + 100))
UAC_PORT=$((BASE_PORT + 200))
UAS_PORT_SITE=$((BASE_PORT + 301))
UAS_PORT_KAM=$((BASE_PORT + 302))
DEAD_PORT=$((BASE_PORT + 399))
TUNNEL_SITE=$((BASE_PORT + 401))
TUNNEL_KAM=$((BASE_PORT + 402))

for tool in java sipp curl awk bc ss; do
  command -v "$tool" >/dev/null || { echo "compare-with-kamailio: $tool is not installed" >&2; exit 2; }
done
KAMAILIO=${KAMAILIO:-$(command -v kamailio || echo /usr/sbin/kamailio)}
[ -x "$KAMAILIO" ] || { echo "compare-with-kamailio: kamailio is not installed (Debian package kamailio)" >&2; exit 2; }
if [ "$TRANSPORT" = tls ]; then
  for tool in stunnel4 openssl; do
    command -v "$tool" >/dev/null || { echo "compare-with-kamailio: $tool is not installed (TRANSPORT=tls)" >&2; exit 2; }
  done
  [ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ] \
    || { echo "compare-with-kamailio: Kamailio's tls module is not installed (Debian package kamailio-tls-modules)" >&2; exit 2; }
fi
[ -f "$JAR" ] || { echo "compare-with-kamailio: $JAR is missing; run ./mvnw -B -q package -DskipTests" >&2; exit 2; }

WORK=$(mktemp -d /tmp/sipsocial-load.XXXXXX)
LOGS="$WORK/logs"
mkdir -p "$LOGS"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ -n "${RESULTS_DIR:-}" ]; then
    mkdir -p "$RESULTS_DIR"
    cp -r "$LOGS" "$RESULTS_DIR/" 2>/dev/null || true
    cp "$WORK"/*.md "$WORK"/*.tsv "$RESULTS_DIR/" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
START_EPOCH=$(date +%s)
elapsed() { echo $(( $(date +%s) - START_EPOCH )); }

CLK_TCK=$(getconf CLK_TCK)
# utime + stime, in clock ticks, of the given processes (the fields after the parenthesised command name).
cpu_ticks() {
  local total=0 pid fields
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    fields=$(sed 's/^.*) //' "/proc/$pid/stat")
    total=$(( total + $(echo "$fields" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}
# Datagrams the kernel dropped for a full socket receive buffer, machine-wide (/proc/net/snmp Udp RcvbufErrors).
udp_drops() {
  awk '/^Udp:/ { n++; if (n == 1) { for (i = 1; i <= NF; i++) c[$i] = i } else { print $c["RcvbufErrors"] } }' /proc/net/snmp
}
# CPU ticks (user, system) per thread name of a process, numbered threads folded: "name<TAB>user<TAB>system".
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    [ -r "$task/stat" ] || continue
    printf '%s\t%s\n' "$(tr -d '\n' < "$task/comm")" "$(sed 's/^.*) //' "$task/stat" | awk '{print $12 "\t" $13}')"
  done | awk -F'\t' '{ name = $1; gsub(/-[0-9]+/, "-N", name); gsub(/#[0-9]+/, "#N", name); u[name] += $2; s[name] += $3 }
    END { for (n in u) printf "%s\t%d\t%d\n", n, u[n], s[n] }' | sort -t "$(printf '\t')" -k1,1
}
# The per-thread CPU of a step as a markdown table, from two thread_ticks snapshots.
thread_table() {
  echo "| thread | user CPU s | system CPU s | share |"
  echo "|---|---:|---:|---:|"
  join -t "$(printf '\t')" "$1" "$2" | awk -F'\t' -v hz="$CLK_TCK" '
    { u = ($4 - $2) / hz; s = ($5 - $3) / hz; if (u + s > 0) { name[++n] = $1; uu[n] = u; ss[n] = s; total += u + s } }
    END { for (i = 1; i <= n; i++) printf "%s\t%.2f\t%.2f\t%.1f\n", name[i], uu[i], ss[i], 100 * (uu[i] + ss[i]) / total }' \
    | sort -t "$(printf '\t')" -k4,4 -gr | awk -F'\t' '{ printf "| %s | %s | %s | %s%% |\n", $1, $2, $3, $4 }'
}
kamailio_pids() { echo "$KAM_PID"; pgrep -P "$KAM_PID" || true; }
server_pids() { if [ "$1" = sipsocial ]; then echo "$SITE_PID"; else kamailio_pids; fi; }
# Where SIPp sends: the server's port, or with TRANSPORT=tls the stunnel client in front of it.
server_port() {
  if [ "$TRANSPORT" = tls ]; then
    if [ "$1" = sipsocial ]; then echo "$TUNNEL_SITE"; else echo "$TUNNEL_KAM"; fi
  elif [ "$1" = sipsocial ]; then echo "$SITE_SIP"; else echo "$KAM_SIP"; fi
}

# --- injection files: rN register (Contact on an unused port), aN call, bN are called (Contact on the UAS).
auth() { echo "[authentication username=$1 password=$PASSWORD]"; }
{ echo SEQUENTIAL; for i in $(seq 1 "$USERS"); do echo "r$i;$(auth "r$i");$SITE;$DEAD_PORT"; done; } > "$WORK/register.csv"
{ echo SEQUENTIAL; for i in $(seq 1 "$USERS"); do echo "a$i;$(auth "a$i");$SITE;b$i"; done; } > "$WORK/call.csv"
# The callers register too, at the port they call from: a phone's requests inside a dialog (ACK, BYE) are taken from
# the address it registered, and challenged otherwise (an ACK, which cannot be challenged, is dropped). Unregistered
# callers made every call end without its ACK and BYE at the callee, which SIPp did not notice (see bench/README.md).
{ echo SEQUENTIAL; for i in $(seq 1 "$USERS"); do echo "a$i;$(auth "a$i");$SITE;$UAC_PORT"; done; } > "$WORK/callers.csv"
{ echo SEQUENTIAL; for i in $(seq 1 "$USERS"); do echo "b$i;$(auth "b$i");$SITE;$UAS_PORT_SITE"; done; } > "$WORK/callees-sipsocial.csv"
{ echo SEQUENTIAL; for i in $(seq 1 "$USERS"); do echo "b$i;$(auth "b$i");$SITE;$UAS_PORT_KAM"; done; } > "$WORK/callees-kamailio.csv"
# One pair: r1 registers again and again, a1 calls b1 again and again.
sed -n 1,2p "$WORK/register.csv" > "$WORK/register-one.csv"
sed -n 1,2p "$WORK/call.csv" > "$WORK/call-one.csv"
all_users() { for p in r a b; do for i in $(seq 1 "$USERS"); do echo "$p$i"; done; done; }

# --- the SIPsocial site. The jar is copied so that a rebuild during the run does not pull it away.
cp "$JAR" "$WORK/sipsocial.jar"
printf 'load-benchmark-passphrase\n' > "$WORK/passphrase"
say "setting up the site in $WORK/site"
java -jar "$WORK/sipsocial.jar" init --home "$WORK/site" --site "$SITE" --passphrase-file "$WORK/passphrase" \
  --bind 127.0.0.1 --sip-port "$SITE_SIP" --sips-port "$SITE_SIPS" --link-port "$SITE_LINK" \
  --admin-port "$SITE_ADMIN" --digest-algorithms MD5,SHA-256 --port-mapping off > "$LOGS/site-init.log" 2>&1
# A load test comes from one address: lift the per-source flood limit (issue 16) out of its way.
echo "flood-rate=100000" >> "$WORK/site/site.properties"
# The site runs with the sipsocial launcher's own JVM options (its heap bounds what may linger), then SIPSOCIAL_JAVA_OPTS.
LAUNCHER_JAVA_OPTS=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$ROOT/sipsocial")
# and the launcher's collector, unless SIPSOCIAL_JAVA_OPTS names one (the JVM refuses two)
LAUNCHER_GC=$(sed -n 's/^gc_opt=//p' "$ROOT/sipsocial")
case " ${SIPSOCIAL_JAVA_OPTS:-} " in *" -XX:+Use"*GC" "*) LAUNCHER_GC= ;; esac
LAUNCHER_JAVA_OPTS="$LAUNCHER_JAVA_OPTS $LAUNCHER_GC"
# shellcheck disable=SC2086 # SIPSOCIAL_JAVA_OPTS holds several options
java $LAUNCHER_JAVA_OPTS ${SIPSOCIAL_JAVA_OPTS:-} -jar "$WORK/sipsocial.jar" run --home "$WORK/site" --passphrase-file "$WORK/passphrase" > "$LOGS/site.log" 2>&1 &
SITE_PID=$!
PIDS+=("$SITE_PID")
for _ in $(seq 1 120); do
  grep -q "is running" "$LOGS/site.log" && break
  kill -0 "$SITE_PID" 2>/dev/null || { cat "$LOGS/site.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "is running" "$LOGS/site.log" || { echo "the site did not start" >&2; exit 1; }
# Users through the running site's admin API (one HTTP call each instead of one JVM per `user add`).
TOKEN=$(cat "$WORK/site/admin.token")
while read -r user; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$user\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$SITE_ADMIN/api/v1/users")
  [ "$code" = 201 ] || { echo "adding $user to the site answered HTTP $code" >&2; exit 1; }
done < <(all_users)
say "site running (pid $SITE_PID) with $((3 * USERS)) users"

# --- Kamailio: same users (db_text table, loaded in shared memory), in-memory location.
mkdir -p "$WORK/kamailio/db"
{ echo "id(int,auto) username(string) domain(string) password(string)"
  n=0; while read -r user; do n=$((n + 1)); echo "$n:$user:$SITE:$PASSWORD"; done < <(all_users)
} > "$WORK/kamailio/db/subscriber"
printf 'table_name(string) table_version(int)\nsubscriber:7\n' > "$WORK/kamailio/db/version"
KAM_DEFINES=()
if [ "$TRANSPORT" = tls ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/kamailio/key.pem" -out "$WORK/kamailio/cert.pem" 2> "$LOGS/openssl.log"
  printf '[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\nprivate_key = %s\ncertificate = %s\n' \
    "$WORK/kamailio/key.pem" "$WORK/kamailio/cert.pem" > "$WORK/kamailio/tls.cfg"
  KAM_DEFINES=(-A WITH_TLS)
fi
sed -e "s/@CHILDREN@/$KAMAILIO_CHILDREN/" -e "s/@PORT@/$KAM_SIP/" -e "s/@SITE@/$SITE/" -e "s/@TRANSPORT@/$TRANSPORT/" \
  -e "s/@DISABLE_TCP@/$([ "$TRANSPORT" = udp ] && echo yes || echo no)/" -e "s#@TLSCFG@#$WORK/kamailio/tls.cfg#" \
  -e "s/@SECRET@/$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')/" -e "s#@DBDIR@#$WORK/kamailio/db#" \
  "$HERE/kamailio.cfg.template" > "$WORK/kamailio/kamailio.cfg"
"$KAMAILIO" "${KAM_DEFINES[@]}" -c -f "$WORK/kamailio/kamailio.cfg" > "$LOGS/kamailio-check.log" 2>&1
"$KAMAILIO" "${KAM_DEFINES[@]}" -f "$WORK/kamailio/kamailio.cfg" -DD -E -m 1024 -M 16 -P "$WORK/kamailio/kamailio.pid" \
  -Y "$WORK/kamailio" > "$LOGS/kamailio.log" 2>&1 &
KAM_PID=$!
PIDS+=("$KAM_PID")
sleep 2
kill -0 "$KAM_PID" 2>/dev/null || { cat "$LOGS/kamailio.log" >&2; exit 1; }
say "kamailio running (pid $KAM_PID, $(kamailio_pids | wc -l) processes, $KAMAILIO_CHILDREN UDP workers)"

# --- TLS: a stunnel4 client in front of each server, each pinning that server's certificate (as the tests do).
start_tunnel() {
  local name=$1 accept=$2 connect=$3 certificate=$4
  mkdir -p "$WORK/stunnel-$name"
  printf 'foreground = yes\npid =\ndebug = warning\noutput = %s\n[sip]\nclient = yes\naccept = 127.0.0.1:%s\nconnect = 127.0.0.1:%s\nverifyPeer = yes\nCAfile = %s\nsslVersionMin = TLSv1.2\n' \
    "$LOGS/stunnel-$name.log" "$accept" "$connect" "$certificate" > "$WORK/stunnel-$name/stunnel.conf"
  stunnel4 "$WORK/stunnel-$name/stunnel.conf" > "$LOGS/stunnel-$name.out" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 50); do ss -ltn "sport = :$accept" | grep -q LISTEN && return 0; sleep 0.1; done
  echo "stunnel for $name did not listen on $accept" >&2; exit 1
}
if [ "$TRANSPORT" = tls ]; then
  java -jar "$WORK/sipsocial.jar" cert export --out "$WORK/site-cert.pem" --home "$WORK/site" > "$LOGS/cert-export.log" 2>&1 \
    || { cat "$LOGS/cert-export.log" >&2; exit 1; }
  start_tunnel sipsocial "$TUNNEL_SITE" "$SITE_SIPS" "$WORK/site-cert.pem"
  start_tunnel kamailio "$TUNNEL_KAM" "$KAM_SIP" "$WORK/kamailio/cert.pem"
  say "stunnel clients: $TUNNEL_SITE to the site's TLS port $SITE_SIPS, $TUNNEL_KAM to Kamailio's $KAM_SIP"
fi

# --- SIPp. run_sipp NAME PORT SCENARIO CSV COUNT RATE: prints "created successful failed seconds".
run_sipp() {
  local name=$1 port=$2 scenario=$3 csv=$4 count=$5 rate=$6 t0 t1
  t0=$(date +%s.%N)
  timeout -k 5 $((count / rate + 30)) sipp "127.0.0.1:$port" -sf "$scenario" -inf "$csv" -m "$count" -r "$rate" \
    ${SIPP_EXTRA:-} $([ "$SIPP_TRANSPORT" = un ] && echo "-max_socket 15000") -t "$SIPP_TRANSPORT" -i 127.0.0.1 -p "$UAC_PORT" -nostdin -buff_size 4194304 -recv_timeout 5000 -default_behaviors all,-abortunexp \
    -trace_stat -stf "$LOGS/$name.stat.csv" -fd 1 -trace_err -error_file "$LOGS/$name.errors.log" \
    > /dev/null 2>&1 || true
  t1=$(date +%s.%N)
  awk -F';' -v secs="$(echo "$t1 - $t0" | bc -l)" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { created = $col["TotalCallCreated"]; ok = $col["SuccessfulCall(C)"]; failed = $col["FailedCall(C)"] }
    END { printf "%d %d %d %.2f\n", created, ok, failed, secs }' "$LOGS/$name.stat.csv" 2>/dev/null \
    || echo "0 0 0 0"
}

# The callees' phone (one UAS SIPp per server), then the callees' registrations pointing at it.
start_uas() {
  local server=$1 port=$2
  timeout -k 5 1800 sipp "127.0.0.1:$(server_port "$server")" -sf "$HERE/answer.xml" -t "${SIPP_TRANSPORT/un/u1}" -i 127.0.0.1 -p "$port" \
    -nostdin -buff_size 4194304 -recv_timeout 10000 -trace_stat -stf "$LOGS/uas-$server.stat.csv" -fd 5 \
    -trace_err -error_file "$LOGS/uas-$server.errors.log" > /dev/null 2>&1 &
  PIDS+=("$!")
}
# With TLS the callees' phone registers them itself, over the one connection it is then called on: REGISTER with
# digest for each callee, each "call" then waits; incoming calls run answer.xml (-oocsf).
start_tls_uas() {
  local server=$1 port=$2 waited
  sed 's|</scenario>|  <pause milliseconds="1800000"/>\n</scenario>|' "$HERE/register.xml" > "$WORK/register-and-stay.xml"
  timeout -k 5 1800 sipp "127.0.0.1:$(server_port "$server")" -sf "$WORK/register-and-stay.xml" -oocsf "$HERE/answer.xml" \
    -inf "$WORK/callees-$server.csv" -m "$USERS" -r 100 -t "$SIPP_TRANSPORT" -i 127.0.0.1 -p "$port" \
    -nostdin -buff_size 4194304 -recv_timeout 10000 -default_behaviors all,-abortunexp -trace_stat -stf "$LOGS/uas-$server.stat.csv" -fd 1 \
    -trace_err -error_file "$LOGS/uas-$server.errors.log" > /dev/null 2>&1 &
  PIDS+=("$!")
  # Registered when every "call" is created and none failed past SIPp's receive timeout (10 s): all wait in the pause.
  for waited in $(seq 1 $((USERS / 100 + 30))); do
    sleep 1
    awk -F';' -v n="$USERS" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { c = $col["TotalCallCreated"]; f = $col["FailedCall(C)"] }
      END { exit !(c == n && f == 0) }' "$LOGS/uas-$server.stat.csv" 2>/dev/null && [ "$waited" -gt $((USERS / 100 + 12)) ] && return 0
  done
  echo "the callees' phone on $server did not register $USERS callees over TLS (see $LOGS/uas-$server.*)" >&2; exit 1
}
if [ "$TRANSPORT" != tls ]; then
  start_uas sipsocial "$UAS_PORT_SITE"
  start_uas kamailio "$UAS_PORT_KAM"
fi
for server in sipsocial kamailio; do
  if [ "$TRANSPORT" = tls ]; then
    start_tls_uas "$server" "$(if [ "$server" = sipsocial ]; then echo "$UAS_PORT_SITE"; else echo "$UAS_PORT_KAM"; fi)"
  else
    read -r created ok failed secs < <(run_sipp "callees-$server" "$(server_port "$server")" "$HERE/register.xml" \
      "$WORK/callees-$server.csv" "$USERS" 100)
    [ "$ok" = "$USERS" ] || { echo "registering the callees on $server: $ok of $USERS succeeded" >&2; exit 1; }
  fi
  read -r created ok failed secs < <(run_sipp "callers-$server" "$(server_port "$server")" "$HERE/register.xml" \
    "$WORK/callers.csv" "$USERS" 100)
  [ "$ok" = "$USERS" ] || { echo "registering the callers on $server: $ok of $USERS succeeded" >&2; exit 1; }
done
say "callees and callers registered on both servers"

# --- warm-up: the JVM's JIT needs traffic before it is measured (Kamailio gets the same, for symmetry).
# At 400 REGISTER/s and 200 calls/s, as until 2026-12-07, 20 s left C2 compiling through the fixed rates that
# follow (16 % of the site's CPU there): steady state needs tens of thousands of each message.
for server in sipsocial kamailio; do
  say "warm-up of $server: ${WARMUP_SECONDS}s of REGISTER at $WARMUP_REGISTER_RATE/s, ${WARMUP_SECONDS}s of calls at $WARMUP_CALL_RATE/s"
  run_sipp "warmup-register-$server" "$(server_port "$server")" "$HERE/register.xml" "$WORK/register.csv" \
    $((WARMUP_REGISTER_RATE * WARMUP_SECONDS)) "$WARMUP_REGISTER_RATE" > "$LOGS/warmup-register-$server.result"
  run_sipp "warmup-call-$server" "$(server_port "$server")" "$HERE/call.xml" "$WORK/call.csv" \
    $((WARMUP_CALL_RATE * WARMUP_SECONDS)) "$WARMUP_CALL_RATE" > "$LOGS/warmup-call-$server.result"
done

# Before a ramp, wait (at most QUIESCE_SECONDS) until the server is idle: below 5% of a core over 2 s. A server
# still expiring the transactions and timers of the previous ramp (RFC 3261 Timer J/K/H: 32 s over UDP) would
# otherwise charge that work to the next one.
quiesce() {
  local server=$1 waited=0 before after
  while [ "$waited" -lt "$QUIESCE_SECONDS" ]; do
    before=$(cpu_ticks $(server_pids "$server"))
    sleep 2
    waited=$((waited + 2))
    after=$(cpu_ticks $(server_pids "$server"))
    [ $(( (after - before) * 100 )) -lt $(( 2 * CLK_TCK * 5 )) ] && break
  done
  say "$server idle after ${waited}s ($(echo "($after - $before) / $CLK_TCK / 2" | bc -l | xargs printf %.3f) CPU s/s)"
}

# --- fixed rates: the CPU each server spends per 1,000 operations at the same rate, many users and one pair.
# Each measurement is SIPp's step plus the drain after it: the CPU the server goes on spending until it is idle
# again (below 5% of a core over 2 s, at most QUIESCE_SECONDS), since the work of expiring what the step left
# (RFC 3261 Timers J and K, 32 s over UDP; bindings written behind; Kamailio's tm wait timer) is part of its cost.
# The servers alternate within each repeat so that a noisy neighbour hits both alike; medians of the repeats.
FIXED_TSV="$WORK/fixed.tsv"
printf 'server\tworkload\tusers\trate\trepeat\tcalls\tsuccessful\tfailed\tseconds\tcpu_s_step\tcpu_s_drained\tdrain_s\tper1k_step\tper1k_drained\tload1\n' \
  > "$FIXED_TSV"
# run_fixed SERVER WORKLOAD CSV USERS RATE REPEAT: one measurement, appended to fixed.tsv.
run_fixed() {
  local server=$1 workload=$2 csv=$3 users=$4 rate=$5 repeat=$6 count before mid prev now waited created ok failed secs
  count=$((rate * FIXED_SECONDS))
  before=$(cpu_ticks $(server_pids "$server"))
  read -r created ok failed secs < <(run_sipp "fixed-$server-$workload-$users-$repeat" "$(server_port "$server")" \
    "$HERE/$workload.xml" "$csv" "$count" "$rate")
  mid=$(cpu_ticks $(server_pids "$server"))
  waited=0 prev=$mid now=$mid
  while [ "$waited" -lt "$QUIESCE_SECONDS" ]; do
    sleep 2
    waited=$((waited + 2))
    now=$(cpu_ticks $(server_pids "$server"))
    [ $(( (now - prev) * 100 )) -lt $(( 2 * CLK_TCK * 5 )) ] && break
    prev=$now
  done
  awk -v s="$server" -v w="$workload" -v u="$users" -v r="$rate" -v rep="$repeat" -v n="$count" -v ok="$ok" \
    -v f="$failed" -v secs="$secs" -v a="$before" -v m="$mid" -v b="$now" -v d="$waited" -v hz="$CLK_TCK" \
    -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
      step = (m - a) / hz; drained = (b - a) / hz; k = ok > 0 ? 1000 / ok : 0
      printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%d\t%.3f\t%.3f\t%s\n", s, w, u, r, rep, n, ok, f, secs,
        step, drained, d, step * k, drained * k, load }' >> "$FIXED_TSV"
  say "$server $workload, $users users, $rate/s: $ok/$count ok, $failed failed, ${secs}s, $(tail -1 "$FIXED_TSV" | cut -f13,14 \
    | tr '\t' /) CPU s/1k (step/drained), load $(cut -d' ' -f1 /proc/loadavg)"
}
if [ "$FIXED" = 1 ]; then
  FIXED_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  thread_ticks "$SITE_PID" > "$WORK/fixed-threads-before"
  for repeat in $(seq 1 "$FIXED_REPEATS"); do
    for spec in "register register.csv $USERS $FIXED_REGISTER_RATE" "register register-one.csv 1 $FIXED_REGISTER_RATE" \
        "call call.csv $USERS $FIXED_CALL_RATE" "call call-one.csv 1 $FIXED_CALL_RATE"; do
      read -r workload csv users rate <<< "$spec"
      case " $FIXED_WORKLOADS " in *" $workload "*) ;; *) continue ;; esac
      for server in sipsocial kamailio; do
        quiesce "$server" > /dev/null 2>&1
        run_fixed "$server" "$workload" "$WORK/$csv" "$users" "$rate" "$repeat"
      done
    done
  done
  FIXED_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  thread_ticks "$SITE_PID" > "$WORK/fixed-threads-after"
  FIXED_TABLE="$WORK/fixed.md"
  {
    echo "| Workload | distinct users | rate (/s) | SIPsocial CPU s per 1k, step | drained | Kamailio CPU s per 1k, step | drained | ratio SIPsocial / Kamailio, step | drained | failed (SIPsocial / Kamailio, all repeats) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    # Medians over the repeats of each (server, workload, users), then one row per (workload, users).
    tail -n +2 "$FIXED_TSV" | awk -F'\t' '
      function median(list,   a, n, i, j, t) { n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      { key = $2 "\t" $3 "\t" $4; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
        step[$1, key] = step[$1, key] " " $13; drained[$1, key] = drained[$1, key] " " $14; failed[$1, key] += $8 + ($6 - $7 - $8) }
      END { for (i = 1; i <= n; i++) { k = order[i]; split(k, f, "\t")
          ss = median(step["sipsocial", k]); sd = median(drained["sipsocial", k])
          ks = median(step["kamailio", k]); kd = median(drained["kamailio", k])
          label = f[1] == "register" ? "REGISTER with digest" : "call, record-routed, authenticated"
          printf "| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %d / %d |\n", label, f[2], f[3], ss, sd, ks, kd,
            (ks > 0 ? sprintf("%.2f", ss / ks) : "n/a"), (kd > 0 ? sprintf("%.2f", sd / kd) : "n/a"),
            failed["sipsocial", k], failed["kamailio", k] } }'
    echo
    echo "Median of $FIXED_REPEATS runs of ${FIXED_SECONDS}s each; \"step\" counts the server's CPU while SIPp ran, \"drained\" adds"
    echo "what it spent after until idle. Failed counts failed and missing calls. Load average (1, 5, 15 min) before:"
    echo "$FIXED_LOAD_BEFORE; after: $FIXED_LOAD_AFTER."
    echo
    echo "CPU time of the site's threads over all the fixed-rate runs:"
    echo
    thread_table "$WORK/fixed-threads-before" "$WORK/fixed-threads-after"
  } > "$FIXED_TABLE"
  cat "$FIXED_TABLE"
fi

# --- the ramps.
DETAILS="$WORK/steps.tsv"
printf 'server\tworkload\trate\tattempt\tcalls\tsuccessful\tfailed\tseconds\tcpu_s\tcpu_s_per_1k\tudp_drops\tsustained\n' \
  > "$DETAILS"
# run_step SERVER WORKLOAD RATE ATTEMPT: one step, appended to steps.tsv; sets $sustained to yes or no.
run_step() {
  local server=$1 workload=$2 rate=$3 attempt=$4 count before after drops_before drops cpu per1k created ok failed secs
  count=$((rate * STEP_SECONDS))
  before=$(cpu_ticks $(server_pids "$server"))
  drops_before=$(udp_drops)
  read -r created ok failed secs < <(run_sipp "$server-$workload-$rate-$attempt" "$(server_port "$server")" \
    "$HERE/$workload.xml" "$WORK/$workload.csv" "$count" "$rate")
  after=$(cpu_ticks $(server_pids "$server"))
  drops=$(( $(udp_drops) - drops_before ))
  cpu=$(echo "($after - $before) / $CLK_TCK" | bc -l)
  per1k=$(if [ "$ok" -gt 0 ]; then echo "$cpu * 1000 / $ok" | bc -l; else echo 0; fi)
  sustained=no
  if [ "$ok" = "$count" ] && [ "$failed" = 0 ] && [ "$(echo "$secs <= $STEP_SECONDS + $SLACK_SECONDS" | bc -l)" = 1 ]; then
    sustained=yes
  fi
  printf '%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.3f\t%d\t%s\n' "$server" "$workload" "$rate" "$attempt" "$count" "$ok" \
    "$failed" "$secs" "$cpu" "$per1k" "$drops" "$sustained" >> "$DETAILS"
  say "$server $workload $rate/s: $ok/$count ok, $failed failed, ${secs}s, $(printf %.2f "$cpu") CPU s," \
    "$(printf %.3f "$per1k") CPU s/1k, $drops UDP drops, sustained=$sustained"
}
declare -A BEST
RAMP_EPOCH=$(date +%s)
[ "$RAMP" = 1 ] || RATES=""
for server in sipsocial kamailio; do
  [ "$RAMP" = 1 ] || break
  for workload in register call; do
    BEST[$server.$workload]=0
    quiesce "$server"
    [ "$server" = sipsocial ] && thread_ticks "$SITE_PID" > "$WORK/ramp-$workload-threads-before"
    for rate in $RATES; do
      if [ $(( $(date +%s) - RAMP_EPOCH )) -gt "$MAX_SECONDS" ]; then
        say "time budget of ${MAX_SECONDS}s spent: $server $workload stops before $rate/s"
        break
      fi
      for attempt in $(seq 0 "$RETRIES"); do
        sleep $((1 + 2 * attempt))
        run_step "$server" "$workload" "$rate" "$attempt"
        [ "$sustained" = no ] || break
      done
      [ "$sustained" = yes ] || break
      BEST[$server.$workload]=$rate
    done
    if [ "$server" = sipsocial ]; then
      thread_ticks "$SITE_PID" > "$WORK/ramp-$workload-threads-after"
      thread_table "$WORK/ramp-$workload-threads-before" "$WORK/ramp-$workload-threads-after" > "$WORK/ramp-$workload-threads.md"
    fi
  done
done

# --- latency under load: after the ramps, each server at 50 % and 90 % of its own highest sustained rate, for
# FIXED_SECONDS, with SIPp's response-time counters (-trace_rtt): the authenticated REGISTER to its 200, and the
# authenticated INVITE to its 200 (through the proxy to the answering SIPp and back). Percentiles of every call's time.
LATENCY_TSV="$WORK/latency.tsv"
printf 'server\tworkload\tshare\trate\tcalls\tsuccessful\tp50_ms\tp90_ms\tp99_ms\tmax_ms\n' > "$LATENCY_TSV"
if [ "$RAMP" = 1 ] && [ "$LATENCY" = 1 ]; then
  for server in sipsocial kamailio; do
    for workload in register call; do
      best=${BEST[$server.$workload]:-0}
      [ "$best" -gt 0 ] || continue
      for share in 50 90; do
        rate=$((best * share / 100))
        quiesce "$server" > /dev/null 2>&1
        dir="$LOGS/latency-$server-$workload-$share"
        mkdir -p "$dir"
        read -r created ok failed secs < <(cd "$dir" && SIPP_EXTRA="-trace_rtt -rtt_freq 1" run_sipp \
          "latency-$server-$workload-$share" "$(server_port "$server")" "$HERE/$workload.xml" "$WORK/$workload.csv" \
          $((rate * FIXED_SECONDS)) "$rate")
        cat "$dir"/*_rtt.csv 2>/dev/null | awk -F';' '$2 ~ /^[0-9.]+$/ { print $2 }' | sort -n > "$dir/times"
        awk -v s="$server" -v w="$workload" -v sh="$share" -v r="$rate" -v n="$created" -v ok="$ok" '
          function pct(p,   i) { i = int(NR * p); if (i < 1) i = 1; return t[i] }
          { t[NR] = $1 } END { if (NR == 0) { printf "%s\t%s\t%d\t%d\t%d\t%d\tn/a\tn/a\tn/a\tn/a\n", s, w, sh, r, n, ok; exit }
            printf "%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", s, w, sh, r, n, ok,
              pct(0.50), pct(0.90), pct(0.99), t[NR] }' "$dir/times" >> "$LATENCY_TSV"
        say "latency of $server $workload at $share % of $best/s ($rate/s): $(tail -1 "$LATENCY_TSV" | cut -f7-10 | tr '\t' /) ms p50/p90/p99/max"
      done
    done
  done
  {
    echo "| server | workload | share of its highest sustained rate | rate (/s) | successful | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    tail -n +2 "$LATENCY_TSV" | awk -F'\t' '{ printf "| %s | %s | %s %% | %s | %s of %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $6, $5, $7, $8, $9, $10 }'
  } > "$WORK/latency.md"
  cat "$WORK/latency.md"
fi

# --- optional profile of the site (JFR through jcmd), at a rate both sustain, after the measured ramps.
if [ "$PROFILE" = 1 ] && command -v jcmd >/dev/null; then
  for workload in register call; do
    rate=$([ "$workload" = register ] && echo "$PROFILE_REGISTER_RATE" || echo "$PROFILE_CALL_RATE")
    quiesce sipsocial
    say "profiling the site under $workload at $rate/s for ${PROFILE_SECONDS}s"
    jcmd "$SITE_PID" JFR.start name="load-$workload" settings=profile \
      filename="$LOGS/sipsocial-$workload.jfr" > /dev/null
    thread_ticks "$SITE_PID" > "$WORK/threads-before"
    run_sipp "profile-$workload" "$SITE_SIP" "$HERE/$workload.xml" "$WORK/$workload.csv" \
      $((rate * PROFILE_SECONDS)) "$rate" > "$LOGS/profile-$workload.result"
    thread_ticks "$SITE_PID" > "$WORK/threads-after"
    jcmd "$SITE_PID" JFR.stop name="load-$workload" > /dev/null
    jcmd "$SITE_PID" GC.class_histogram > "$LOGS/histogram-$workload.txt" 2>&1 || true
    { read -r created ok failed secs < "$LOGS/profile-$workload.result"
      echo "$ok of $created ${workload}s succeeded ($failed failed) in ${secs}s at $rate/s."
      echo
      echo "CPU time of the site's threads during the step (/proc/PID/task; thread numbers folded to N):"
      echo
      thread_table "$WORK/threads-before" "$WORK/threads-after"
      echo
      echo "Live objects right after the step (jcmd GC.class_histogram, top 12 by bytes):"
      echo
      echo '```'
      sed -n 1,15p "$LOGS/histogram-$workload.txt"
      echo '```'
      echo
    } > "$WORK/profile-$workload.md"
    if command -v python3 >/dev/null; then
      python3 "$HERE/jfr-top.py" "$LOGS/sipsocial-$workload.jfr" >> "$WORK/profile-$workload.md" 2>&1 || true
    fi
  done
fi

# --- the table.
value() { # value SERVER WORKLOAD RATE COLUMN: a column of steps.tsv
  awk -F'\t' -v s="$1" -v w="$2" -v r="$3" -v c="$4" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == s && $2 == w && $3 == r && $col["sustained"] == "yes" { print $col[c] }' "$DETAILS"
}
ratio() { if [ "$(echo "$2 > 0" | bc -l)" = 1 ]; then printf '%.2f' "$(echo "$1 / $2" | bc -l)"; else echo n/a; fi; }
TABLE="$WORK/table.md"
if [ "$RAMP" = 1 ]; then {
  echo "| Workload | SIPsocial: highest sustained rate (/s) | Kamailio: highest sustained rate (/s) | rate ratio SIPsocial / Kamailio | common rate (/s) | SIPsocial CPU s per 1k ops | Kamailio CPU s per 1k ops | CPU ratio SIPsocial / Kamailio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for workload in register call; do
    s=${BEST[sipsocial.$workload]}; k=${BEST[kamailio.$workload]}
    common=$(( s < k ? s : k ))
    if [ "$common" -gt 0 ]; then
      sc=$(value sipsocial "$workload" "$common" cpu_s_per_1k); kc=$(value kamailio "$workload" "$common" cpu_s_per_1k)
      cpu_ratio=$(ratio "$sc" "$kc")
    else
      sc=n/a; kc=n/a; cpu_ratio=n/a
    fi
    label=$([ "$workload" = register ] && echo "REGISTER with digest (REGISTER/401/REGISTER/200)" \
      || echo "call (INVITE/407/ACK/INVITE/180/200/ACK/BYE/200)")
    top=${RATES##* }
    shown_s=$([ "$s" = "$top" ] && echo "≥ $s (top of range)" || echo "$s")
    shown_k=$([ "$k" = "$top" ] && echo "≥ $k (top of range)" || echo "$k")
    echo "| $label | $shown_s | $shown_k | $(ratio "$s" "$k") | $common | $sc | $kc | $cpu_ratio |"
  done
  echo
  echo "Steps of ${STEP_SECONDS}s; sustained = every call succeeded and SIPp finished within $((STEP_SECONDS + SLACK_SECONDS))s;"
  echo "a step that is not is run once more ($RETRIES retry). Rates tried: $RATES."
  echo
  echo "UDP sockets of the servers at the end (receive buffer size rb, datagrams dropped d, from ss -uamn):"
  echo
  for server in sipsocial kamailio; do
    echo "- $server: \`$(ss -uamn "sport = :$(server_port "$server")" | awk '/skmem/ { gsub(/^[ \t]+/, ""); print }' | head -1)\`"
  done
  echo
  echo "| server | workload | rate (/s) | attempt | calls | successful | failed | seconds | CPU s | CPU s per 1k | UDP receive-buffer drops | sustained |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  tail -n +2 "$DETAILS" | awk -F'\t' '{ line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line }'
} > "$TABLE"
cat "$TABLE"
fi
for workload in register call; do
  f="$WORK/ramp-$workload-threads.md"
  [ -f "$f" ] && { echo; echo "## CPU time of the site's threads over its whole $workload ramp"; echo; cat "$f"; }
done
for f in "$WORK"/profile-*.md; do
  [ -f "$f" ] && { echo; echo "## $(basename "$f" .md)"; cat "$f"; }
done
grep -i "block" "$LOGS/site.log" | head -3 >&2 || true
say "done in $(elapsed)s"
