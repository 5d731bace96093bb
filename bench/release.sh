#!/bin/sh
# bench/release.sh [RUNS]: whole-process startup of a hello world, release kiln
# (static V8, --config=release) against the default kiln (libnode), node and,
# when found, bun: medians from one run, ratios, peak RSS, binary size.
# Timings are printed, never asserted (figures: docs/performance.md).
#   KILN_RELEASE (default bazel-release-bin/kiln), KILN (default bazel-bin/kiln),
#   NODE (default node), BUN (default: bun on PATH; `npm i @oven/bun-linux-x64`),
#   V8_FLOOR (default bazel-release-bin/bench/v8_floor: V8's own isolate and
#   context and nothing else, what any embedder pays; shown when built).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-40}
KILN=${KILN:-$ROOT/bazel-bin/kiln}
KILN_RELEASE=${KILN_RELEASE:-$ROOT/bazel-release-bin/kiln}
NODE=${NODE:-node}
BUN=${BUN:-$(command -v bun || true)}
V8_FLOOR=${V8_FLOOR:-$ROOT/bazel-release-bin/bench/v8_floor}
STATS=$ROOT/bazel-bin/bench/proc_stats
[ -x "$STATS" ] || (cd "$ROOT" && bazel build //bench:proc_stats >/dev/null 2>&1)
[ -x "$KILN_RELEASE" ] || { echo "no release kiln at $KILN_RELEASE: bazel build --config=release //:kiln" >&2; exit 1; }
HELLO=$ROOT/examples/hello.js

rows="release kiln|$KILN_RELEASE"
[ -x "$KILN" ] && rows="$rows
default kiln|$KILN"
rows="$rows
node|$(command -v "$NODE")"
[ -n "$BUN" ] && rows="$rows
bun|$BUN"
[ -x "$V8_FLOOR" ] && rows="$rows
V8 floor|$V8_FLOOR"

printf '%-14s %9s %8s %8s %12s %10s %9s %9s\n' "hello ($RUNS)" median_ms p10_ms p90_ms peak_rss_kib size_mb vs_node vs_default
echo "$rows" > "${TMPDIR:-/tmp}/kiln-bench-rows.$$"
results=
while IFS='|' read -r name bin; do
  "$STATS" 3 "$bin" "$HELLO" >/dev/null  # warm the page cache
  line=$("$STATS" "$RUNS" "$bin" "$HELLO")
  results="$results$name|$bin|$line
"
done < "${TMPDIR:-/tmp}/kiln-bench-rows.$$"
rm -f "${TMPDIR:-/tmp}/kiln-bench-rows.$$"
node_ms=$(echo "$results" | awk -F'|' '$1 == "node" { split($3, a, " "); print a[1] }')
default_ms=$(echo "$results" | awk -F'|' '$1 == "default kiln" { split($3, a, " "); print a[1] }')
echo "$results" | while IFS='|' read -r name bin line; do
  [ -n "$name" ] || continue
  set -- $line
  size=$(du -m "$(readlink -f "$bin")" | cut -f1)
  vn=$(awk -v a="$1" -v b="$node_ms" 'BEGIN { printf "%.2fx", a / b }')
  vd=-; [ -n "$default_ms" ] && vd=$(awk -v a="$1" -v b="$default_ms" 'BEGIN { printf "%.2fx", a / b }')
  printf '%-14s %9s %8s %8s %12s %10s %9s %9s\n' "$name" "$1" "$2" "$3" "$4" "$size" "$vn" "$vd"
done
