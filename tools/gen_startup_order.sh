#!/bin/sh
# tools/gen_startup_order.sh: rewrites runtime/startup_order.txt, the
# functions a release kiln runs as it starts (a hello world and
# bench/typical/main.js, under callgrind), which the release link places
# together (lld --symbol-ordering-file): the start then touches ~100 fewer
# pages of the 16 MB text. Rerun after large changes to V8 or the startup
# path; a stale list costs only some of that gain (unknown names are skipped).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bazel build --config=release //:kiln >/dev/null 2>&1
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
for script in examples/hello.js bench/typical/main.js; do
  (cd "$(dirname "$script")" &&
   valgrind --tool=callgrind --demangle=no --callgrind-out-file="$TMP/cg.$(basename "$script")" \
     "$ROOT/bazel-release-bin/kiln" "$(basename "$script")" >/dev/null 2>&1)
done
# Every function that ran, once; V8's embedded builtins (Builtins_*) live in
# one blob that the linker cannot reorder.
for f in "$TMP"/cg.*; do
  callgrind_annotate --threshold=100 "$f" |
    sed -nE "s/^ *[0-9,]+ +(\([^)]*\) +)?\?\?\?:([^ ']+)('[0-9]+)? .*$/\2/p"
done | grep -v -e '^Builtins_' -e '^0x' | awk '!seen[$0]++' > runtime/startup_order.txt
echo "runtime/startup_order.txt: $(wc -l < runtime/startup_order.txt) functions"
