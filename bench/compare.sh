#!/bin/sh
# bench/compare.sh SCRIPT [ARGS...]: runs a benchmark script under node and
# kiln, alternately RUNS times (default 3), and prints each measurement's best
# value for both with the kiln/node ratio. The script prints "name value"
# lines where lower is better (e.g. ns/op). Alternating and keeping the best
# run makes the ratios robust on a shared machine. Timings are printed, never
# asserted. Env: KILN (default bazel-bin/kiln), NODE, RUNS.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
RUNS=${RUNS:-3}
[ $# -ge 1 ] || { echo "usage: $0 SCRIPT [ARGS...]" >&2; exit 2; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
i=0
while [ $i -lt "$RUNS" ]; do
  "$NODE" "$@" >> "$TMP/node"
  "$KILN" "$@" >> "$TMP/kiln"
  i=$((i + 1))
done
printf '%-32s %14s %14s %9s\n' "$(basename "$1") (best of $RUNS)" node kiln kiln/node
awk 'NR == FNR { if (!($1 in node) || $2 < node[$1]) node[$1] = $2; next }
     { if (!($1 in kiln)) order[n++] = $1
       if (!($1 in kiln) || $2 < kiln[$1]) kiln[$1] = $2 }
     END { for (i = 0; i < n; i++) { k = order[i]; if (!(k in node)) continue
             printf "%-32s %14s %14s %8.2fx\n", k, node[k], kiln[k], (node[k] > 0 ? kiln[k] / node[k] : 0) } }' \
  "$TMP/node" "$TMP/kiln"
