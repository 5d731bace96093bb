#!/bin/sh
# A server's req/res keep shared hidden classes when their prototype is
# swapped per request, as Express does (internal/util/stable_shape.js), and
# nothing of it shows: what user code sees of them matches node.
SUITE=http-shape
. "$(dirname "$0")/lib.sh"

SCRIPT="$ROOT/tests/cli/http/shape_server.js"
timeout 30 "$KILN" "$SCRIPT" > "$TMP/k.out" 2>&1; krc=$?
timeout 30 "$NODE" "$SCRIPT" > "$TMP/n.out" 2>&1
check exit 0 "$krc"
if cmp -s "$TMP/k.out" "$TMP/n.out"; then ok same-as-node
else not_ok same-as-node "$(diff "$TMP/n.out" "$TMP/k.out" | head -10)"; fi

timeout 30 "$KILN" --allow-natives-syntax "$SCRIPT" > "$TMP/shape.out" 2>&1
for r in 0 1 2; do
  check "shared-maps-round-$r" "round $r: req true, res true" "$(grep "^round $r:" "$TMP/shape.out")"
done
exit $FAILED
