#!/bin/sh
# bench/compare.sh SCRIPT [ARGS...]: runs a benchmark script under node and
# kiln and prints each measurement side by side with the kiln/node ratio.
# The script prints "name value" lines where lower is better (e.g. ns/op).
# Timings are printed, never asserted. Env: KILN (default bazel-bin/kiln), NODE.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
[ $# -ge 1 ] || { echo "usage: $0 SCRIPT [ARGS...]" >&2; exit 2; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
"$NODE" "$@" > "$TMP/node"
"$KILN" "$@" > "$TMP/kiln"
printf '%-32s %14s %14s %8s\n' "$(basename "$1")" node kiln kiln/node
awk 'NR == FNR { node[$1] = $2; next }
     ($1 in node) { r = node[$1] > 0 ? $2 / node[$1] : 0
                    printf "%-32s %14s %14s %7.2fx\n", $1, node[$1], $2, r }' "$TMP/node" "$TMP/kiln"
