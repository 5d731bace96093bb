#!/bin/bash
# train.sh TRAINER TRAINING_JS OUT SCRATCH_DIR: runs snapshot/trainer on
# training.js with stdout a pipe and stderr a file (both kinds of stdio
# stream get trained) and the flags snapshot/builder sets, which the caches'
# flag hash must match. An empty environment: which functions run (colour
# checks, say) must not depend on who builds.
set -euo pipefail
trainer=$1 script=$2 out=$3 scratch=$4
env -i "$trainer" "$out" --predictable --hash-seed=20261126 --random-seed=20261126 \
  --no-flush-bytecode "$script" "$scratch" 2>"$scratch/training.err" | cat >/dev/null ||
  { tail -20 "$scratch/training.err" >&2; exit 1; }
