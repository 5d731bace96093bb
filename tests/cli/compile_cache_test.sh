#!/bin/sh
# Node 22's compile cache (NODE_COMPILE_CACHE, module.enableCompileCache):
# a second run consumes the caches the first wrote; an edited module is
# compiled afresh; bad directories and corrupt files are no errors.
SUITE=compile_cache
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/app"
# Sources under 1 KiB are not cached (reading a cache costs more): pad to 2 KiB.
pad=$(printf '%2048s' '')
printf 'module.exports = (x) => x * 2;\n/*%s*/\n' "$pad" > "$TMP/app/double.js"
# Counts the modules compiled with a cache and the caches V8 refused.
cat > "$TMP/app/main.js" <<'JS'
const c = process.binding('contextify');
const compile = c.compileFunction;
let used = 0, refused = 0;
c.compileFunction = function(...args) {
  const fn = Reflect.apply(compile, this, args);
  if (args[7] !== undefined) used++;
  if (fn.cachedDataRejected) refused++;
  return fn;
};
const double = require('./double');
console.log(double(21), used, refused);
JS
run() { NODE_COMPILE_CACHE="$TMP/cache" "$KILN" "$TMP/app/main.js" 2>&1; }
check first-run "42 0 0" "$(run)"
# double.js (main.js is under 1 KiB)
check files-written "1" "$(ls "$TMP"/cache/kiln-*/ | wc -l | tr -d ' ')"
check second-run "42 1 0" "$(run)"
# Same length, other content: the cache is not used.
printf 'module.exports = (x) => x * 3;\n/*%s*/\n' "$pad" > "$TMP/app/double.js"
check edited "63 0 0" "$(run)"
check after-edit "63 1 0" "$(run)"
for f in "$TMP"/cache/kiln-*/*; do printf 'garbage' > "$f"; done
check corrupt "63 0 0" "$(run)"

api='const m = require("module"); const s = m.constants.compileCacheStatus;'
check enable "1 true 2 true" "$("$KILN" -e "$api const a = m.enableCompileCache('$TMP/c2'); const b = m.enableCompileCache(); console.log(a.status, a.directory === m.getCompileCacheDir(), b.status, s.ALREADY_ENABLED === 2)" 2>&1)"
check disabled "3 Disabled by NODE_DISABLE_COMPILE_CACHE undefined" "$(NODE_DISABLE_COMPILE_CACHE=1 "$KILN" -e "$api const a = m.enableCompileCache('$TMP/c3'); console.log(a.status, a.message, m.getCompileCacheDir())" 2>&1)"
printf x > "$TMP/file"
check failed "0 true" "$("$KILN" -e "$api const a = m.enableCompileCache('$TMP/file/sub'); console.log(a.status, a.message.startsWith('Cannot create cache directory'))" 2>&1)"
check bad-arg "ERR_INVALID_ARG_TYPE" "$("$KILN" -e "try { require('module').enableCompileCache(1) } catch (e) { console.log(e.code) }" 2>&1)"
check off-by-default "undefined" "$("$KILN" -p "require('module').getCompileCacheDir()" 2>&1)"
exit $FAILED
