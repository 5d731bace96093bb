#!/bin/sh
# The command line, as Node's: modes, options, V8 flags, exit codes.
SUITE=cli
. "$(dirname "$0")/lib.sh"

check version "$(cat "$ROOT/runtime/kiln.h" | sed -n 's/#define KILN_VERSION "\(.*\)"/v\1/p')" "$("$KILN" --version)"
"$KILN" --help | grep -q -- '--eval' && ok help || not_ok help
"$KILN" -h | grep -q 'Usage: kiln' && ok help-short || not_ok help-short
same_as_node eval -e 'console.log(1 + 1)'
same_as_node print -p '[1, 2, 3].map((x) => x * 2)'
same_as_node print-object -p '({ a: 1, b: "x" })'
same_as_node print-pe -pe '"pe"'
same_as_node eval-args -e 'console.log(process.argv.slice(1))' a b
same_as_node eval-args-dashdash -e 'console.log(process.argv.slice(1))' -- --x y
same_as_node eval-execargv --stack-size=900 -e 'console.log(process.execArgv)'
same_as_node eval-filename -e 'console.log(__filename, __dirname, typeof require, typeof module)'
same_as_node eval-builtin-globals -e 'console.log(typeof path.join, typeof util.inspect)'
# -c/--check: syntax only (nothing runs), from a file or stdin.
printf 'console.log("ran")\nvar foo bar;\n' > "$TMP/bad.js"
printf 'console.log("ran")\n' > "$TMP/good.js"
same_as_node check-good -c "$TMP/good.js"
same_as_node check-bad --check "$TMP/bad.js"
check check-bad-stderr "$("$NODE" -c "$TMP/bad.js" 2>&1 | head -3)" "$("$KILN" -c "$TMP/bad.js" 2>&1 | head -3)"
check check-stdin "$(printf 'var foo bar;' | "$NODE" -c 2>&1 | head -1; echo $?)" \
  "$(printf 'var foo bar;' | "$KILN" -c 2>&1 | head -1; echo $?)"
"$KILN" -c -e 1 2>/dev/null; check check-with-eval 9 $?
# NODE_OPTIONS: read before the command line (which wins), kept out of
# process.execArgv; what picks the code to run is refused (exit 9).
echo 'console.log("pre")' > "$TMP/pre.js"
export NODE_OPTIONS="-r $TMP/pre.js --stack-trace-limit=3 --max-http-header-size=1234 --no-deprecation"
same_as_node node-options -e 'console.log(process.execArgv, Error.stackTraceLimit, require("http").maxHeaderSize, process.noDeprecation)'
same_as_node node-options-cli-wins --max-http-header-size=5678 -p 'require("http").maxHeaderSize'
NODE_OPTIONS='--title "a b" --expose-gc' same_as_node node-options-quoted -p 'process.title + " " + typeof gc'
NODE_OPTIONS='-e 1' same_as_node node-options-denied -p 1
NODE_OPTIONS='--allow-natives-syntax' same_as_node node-options-v8-denied -p 1
NODE_OPTIONS='--title "a b' same_as_node node-options-unterminated -p 1
unset NODE_OPTIONS
same_as_node negation-last-wins --no-warnings --warnings -e 'process.emitWarning("w")'
same_as_node negation-not-boolean --no-max-http-header-size -p 1
# `--opt=` with nothing after the '=' names no value: exit 9 and Node's words
# (argv[0] first); --print's value is optional.
for opt in --title= --require= --import= --eval= --report-signal= --max-http-header-size=; do
  same_as_node "empty-value$opt" "$opt" -e 1
  check "empty-value-stderr$opt" "$KILN: $opt requires an argument" "$("$KILN" "$opt" -e 1 2>&1)"
done
same_as_node empty-value-print --print= -e 1
NODE_OPTIONS='--title=' same_as_node empty-value-node-options -p 1
# --env-file: the file's variables, unless the environment has them.
printf 'A=1\n# comment\nB="two words"\nexport C=3\nE="multi\\nline"\n' > "$TMP/e.env"
A=kept same_as_node env-file --env-file="$TMP/e.env" -p 'JSON.stringify([process.env.A, process.env.B, process.env.C, process.env.E, process.execArgv.length])'
check env-file-missing 9 "$("$KILN" --env-file="$TMP/none.env" -e 1 2>/dev/null; echo $?)"
# fork() from -e code must not pass `-e CODE` on to the child (a fork
# bomb); a child that gets it anyway prints "re-ran -e" and stops.
echo 'console.log("child", JSON.stringify(process.execArgv))' > "$TMP/child.js"
same_as_node eval-fork -e 'if (process.env.KILN_FORKED) { console.log("re-ran -e"); process.exit(0); }
  const c = require("child_process").fork(process.argv[1], [], { env: { ...process.env, KILN_FORKED: "1" } });
  c.on("exit", (code) => console.log("exit", code));' "$TMP/child.js"

printf 'console.log("from stdin", process.argv.length)\n' > "$TMP/s.js"
check stdin-dash "$("$NODE" - < "$TMP/s.js")" "$("$KILN" - < "$TMP/s.js")"
check stdin-pipe "$("$NODE" < "$TMP/s.js")" "$("$KILN" < "$TMP/s.js")"
printf 'console.log(process.argv.slice(2).join(","))\n' > "$TMP/args.js"
check script-args "a,--b,c" "$("$KILN" "$TMP/args.js" a --b c)"
check script-dashdash "x" "$("$KILN" -- "$TMP/args.js" x)"
check argv1-absolute "$(cd "$TMP" && "$NODE" -p 'require("path").resolve("args.js")')" \
  "$(cd "$TMP" && printf 'console.log(process.argv[1])' > a1.js && "$KILN" a1.js | sed 's/a1.js$/args.js/')"

"$KILN" --no-such-option -e 1 2> "$TMP/err"; rc=$?
check unknown-option-exit "9" "$rc"
check unknown-option-text "$("$NODE" --no-such-option -e 1 2>&1 | sed 's/^node/X/')" "$(sed 's/^[^:]*kiln/X/' "$TMP/err")"
"$KILN" -e 2>/dev/null; check eval-missing-arg 9 $?

# Node 20 flags kept for compatibility: a no-op, and the one CVE revert it knows.
same_as_node global-webcrypto --experimental-global-webcrypto -p 'typeof crypto.subtle'
same_as_node security-revert --security-revert=CVE-2023-46809 -p 'process.execArgv'
check security-revert-warning "$("$NODE" --security-revert=CVE-2023-46809 -e 1 2>&1)" \
  "$("$KILN" --security-revert=CVE-2023-46809 -e 1 2>&1)"
"$KILN" --security-revert=CVE-2000-1 -e 1 2>/dev/null; check security-revert-unknown 12 $?  # Node's kInvalidCommandLineArgument2
# --tls-min-v1.x/--tls-max-v1.x set tls.DEFAULT_MIN/MAX_VERSION, also from NODE_OPTIONS.
same_as_node tls-version-options --tls-min-v1.1 --tls-max-v1.2 \
  -p '[require("tls").DEFAULT_MIN_VERSION, require("tls").DEFAULT_MAX_VERSION]'
check tls-version-options-env "$(NODE_OPTIONS=--tls-min-v1.0 "$NODE" -p 'require("tls").DEFAULT_MIN_VERSION')" \
  "$(NODE_OPTIONS=--tls-min-v1.0 "$KILN" -p 'require("tls").DEFAULT_MIN_VERSION')"
"$KILN" --tls-min-v1.3 --tls-max-v1.2 -e 1 2>/dev/null; check tls-version-conflict 9 $?

# V8 flags reach V8.
check expose-gc "function" "$("$KILN" --expose-gc -p 'typeof gc')"
check no-gc-default "undefined" "$("$KILN" -p 'typeof gc')"
check max-old-space "true" "$("$KILN" --max-old-space-size=64 -p 'require("v8") ? true : true' 2>/dev/null || "$KILN" --max-old-space-size=64 -p 'true')"
"$KILN" --v8-options | grep -q -- '--max-old-space-size' && ok v8-options || not_ok v8-options
check stack-size "RangeError" "$("$KILN" --stack-size=100 -e 'function f(){f()} try{f()}catch(e){console.log(e.name)}')"

# process.versions and friends.
"$KILN" -p 'Object.keys(process.versions).join(" ")' > "$TMP/v"
for k in kiln v8 libev zlib boringssl llhttp node; do
  grep -qw "$k" "$TMP/v" && ok "versions-$k" || not_ok "versions-$k" "$(cat "$TMP/v")"
done
check version-prefix "v" "$("$KILN" -p 'process.version[0]')"

# No BoringSSL, zlib or libev symbol is exported from kiln.
if command -v nm >/dev/null; then
  syms=$(nm -D --defined-only "$KILN" | grep -E ' (SHA256|SSL_|EVP_|deflate|inflate|ev_run|llhttp_)' | head -3)
  check no-exported-deps "" "$syms"
fi

# --disable-proto: Object.prototype.__proto__ throws or is gone (vm contexts too).
same_as_node disable-proto-throw --disable-proto=throw -e 'for (const f of [() => ({}).__proto__, () => require("vm").runInNewContext("({}).__proto__")]) { try { f() } catch (e) { console.log(e.code, e.message) } } console.log(Object.hasOwn(Object.prototype, "__proto__"))'
same_as_node disable-proto-delete --disable-proto=delete -e 'console.log(({}).__proto__, Object.hasOwn(Object.prototype, "__proto__"), require("vm").runInNewContext("({}).__proto__"))'
same_as_node disable-proto-invalid --disable-proto=sometimes -e 1
exit $FAILED
