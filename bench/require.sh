#!/bin/sh
# bench/require.sh [RUNS]: whole-process time of (1) requiring a tree of 200
# small user modules, (2) requiring every core module, (3) a script that
# requires lodash and yargs (from tests/npm, installed by tests/npm/run.sh),
# kiln against node: medians and ratios from one run. Printed, never asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-20}
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
STATS=$ROOT/bazel-bin/bench/proc_stats
[ -x "$STATS" ] || (cd "$ROOT" && bazel build //bench:proc_stats >/dev/null 2>&1)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
i=0
while [ $i -lt 200 ]; do
  next=$((i + 1))
  if [ $next -lt 200 ]; then
    printf 'exports.n = %d + require("./m%d").n;\n' "$i" "$next" > "$TMP/m$i.js"
  else
    printf 'exports.n = %d;\n' "$i" > "$TMP/m$i.js"
  fi
  i=$next
done
echo 'console.log(require("./m0").n);' > "$TMP/tree.js"
echo 'for (const m of require("module").builtinModules) if (!m.startsWith("_")) { try { require(m); } catch {} } console.log("ok");' > "$TMP/core.js"
echo 'const _ = require("lodash"); const y = require("yargs/yargs"); console.log(_.VERSION, typeof y);' > "$ROOT/tests/npm/cases/.bench_first_line.js"
printf '%-28s %10s %10s %8s\n' "case ($RUNS runs)" node_ms kiln_ms ratio
for c in "tree|$TMP/tree.js" "core|$TMP/core.js" "lodash+yargs|$ROOT/tests/npm/cases/.bench_first_line.js"; do
  name=${c%%|*}; file=${c#*|}
  [ "$name" = "lodash+yargs" ] && [ ! -d "$ROOT/tests/npm/node_modules/yargs" ] && continue
  n=$("$STATS" "$RUNS" "$NODE" "$file" | cut -d' ' -f1)
  k=$("$STATS" "$RUNS" "$KILN" "$file" | cut -d' ' -f1)
  printf '%-28s %10s %10s %7.2fx\n' "$name" "$n" "$k" "$(awk -v a="$k" -v b="$n" 'BEGIN { print a / b }')"
done
rm -f "$ROOT/tests/npm/cases/.bench_first_line.js"
