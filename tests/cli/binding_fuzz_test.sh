#!/bin/sh
# Every binding survives wrong arguments from user code (binding_fuzz.js):
# errors are thrown, the process never crashes. One check per binding.
SUITE=bindings
. "$(dirname "$0")/lib.sh"
# Run in a scratch directory: fuzzed fs calls create and remove entries.
cd "$TMP" || exit 1
for f in "$ROOT"/bindings/*.cc; do
  name=$(basename "$f" .cc)
  out=$(timeout 60 "$KILN" "$ROOT/tests/cli/binding_fuzz.js" "$name" 2>&1 < /dev/null); rc=$?
  case "$out" in
    survived*) [ $rc -eq 0 ] && ok "fuzz-$name" || not_ok "fuzz-$name" "exit $rc" "$out" ;;
    *) not_ok "fuzz-$name" "exit $rc" "$(echo "$out" | tail -5)" ;;
  esac
done
exit $FAILED
