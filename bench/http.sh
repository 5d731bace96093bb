#!/bin/sh
# bench/http.sh: kiln against node as HTTP servers and as fetch() clients,
# on loopback, in one run (figures in docs/performance.md, "HTTP server").
#   1. hello world (bench/http/hello.js: http.createServer, res.end) under
#      wrk -t1 -cCONNS -dDURATION: requests/s, the server's CPU time per
#      request (user + system, from /proc/PID/stat) and its peak RSS;
#   2. the same for an Express hello world (bench/http/express_hello.js;
#      express from tests/npm/node_modules: `sh tests/npm/run.sh express`
#      installs it), skipped when it is missing;
#   3. fetch() of a SIZE_MB body from a local node server
#      (bench/http/blob_server.js), read as a stream and as one ArrayBuffer
#      (bench/http/fetch_client.js): median wall time and peak RSS of the
#      client process (bench/proc_stats).
# Servers run ROUNDS times, alternating node and kiln, after a WARMUP-second
# load each; the best requests/s and CPU time and the highest peak RSS of
# the rounds are kept (a shared machine only ever makes a run slower). Needs
# wrk (bench only, not in tools/setup.sh: apt-get install wrk). Timings are
# printed, never asserted.
# Env: KILN, NODE, ROUNDS (3), DURATION (10), WARMUP (5), CONNS (50),
# SIZE_MB (100), FETCH_RUNS (3).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
CONNS=${CONNS:-50}
SIZE_MB=${SIZE_MB:-100}
FETCH_RUNS=${FETCH_RUNS:-3}
DIR=$ROOT/bench/http
STATS=$ROOT/bazel-bin/bench/proc_stats
command -v wrk > /dev/null || { echo "bench/http.sh needs wrk: apt-get install wrk" >&2; exit 2; }
[ -x "$STATS" ] || (cd "$ROOT" && bazel build //bench:proc_stats > /dev/null 2>&1)
TMP=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM HUP PIPE  # (so the EXIT trap runs)
export EXPRESS="$ROOT/tests/npm/node_modules/express"

# start RUNTIME SCRIPT: runs a server script that prints its port; sets
# SERVER (its pid) and PORT.
start() {
  : > "$TMP/port"
  "$1" "$2" > "$TMP/port" 2> "$TMP/err" &
  SERVER=$!
  i=0
  while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  PORT=$(head -1 "$TMP/port")
  [ -n "$PORT" ] || { echo "server did not start: $1 $2" >&2; cat "$TMP/err" >&2; exit 1; }
}

stop() { kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; SERVER=; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# measure RUNTIME SCRIPT: "requests_per_s cpu_us_per_request peak_rss_kib"
measure() {
  start "$1" "$2"
  wrk -t1 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$PORT/" > /dev/null
  t0=$(cpu_ticks $SERVER)
  out=$(wrk -t1 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$PORT/")
  t1=$(cpu_ticks $SERVER)
  rss=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER/status")
  stop
  echo "$out" | awk -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" -v rss="$rss" '
    /requests in/ { n = $1 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx|Socket errors/ { bad = 1 }
    END { if (bad || n == 0) rps = 0
          printf "%.0f %.2f %d\n", rps, n ? (t1 - t0) / hz * 1e6 / n : 0, rss }'
}

# server_bench NAME SCRIPT: ROUNDS alternating rounds, then the table.
server_bench() {
  : > "$TMP/node.res"; : > "$TMP/kiln.res"
  r=0
  while [ $r -lt "$ROUNDS" ]; do
    measure "$NODE" "$2" >> "$TMP/node.res"
    measure "$KILN" "$2" >> "$TMP/kiln.res"
    r=$((r + 1))
  done
  best() {  # best rps, best cpu, max rss of a results file
    awk 'NR == 1 || $1 > r { r = $1 } NR == 1 || $2 < c { c = $2 } $3 > m { m = $3 }
         END { print r, c, m }' "$1"
  }
  set -- "$1" $(best "$TMP/node.res") $(best "$TMP/kiln.res")
  printf '%-44s %12s %12s %10s\n' "$1 (wrk -t1 -c$CONNS -d${DURATION}s, best of $ROUNDS)" node kiln kiln/node
  awk -v n="$2" -v k="$5" 'BEGIN { printf "%-44s %12d %12d %9.2fx\n", "  requests/s", n, k, n ? k / n : 0 }'
  awk -v n="$3" -v k="$6" 'BEGIN { printf "%-44s %12.2f %12.2f %9.2fx\n", "  server CPU us/request (user+sys)", n, k, k ? n / k : 0 }'
  awk -v n="$4" -v k="$7" 'BEGIN { printf "%-44s %12d %12d %9.2fx\n", "  server peak RSS KiB", n, k, n ? k / n : 0 }'
}

server_bench "http hello world" "$DIR/hello.js"
if [ -d "$EXPRESS" ]; then
  server_bench "Express hello world" "$DIR/express_hello.js"
else
  echo "Express hello world: skipped (sh tests/npm/run.sh express installs express)"
fi

# fetch(): one node server for both clients.
SIZE_MB=$SIZE_MB start "$NODE" "$DIR/blob_server.js"
BYTES=$((SIZE_MB * 1024 * 1024))
printf '%-44s %12s %12s %10s\n' "fetch() of $SIZE_MB MiB (median of $FETCH_RUNS)" node kiln kiln/node
for mode in stream arrayBuffer; do
  n=$(MODE=$mode "$STATS" "$FETCH_RUNS" "$NODE" "$DIR/fetch_client.js" "http://127.0.0.1:$PORT/" "$BYTES")
  k=$(MODE=$mode "$STATS" "$FETCH_RUNS" "$KILN" "$DIR/fetch_client.js" "http://127.0.0.1:$PORT/" "$BYTES")
  # proc_stats prints "median_ms p10 p90 peak_rss_kib" (nothing if a run failed).
  n_ms=$(echo "$n" | awk '{ print $1 + 0 }'); n_rss=$(echo "$n" | awk '{ print $4 + 0 }')
  k_ms=$(echo "$k" | awk '{ print $1 + 0 }'); k_rss=$(echo "$k" | awk '{ print $4 + 0 }')
  awk -v a="$n_ms" -v b="$k_ms" -v m="$mode" 'BEGIN { printf "%-44s %12s %12s %9.2fx\n", "  " m ": wall ms", a, b, (a > 0 ? b / a : 0) }'
  awk -v a="$n_rss" -v b="$k_rss" -v m="$mode" 'BEGIN { printf "%-44s %12s %12s %9.2fx\n", "  " m ": peak RSS KiB", a, b, (a > 0 ? b / a : 0) }'
done
stop
