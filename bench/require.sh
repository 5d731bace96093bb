#!/bin/sh
# bench/require.sh [RUNS]: whole-process time of (1) requiring a tree of 200
# small user modules, (2) requiring every core module, (3) a script that
# requires lodash and yargs (from tests/npm, installed by tests/npm/run.sh),
# and ES modules: (4) a hello world as .mjs (and as .js), (5) a chain of 200
# ES modules, (6) an ES module importing a chain of 200 CommonJS modules
# (named exports found by the export lexer), (7) import() of 200 ES modules
# from CommonJS; (8) a first require('http') (a core module outside the
# snapshot: kiln loads it from its embedded code cache), (9) lodash+yargs and
# (10) the tree again with Node 22's compile cache warm (NODE_COMPILE_CACHE;
# node 20 has none, so its column is the plain run); kiln against node:
# medians and ratios from one run.
# Printed, never asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-20}
KILN=${KILN:-$ROOT/bazel-bin/kiln}
NODE=${NODE:-node}
STATS=$ROOT/bazel-bin/bench/proc_stats
[ -x "$STATS" ] || (cd "$ROOT" && bazel build //bench:proc_stats >/dev/null 2>&1)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
i=0
while [ $i -lt 200 ]; do
  next=$((i + 1))
  if [ $next -lt 200 ]; then
    printf 'exports.n = %d + require("./m%d").n;\n' "$i" "$next" > "$TMP/m$i.js"
  else
    printf 'exports.n = %d;\n' "$i" > "$TMP/m$i.js"
  fi
  i=$next
done
echo 'console.log(require("./m0").n);' > "$TMP/tree.js"
echo 'for (const m of require("module").builtinModules) if (!m.startsWith("_")) { try { require(m); } catch {} } console.log("ok");' > "$TMP/core.js"
echo 'const _ = require("lodash"); const y = require("yargs/yargs"); console.log(_.VERSION, typeof y);' > "$ROOT/tests/npm/cases/.bench_first_line.js"
echo 'console.log("hello");' > "$TMP/hello.mjs"
echo 'console.log("hello");' > "$TMP/hello.js"
i=0
while [ $i -lt 200 ]; do
  next=$((i + 1))
  if [ $next -lt 200 ]; then
    printf 'import { n as m } from "./e%d.mjs";\nexport const n = %d + m;\n' "$next" "$i" > "$TMP/e$i.mjs"
    printf 'exports.n = %d + require("./c%d.cjs").n;\n' "$i" "$next" > "$TMP/c$i.cjs"
  else
    printf 'export const n = %d;\n' "$i" > "$TMP/e$i.mjs"
    printf 'exports.n = %d;\n' "$i" > "$TMP/c$i.cjs"
  fi
  printf 'export const v = %d;\n' "$i" > "$TMP/d$i.mjs"
  i=$next
done
echo 'import { n } from "./e0.mjs"; console.log(n);' > "$TMP/esm_tree.mjs"
echo 'import { n } from "./c0.cjs"; console.log(n);' > "$TMP/cjs_tree.mjs"
echo 'require("http"); console.log("ok");' > "$TMP/http.js"
echo 'let s = 0; (async () => { for (let i = 0; i < 200; i++) s += (await import(`./d${i}.mjs`)).v; console.log(s); })();' > "$TMP/dynamic.js"
printf '%-28s %10s %10s %8s\n' "case ($RUNS runs)" node_ms kiln_ms ratio
for c in "tree|$TMP/tree.js" "core|$TMP/core.js" "lodash+yargs|$ROOT/tests/npm/cases/.bench_first_line.js" \
         "hello.js|$TMP/hello.js" "hello.mjs|$TMP/hello.mjs" "200 ES modules|$TMP/esm_tree.mjs" \
         "ESM importing 200 CJS|$TMP/cjs_tree.mjs" "import() x200 from CJS|$TMP/dynamic.js" \
         "require('http')|$TMP/http.js" \
         "lodash+yargs, compile cache|$ROOT/tests/npm/cases/.bench_first_line.js" \
         "tree, compile cache|$TMP/tree.js"; do
  name=${c%%|*}; file=${c#*|}
  case $name in lodash*) [ -d "$ROOT/tests/npm/node_modules/yargs" ] || continue ;; esac
  cache=
  case $name in *"compile cache") cache=$TMP/compile-cache; NODE_COMPILE_CACHE=$cache "$KILN" "$file" >/dev/null ;; esac
  n=$("$STATS" "$RUNS" "$NODE" "$file" | cut -d' ' -f1)
  k=$(NODE_COMPILE_CACHE=$cache "$STATS" "$RUNS" "$KILN" "$file" | cut -d' ' -f1)
  printf '%-28s %10s %10s %7.2fx\n' "$name" "$n" "$k" "$(awk -v a="$k" -v b="$n" 'BEGIN { print a / b }')"
done
rm -f "$ROOT/tests/npm/cases/.bench_first_line.js"
