#!/bin/sh
# snapshot_deterministic_test.sh TRAIN_SH TRAINER TRAINING_JS BUILDER BLOB
#                                CODE_CACHE_BUILDER CODE_CACHE
# What the build embedded is what fresh runs make, byte for byte, twice: the
# snapshot blob (trainer, then builder, in another directory than the
# build's) and the builtins' code caches.
set -eu
train_sh=$1 trainer=$2 training=$3 builder=$4 blob=$5 cache_builder=$6 cache=$7
tmp=${TEST_TMPDIR:-$(mktemp -d)}
for run in a b; do
  mkdir -p "$tmp/$run"
  bash "$train_sh" "$trainer" "$training" "$tmp/$run/trained" "$tmp/$run"
  "$builder" "$tmp/$run/blob" "$tmp/$run/trained"
  "$cache_builder" "$tmp/$run/cache"
done
cmp "$tmp/a/blob" "$tmp/b/blob"
cmp "$blob" "$tmp/a/blob"
echo "ok: snapshot blob, $(wc -c < "$blob") bytes, deterministic"
cmp "$tmp/a/cache" "$tmp/b/cache"
cmp "$cache" "$tmp/a/cache"
echo "ok: code caches, $(wc -c < "$cache") bytes, deterministic"
