# Sourced, not run: the set-up that bench/load/soak.sh, memory.sh and gc.sh share. A site on loopback run
# through a copy of the sipsocial launcher (its shipped JVM options, then SIPSOCIAL_JAVA_OPTS), users added
# through its admin API, SIPp injection files, and readings of its heap.
#
#   here=...; root=...; . "$here/site-setup.sh"
#   site_dist DIR                     copies the launcher and the jar to DIR, so that a rebuild during a long
#                                     run does not pull the jar from under the site; sets launcher
#   site_start HOME IP SIP_PORT ADMIN_PORT MEDIA_PORTS LOG [JAVA_OPTS]
#                                     sets a site up in HOME (SIPS on SIP_PORT+1, links on SIP_PORT+10), lifts
#                                     the per-source flood limit (every phone is one loopback address), runs it
#                                     in the background and waits until it runs; sets site_pid and site_token
#   site_add_users ADMIN_PORT TOKEN PASSWORD < names    one kept-alive HTTP connection; fails on any non-201
#   phones_csv PREFIX COUNT PASSWORD LAST               SIPp injection file for PREFIX1..PREFIXCOUNT: user;
#                                     [authentication];theSmiths;LAST (a %d in LAST becomes the user's number)
#   heap_after_gc PID                 forces a full GC (jcmd GC.run), prints the kB of heap used after it
#   resident PID                      resident set, kB
#   sipp_stat STAT_CSV                "created successful failed" from SIPp's -trace_stat file
# The caller keeps the pids it starts in the array pids; site_start adds the site's and installs the EXIT trap.

# Issue 15: the bench site says port-mapping = off, and a site that did not would refuse to start (TestRouterGuard).
export SIPSOCIAL_TEST_NO_ROUTER=1
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

site_dist() {
  mkdir -p "$1/server/target"
  cp "$root/sipsocial" "$1/" && cp "$root/server/target/sipsocial.jar" "$1/server/target/"
  launcher="$1/sipsocial"
}

site_start() {
  local home=$1 ip=$2 sip=$3 admin=$4 media=$5 log=$6 java_opts=${7-${SIPSOCIAL_JAVA_OPTS:-}}
  printf 'load measurement passphrase\n' > "$home.passphrase"
  "$launcher" init --home "$home" --site theSmiths --passphrase-file "$home.passphrase" --bind "$ip" \
    --sip-port "$sip" --sips-port $((sip + 1)) --link-port $((sip + 10)) --admin-port "$admin" \
    --digest-algorithms MD5,SHA-256 --port-mapping off > "$log.init" 2>&1 || { cat "$log.init" >&2; return 1; }
  sed -i "s/^flood-rate=.*/flood-rate=100000/; s/^media-ports=.*/media-ports=$media/" "$home/site.properties"
  grep -q '^flood-rate=' "$home/site.properties" || echo 'flood-rate=100000' >> "$home/site.properties"
  SIPSOCIAL_JAVA_OPTS="$java_opts" "$launcher" run --home "$home" --passphrase-file "$home.passphrase" > "$log" 2>&1 &
  site_pid=$!
  pids+=("$site_pid")
  for _ in $(seq 1 120); do grep -qs "is running" "$log" && break; sleep 0.5; done
  grep -q "is running" "$log" || { cat "$log" >&2; return 1; }
  site_token=$(cat "$home/admin.token")
}

site_add_users() {
  python3 -c '
import http.client, json, sys
port, token, password = sys.argv[1], sys.argv[2], sys.argv[3]
connection = http.client.HTTPConnection("127.0.0.1", int(port))
for name in sys.stdin.read().split():
    connection.request("POST", "/api/v1/users", json.dumps({"name": name, "password": password}),
                       {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = connection.getresponse(); response.read()
    if response.status != 201:
        sys.exit(f"adding {name} answered HTTP {response.status}")
' "$@"
}

phones_csv() {
  awk -v p="$1" -v n="$2" -v pw="$3" -v last="$4" 'BEGIN { print "SEQUENTIAL"
    for (i = 1; i <= n; i++) { u = p i; l = last; gsub(/%d/, i, l)
      printf "%s;[authentication username=%s password=%s];theSmiths;%s\n", u, u, pw, l } }'
}

# G1 reports one line for the whole heap; Parallel and Serial one per generation, summed.
heap_after_gc() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/garbage-first heap|PSYoungGen|ParOldGen|def new generation|tenured generation/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); total += v } }
    END { print total }'
}

resident() { ps -o rss= -p "$1" | tr -d ' '; }

sipp_stat() {
  awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { c = $col["TotalCallCreated"]; s = $col["SuccessfulCall(C)"]; f = $col["FailedCall(C)"] }
    END { printf "%d %d %d\n", c, s, f }' "$1"
}
