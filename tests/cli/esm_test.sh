#!/bin/sh
# ES modules against node: entry points (.mjs, .js in a "type": "module"
# package, syntax detection, --input-type=module with -e and stdin), static
# and dynamic imports, packages ("exports", "imports", "main"), CommonJS
# interop both ways, builtins, JSON, import.meta, top-level await, and the
# errors (classes, codes, messages, exit codes). The fixtures are in
# tests/js/fixtures/esm; each case runs there under both binaries.
SUITE=esm
. "$(dirname "$0")/lib.sh"
FIX="$ROOT/tests/js/fixtures/esm"
cd "$FIX" || exit 1

# Node's stderr made comparable: normalize_err, plus the source header of an
# error thrown inside the runtime (node:internal/x:N or kiln:internal/x:N,
# then its source line, caret and a blank line), whose text is each
# runtime's own.
norm_err() {
  normalize_err | awk '/^(node|kiln):internal\//{skip=3; next} skip>0{skip--; next} {print}'
}

# same NAME [--stdin FILE] ARGS...: stdout, exit code and stderr match node's.
same() {
  name=$1; shift
  input=/dev/null
  if [ "$1" = --stdin ]; then input=$2; shift 2; fi
  "$NODE" "$@" > "$TMP/n.out" 2> "$TMP/n.err" < "$input"; echo "exit $?" >> "$TMP/n.out"
  "$KILN" "$@" > "$TMP/k.out" 2> "$TMP/k.err" < "$input"; echo "exit $?" >> "$TMP/k.out"
  norm_err < "$TMP/n.err" > "$TMP/n.nerr"
  norm_err < "$TMP/k.err" > "$TMP/k.nerr"
  if cmp -s "$TMP/n.out" "$TMP/k.out" && cmp -s "$TMP/n.nerr" "$TMP/k.nerr"; then
    ok "$name"
  else
    not_ok "$name" "$(diff "$TMP/n.out" "$TMP/k.out" | head -12)" \
      "$(diff "$TMP/n.nerr" "$TMP/k.nerr" | head -12)"
  fi
}

# Entry points and what they import.
same basics basics.mjs
same builtins builtins.mjs
same import-meta meta.mjs
same cjs-from-esm cjs.mjs
same packages packages.mjs
same tla tla.mjs
same microtask-order order.mjs
same type-module-entry app/index.js arg1 --arg2
same dynamic-import-from-cjs dynamic.cjs
same require-esm cjs/uses_esm.cjs
same detect-esm detect/esm.js
same detect-cjs detect/cjs.js
same detect-tla detect/tla.js
same require-detected detect/require_detected.cjs

# -e and stdin.
same eval-input-type --input-type=module -e \
  'import { add } from "./lib/math.mjs"; console.log(add(1, 2), import.meta.url); console.log(await import("./lib/reexport.mjs"))'
same eval-detect -e 'import { add } from "./lib/math.mjs"; console.log(add(2, 2))'
same eval-detect-tla -e 'console.log((await import("./lib/math.mjs")).add(3, 3))'
same eval-dynamic -e 'import("./lib/math.mjs").then((m) => console.log(m.add(4, 4), typeof require))'
same eval-throw --input-type=module -e 'throw new Error("from eval")'
printf 'import * as m from "./lib/math.mjs";\nconsole.log(Object.keys(m), import.meta.url);\n' > "$TMP/stdin.mjs"
same stdin-input-type --stdin "$TMP/stdin.mjs" --input-type=module
same stdin-detect --stdin "$TMP/stdin.mjs" -

# Errors: uncaught ones print the source line and caret (or Node's own
# header for errors raised by the loader), with Node's codes and exit codes.
for f in errors/*.mjs errors/*.cjs; do
  same "$(basename "$f" | sed 's/\./-/')" "$f"
done
same require-esm-disabled --no-experimental-require-module errors/require_esm.cjs
same require-esm-type-module-disabled --no-experimental-require-module cjs/uses_esm.cjs
same missing-entry errors/no-such-entry.mjs
same input-type-with-file --input-type=module basics.mjs
"$KILN" --input-type=wasm -e 1 2>/dev/null; check input-type-invalid 9 $?

# User conditions for "exports" (import and require alike).
same conditions --conditions=custom -e \
  'import("dual-pkg").then((m) => console.log(m.which, require("dual-pkg").which))'
same conditions-short -C custom -e 'console.log(require("dual-pkg").which)'

# --import: ES modules preloaded in order and awaited, after -r, before the
# entry (CommonJS or ES), also from NODE_OPTIONS; bare names resolve from the
# working directory's node_modules.
same import-preload --import ./preload/first.mjs preload/entry.cjs
same import-two-esm --import ./preload/first.mjs --import dual-pkg preload/entry.mjs
same import-after-require -r ./preload/required.cjs --import=./preload/first.mjs preload/entry.cjs
same import-eval --import ./preload/first.mjs -e 'console.log("eval", globalThis.preloaded)'
same import-throws --import ./preload/throws.mjs preload/entry.cjs
same import-missing --import ./preload/nope.mjs preload/entry.cjs
export NODE_OPTIONS='--import ./preload/first.mjs'
same import-node-options preload/entry.cjs
unset NODE_OPTIONS

# Loader hooks (module.register, --import registering them, --loader with
# its warning): chains, nextResolve/nextLoad, shortCircuit, sources and
# formats from load hooks, initialize's data, and the chain's errors.
same hooks-register hooks/register.mjs
same hooks-import-cjs-main --import ./hooks/register-hooks.mjs hooks/main.cjs
same hooks-errors hooks/errors.mjs
same hooks-loader --loader ./hooks/hooks.mjs hooks/static.mjs

exit $FAILED
