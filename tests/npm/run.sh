#!/bin/sh
# tests/npm/run.sh: installs the packages in package.json with npm (at test
# time, into tests/npm/node_modules, never committed) and runs each
# cases/NAME.js under node and kiln; stdout and exit code must match.
# Prints "ok - npm/NAME" / "not ok - npm/NAME".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
# (Re)install when package.json changed since the last install.
if [ ! -f "$HERE/node_modules/.package-lock.json" ] ||
   [ "$HERE/package.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    { echo "not ok - npm/install"; exit 1; }
fi
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fail=0
for f in "$HERE"/cases/${1:-*}.js; do
  name=$(basename "$f" .js)
  (cd "$HERE/cases" && timeout 30 "$NODE" "$f" > "$TMP/n" 2>/dev/null; echo "exit $?" >> "$TMP/n")
  (cd "$HERE/cases" && timeout 30 "$KILN" "$f" > "$TMP/k" 2> "$TMP/kerr"; echo "exit $?" >> "$TMP/k")
  if cmp -s "$TMP/n" "$TMP/k"; then
    echo "ok - npm/$name"
  else
    echo "not ok - npm/$name"
    diff "$TMP/n" "$TMP/k" | head -${DIFF_LINES:-6} | sed 's/^/    /'
    head -3 "$TMP/kerr" | sed 's/^/    stderr: /'
    fail=1
  fi
done
exit $fail
