#!/bin/sh
# bench/startup.sh [RUNS]: whole-process startup of a hello world, kiln
# (snapshot) against kiln --no-snapshot and node: medians from one run,
# ratios to node, and peak RSS. Timings are printed, never asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-40}
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
STATS=$ROOT/bazel-bin/bench/proc_stats
[ -x "$STATS" ] || (cd "$ROOT" && bazel build //bench:proc_stats >/dev/null 2>&1)
HELLO=$ROOT/examples/hello.js
"$STATS" 3 "$KILN" "$HELLO" >/dev/null  # warm the page cache
node_line=$("$STATS" "$RUNS" "$NODE" "$HELLO")
kiln_line=$("$STATS" "$RUNS" "$KILN" "$HELLO")
nosnap_line=$("$STATS" "$RUNS" "$KILN" --no-snapshot "$HELLO")
node_ms=${node_line%% *}
printf '%-24s %10s %10s %10s %12s %8s\n' "hello world ($RUNS runs)" median_ms p10_ms p90_ms peak_rss_kib vs_node
for row in "node|$node_line" "kiln|$kiln_line" "kiln --no-snapshot|$nosnap_line"; do
  name=${row%%|*}; set -- ${row#*|}
  ratio=$(awk -v a="$1" -v b="$node_ms" 'BEGIN { printf "%.2f", a / b }')
  printf '%-24s %10s %10s %10s %12s %8s\n' "$name" "$1" "$2" "$3" "$4" "${ratio}x"
done
