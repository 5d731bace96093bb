#!/bin/bash
# run.sh [--update] [MODULE...]: Node's tests per module against kiln; prints
# "module passed/total" and, with --update, records the passing tests in
# lists/passing/MODULE.txt.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
KILN=$(realpath "$KILN")
update=0
[ "${1:-}" = --update ] && { update=1; shift; }
bash "$HERE/setup.sh" >/dev/null 2>&1 || { echo "conformance setup failed"; exit 1; }
mods=${*:-$(cd "$HERE/lists/all-by-module" && ls | sed 's/\.txt$//')}
mkdir -p "$HERE/lists/passing"
for m in $mods; do
  res=$(mktemp -d)
  RESULTS_DIR=$res TEST_TIMEOUT=${TEST_TIMEOUT:-30} bash "$HERE/run-node-tests.sh" "$KILN" \
    "$HERE/lists/all-by-module/$m.txt" >/dev/null 2>&1
  p=$(wc -l < "$res/passed.txt"); t=$(wc -l < "$res/list.txt")
  printf '%-16s %4d/%-4d\n' "$m" "$p" "$t"
  [ $update = 1 ] && sort "$res/passed.txt" > "$HERE/lists/passing/$m.txt"
  rm -rf "$res"
done
