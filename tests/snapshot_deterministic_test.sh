#!/bin/sh
# snapshot_deterministic_test.sh BUILDER OUTPUT [BUILDER OUTPUT ...]: for the
# snapshot blob and the code caches, what the build embedded and two fresh
# runs of its builder are byte-identical.
set -eu
tmp=${TEST_TMPDIR:-$(mktemp -d)}
while [ $# -ge 2 ]; do
  builder=$1; out=$2; shift 2
  "$builder" "$tmp/a.out"
  "$builder" "$tmp/b.out"
  cmp "$tmp/a.out" "$tmp/b.out"
  cmp "$out" "$tmp/a.out"
  echo "ok: $(basename "$out"), $(wc -c < "$out") bytes, deterministic"
done
