#!/bin/sh
# snapshot_deterministic_test.sh BUILDER BLOB: the blob the build embedded and
# two fresh runs of the builder are byte-identical.
set -eu
builder=$1; blob=$2; tmp=${TEST_TMPDIR:-$(mktemp -d)}
"$builder" "$tmp/a.blob"
"$builder" "$tmp/b.blob"
cmp "$tmp/a.blob" "$tmp/b.blob"
cmp "$blob" "$tmp/a.blob"
echo "ok: $(wc -c < "$blob") bytes, deterministic"
