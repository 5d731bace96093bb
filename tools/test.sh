#!/bin/sh
# tools/test.sh: set up, build, and run every test; the README's test
# command and what CI runs. Last line: "N passed, N failed".
#   tests: GoogleTest and shell tests through Bazel, JS tests differential
#   against node (tests/run_js.sh), CLI tests (tests/cli/*.sh).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG=$(mktemp); trap 'rm -f "$LOG"' EXIT
sh tools/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
if ! bazel build //:kiln //snapshot:builder 2>&1 | tail -20; then :; fi
[ -x bazel-bin/kiln ] || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# Bazel's tests: one line per target.
bazel test //tests/... 2>&1 | tee "$LOG" | grep -E '^//' || true
grep -E '^//.* PASSED' "$LOG" | sed 's/^\(\/\/[^ ]*\).*/ok - \1/' > "$LOG.res"
grep -E '^//.* (FAILED|NO STATUS|TIMEOUT)' "$LOG" | sed 's/^\(\/\/[^ ]*\).*/not ok - \1/' >> "$LOG.res"
grep -q 'FAILED TO BUILD\|Build did NOT complete' "$LOG" && echo "not ok - bazel test build" >> "$LOG.res"

# JS differential tests, in both startup modes, and CLI tests.
sh tests/run_js.sh 2>&1 | tee -a "$LOG.res"
KILN_FLAGS=--no-snapshot sh tests/run_js.sh "$ROOT"/tests/js/*_test.js 2>&1 | sed 's/^\(not \)\{0,1\}ok - js\//&no-snapshot:/' | tee -a "$LOG.res"
for t in tests/cli/*_test.sh; do
  sh "$t" 2>&1 | tee -a "$LOG.res"
done

# Node's own tests that Kiln passes today (tests/conformance/lists/passing):
# each must keep passing.
if ls tests/conformance/lists/passing/*.txt >/dev/null 2>&1 &&
   bash tests/conformance/setup.sh >/dev/null 2>&1; then
  for list in tests/conformance/lists/passing/*.txt; do
    [ -s "$list" ] || continue
    res=$(mktemp -d)
    RESULTS_DIR=$res TEST_TIMEOUT=60 bash tests/conformance/run-node-tests.sh \
      "$ROOT/bazel-bin/kiln" "$list" >/dev/null 2>&1
    sed -n 's/^\(PASS\|SKIP\) \([^ ]*\).*/ok - node\/\2/p; s/^\(FAIL\|TIMEOUT\) \([^ ]*\).*/not ok - node\/\2/p' \
      "$res/results.txt" | tee -a "$LOG.res"
    rm -rf "$res"
  done
fi

# Real npm packages (installed at test time) that Kiln runs today
# (tests/npm/passing.txt): output must equal node's.
for name in $(cat tests/npm/passing.txt); do
  sh tests/npm/run.sh "$name" 2>&1 | tee -a "$LOG.res"
done

passed=$(grep -c '^ok - ' "$LOG.res")
failed=$(grep -c '^not ok - ' "$LOG.res")
rm -f "$LOG.res"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
