#!/bin/sh
# run_js.sh [FILE...]: differential tests. Each tests/js/*_test.js runs under
# node and under kiln from the same directory; stdout and the exit code must
# be identical. Prints "ok - name" / "not ok - name" per test (with a diff).
#   KILN (default bazel-bin/kiln), NODE (default node), KILN_FLAGS (e.g. --no-snapshot)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- "$ROOT"/tests/js/*_test.js
fail=0
for f in "$@"; do
  f=$(realpath "$f")
  name=$(basename "$f" .js)
  dir=$(dirname "$f")
  (cd "$dir" && timeout 60 "$NODE" "$f" > "$TMP/node.out" 2> "$TMP/node.err" < /dev/null; echo "exit $?" >> "$TMP/node.out")
  (cd "$dir" && timeout 60 "$KILN" ${KILN_FLAGS:-} "$f" > "$TMP/kiln.out" 2> "$TMP/kiln.err" < /dev/null; echo "exit $?" >> "$TMP/kiln.out")
  if cmp -s "$TMP/node.out" "$TMP/kiln.out"; then
    echo "ok - js/$name"
  else
    echo "not ok - js/$name"
    diff -u "$TMP/node.out" "$TMP/kiln.out" | head -${DIFF_LINES:-40} | sed 's/^/    /'
    sed 's/^/    kiln stderr: /' "$TMP/kiln.err" | head -10
    fail=1
  fi
done
exit $fail
