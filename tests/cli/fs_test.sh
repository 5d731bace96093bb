#!/bin/sh
# fs checks that need a special process: permission errors without
# CAP_DAC_OVERRIDE (setpriv), EMFILE under a low fd limit, the binding's own
# argument checks (kiln only) and the worker pool's lazy start and size.
SUITE=fs
. "$(dirname "$0")/lib.sh"
JS=$ROOT/tests/js

# EACCES: tests/js/fs_errors_test.js again, with file modes enforced for root.
if command -v setpriv > /dev/null && [ "$(id -u)" = 0 ]; then
  DROP="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner"
  n=$(cd "$JS" && $DROP "$NODE" fs_errors_test.js 2>&1; echo "exit $?")
  k=$(cd "$JS" && $DROP "$KILN" fs_errors_test.js 2>&1; echo "exit $?")
  check eacces-same-as-node "$n" "$k"
  echo "$k" | grep -q "^EACCES readFileSync threw Error EACCES open -13" && ok eacces-reported ||
    not_ok eacces-reported "$(echo "$k" | grep EACCES | head -3)"
else
  ok "eacces # SKIP needs root and setpriv"
fi

# EMFILE in the sync, callback and promise forms.
n=$(sh -c "ulimit -n 40; \"$NODE\" \"$ROOT/tests/cli/fs_emfile.js\"" 2>&1; echo "exit $?")
k=$(sh -c "ulimit -n 40; \"$KILN\" \"$ROOT/tests/cli/fs_emfile.js\"" 2>&1; echo "exit $?")
check emfile-same-as-node "$n" "$k"

# The binding never crashes on bad arguments.
out=$("$KILN" "$ROOT/tests/cli/fs_binding_check.js" 2>&1; echo "exit $?")
check binding-check-exit "exit 0" "$(echo "$out" | tail -1)"
bad=$(echo "$out" | grep -e "returned" -e " other " | grep -v -e "existsSync returned boolean")
check binding-check-throws "" "$bad"
echo "$out" | grep -q "^uncaught getter" && ok binding-check-getter ||
  not_ok binding-check-getter "$(echo "$out" | tail -3)"

# Pool threads: none at startup or for sync calls; UV_THREADPOOL_SIZE on first use.
check pool-default "sync 0 async 4 again 4" "$("$KILN" "$ROOT/tests/cli/fs_threads.js")"
check pool-size-env "sync 0 async 2 again 2" "$(UV_THREADPOOL_SIZE=2 "$KILN" "$ROOT/tests/cli/fs_threads.js")"

exit $FAILED
