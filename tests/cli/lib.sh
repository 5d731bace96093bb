# Shared helpers for tests/cli/*_test.sh (sourced). KILN and NODE name the
# binaries; each check prints "ok - NAME" or "not ok - NAME".
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
FAILED=0
SUITE=${SUITE:-cli}

ok() { echo "ok - $SUITE/$1"; }
not_ok() { echo "not ok - $SUITE/$1"; shift; for l in "$@"; do echo "    $l"; done; FAILED=1; }

# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi
}

# same_as_node NAME ARGS...: stdout and exit code equal node's for the same args.
same_as_node() {
  name=$1; shift
  n=$("$NODE" "$@" 2>/dev/null < /dev/null; echo "exit $?")
  k=$("$KILN" "$@" 2>/dev/null < /dev/null; echo "exit $?")
  check "$name" "$n" "$k"
}

# Node's stderr with the version footer and internal frames dropped.
normalize_err() {
  grep -v -e '^Node.js v' -e '^Kiln v' -e '^    at ' | sed -e 's/(node:[0-9]*)/(node:PID)/'
}
