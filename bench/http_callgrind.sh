#!/bin/sh
# bench/http_callgrind.sh: user-space instructions per request of the hello
# world server (bench/http/hello.js) under callgrind, for node and kiln: the
# difference between a server answering N1 and N2 keep-alive requests
# (bench/http/keepalive_client.js, outside valgrind, CONNS connections)
# divided by N2 - N1, so start-up and exit cancel out. Repeatable to about
# 1 k instructions with the defaults (when the JIT compiles varies); a
# 20,000-request difference varies by about 2 k. Figures in
# docs/performance.md ("HTTP server"). Needs valgrind.
# Env: KILN, NODE, N1 (20000), N2 (90000), CONNS (50).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${KILN:=$ROOT/bazel-bin/kiln}" "${NODE:=node}" "${N1:=20000}" "${N2:=90000}" "${CONNS:=50}"
command -v valgrind > /dev/null || { echo "bench/http_callgrind.sh needs valgrind" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# instructions RUNTIME N: callgrind's total for a server answering N requests.
instructions() {
  : > "$TMP/port"
  valgrind --tool=callgrind --callgrind-out-file="$TMP/out" "$1" "$ROOT/bench/http/hello.js" \
    > "$TMP/port" 2> "$TMP/err" &
  vg=$!
  i=0
  while [ ! -s "$TMP/port" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
  "$NODE" "$ROOT/bench/http/keepalive_client.js" "$(head -1 "$TMP/port")" "$2" "$CONNS" > /dev/null
  kill -TERM $vg
  wait $vg 2> /dev/null
  awk '/^(summary|totals):/ { print $2; exit }' "$TMP/out"
}

printf '%-10s %s\n' runtime "instructions/request (N=$N1..$N2, $CONNS connections)"
for rt in "$NODE" "$KILN"; do
  a=$(instructions "$rt" "$N1")
  b=$(instructions "$rt" "$N2")
  awk -v a="$a" -v b="$b" -v n=$((N2 - N1)) -v rt="$(basename "$rt")" \
    'BEGIN { printf "%-10s %.1f k\n", rt, (b - a) / n / 1000 }'
done
