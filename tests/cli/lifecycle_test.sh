#!/bin/sh
# Process lifecycle: exit codes, 'exit'/'beforeExit', uncaught errors,
# unhandled rejections, signals, and the per-run state the snapshot must not bake.
SUITE=lifecycle
. "$(dirname "$0")/lib.sh"

same_as_node exit-code -e 'process.exit(3)'
same_as_node exit-code-prop -e 'process.exitCode = 4'
same_as_node exit-event -e 'process.on("exit", (c) => console.log("exit", c)); process.exitCode = 2'
same_as_node exit-once -e 'process.on("exit", (c) => { console.log("exit", c); process.exit(5) }); process.exit(1)'
same_as_node before-exit -e 'let n = 0; process.on("beforeExit", (c) => { console.log("beforeExit", c, n); if (n++ < 2) setTimeout(() => console.log("more", n), 1) }); process.on("exit", (c) => console.log("exit", c))'
same_as_node uncaught-exit -e 'process.on("exit", (c) => console.log("exit", c, process.exitCode)); throw new Error("x")'
same_as_node uncaught-listener -e 'process.on("uncaughtException", (e, o) => console.log("caught", e.message, o)); setTimeout(() => console.log("after"), 1); throw new Error("boom")'
same_as_node uncaught-in-handler -e 'process.on("uncaughtException", () => { throw new Error("again") }); throw 1'
same_as_node exit-listener-throws -e 'process.on("exit", () => { throw new Error("in exit") })'
same_as_node exit-listener-code -e 'process.on("exit", () => { process.exitCode = 9 }); throw new Error("x")'
same_as_node unhandled-rejection -e 'Promise.reject(new Error("nope"))'
same_as_node unhandled-rejection-value -e 'Promise.reject(42)'
same_as_node unhandled-rejection-listener -e 'process.on("unhandledRejection", (r, p) => console.log("unhandled", r, p instanceof Promise)); Promise.reject(7)'
same_as_node handled-later -e 'const p = Promise.reject(1); p.catch(() => console.log("handled"))'
same_as_node exit-invalid -e 'try { process.exit("abc") } catch (e) { console.log(e.code) }'

# Error output: the source line, a caret and the stack, as Node prints them.
printf 'const a = 1;\nthrow new Error("boom");\n' > "$TMP/throw.js"
"$NODE" "$TMP/throw.js" 2>&1 | normalize_err > "$TMP/n"
"$KILN" "$TMP/throw.js" 2>&1 | normalize_err > "$TMP/k"
check uncaught-format "$(cat "$TMP/n")" "$(cat "$TMP/k")"
printf 'let x = ;\n' > "$TMP/syntax.js"
"$NODE" "$TMP/syntax.js" 2>&1 | normalize_err > "$TMP/n"; n=$?
"$KILN" "$TMP/syntax.js" 2>&1 | normalize_err > "$TMP/k"
check syntax-error-format "$(cat "$TMP/n")" "$(cat "$TMP/k")"
"$KILN" "$TMP/syntax.js" 2>/dev/null; check syntax-error-exit 1 $?
"$NODE" -e 'throw 1' 2>&1 | normalize_err | sed 's/node --trace/X --trace/' > "$TMP/n"
"$KILN" -e 'throw 1' 2>&1 | normalize_err | sed 's/kiln --trace/X --trace/' > "$TMP/k"
check throw-primitive-format "$(cat "$TMP/n")" "$(cat "$TMP/k")"
"$NODE" -e 'Promise.reject(new Error("r"))' 2>&1 | normalize_err > "$TMP/n"
"$KILN" -e 'Promise.reject(new Error("r"))' 2>&1 | normalize_err > "$TMP/k"
check rejection-format "$(cat "$TMP/n")" "$(cat "$TMP/k")"
"$KILN" "$TMP/missing.js" 2>"$TMP/k"; rc=$?
check missing-script-exit 1 $rc
grep -q "Cannot find module '$TMP/missing.js'" "$TMP/k" && ok missing-script-text || not_ok missing-script-text "$(cat "$TMP/k")"

# Signals: default action kills with the signal; a listener keeps us alive.
"$KILN" -e 'setTimeout(() => {}, 5000); process.kill(process.pid, "SIGTERM")'; check sigterm-default 143 $?
"$KILN" -e 'setTimeout(() => {}, 5000); process.kill(process.pid, "SIGINT")'; check sigint-default 130 $?
# A shell's `cmd &` starts cmd with SIGINT ignored; as Node, kiln restores
# the default action, so the signal still ends it.
KILN="$KILN" sh -c '"$KILN" -e "setTimeout(() => {}, 5000); process.kill(process.pid, \"SIGINT\")" & wait $!'
check sigint-default-when-inherited-ignored 130 $?
check sigint-listener "got SIGINT SIGINT 2" "$("$KILN" -e 'process.on("SIGINT", (s, n) => { console.log("got SIGINT", s, n); process.exit(0) }); setTimeout(() => {}, 5000); process.kill(process.pid, "SIGINT")')"
check sigusr1 "usr1" "$("$KILN" -e 'process.once("SIGUSR1", () => console.log("usr1")); setTimeout(() => process.kill(process.pid, "SIGUSR1"), 1); setTimeout(() => {}, 50)')"
check signal-unref "done" "$(timeout 5 "$KILN" -e 'process.on("SIGINT", () => {}); console.log("done")')"
# EPIPE, not death by SIGPIPE: an unhandled 'error' on stdout exits 1 as in
# Node; console.log swallows it and exits 0.
"$KILN" -e 'process.stdout.write("x".repeat(1 << 20))' 2>/dev/null > "$TMP/fifo.out" &
wait $!; check stdout-write-file 0 $?
sh -c '"$1" -e "process.stdout.write(\"x\".repeat(1 << 20))" 2>/dev/null; echo $? > "$2"' _ "$KILN" "$TMP/rc1" | head -c1 >/dev/null
sh -c '"$1" -e "process.stdout.write(\"x\".repeat(1 << 20))" 2>/dev/null; echo $? > "$2"' _ "$NODE" "$TMP/rc2" | head -c1 >/dev/null
check epipe-write "$(cat "$TMP/rc2")" "$(cat "$TMP/rc1")"
sh -c '"$1" -e "for (let i = 0; i < 1e5; i++) console.log(i)" 2>/dev/null; echo $? > "$2"' _ "$KILN" "$TMP/rc1" | head -1 >/dev/null
check epipe-console "0" "$(cat "$TMP/rc1")"

# Per-run state is read at startup, never baked into the snapshot.
a=$("$KILN" -p 'Math.random()'); b=$("$KILN" -p 'Math.random()')
[ "$a" != "$b" ] && ok math-random-differs || not_ok math-random-differs "$a" "$b"
a=$("$KILN" -p 'process.pid'); b=$("$KILN" -p 'process.pid')
[ "$a" != "$b" ] && ok pid-differs || not_ok pid-differs "$a" "$b"
check cwd "$TMP" "$(cd "$TMP" && "$KILN" -p 'process.cwd()')"
check env-read "hello" "$(KILN_T=hello "$KILN" -p 'process.env.KILN_T')"
check env-write "set set" "$("$KILN" -e 'process.env.KILN_W = "set"; console.log(process.env.KILN_W, require("child_process").execSync("echo $KILN_W").toString().trim())')"
check env-tz "true" "$(TZ=UTC "$KILN" -e 'const a = new Date(0).getHours(); process.env.TZ = "Asia/Tokyo"; console.log(new Date(0).getHours() === (a + 9) % 24)')"
check env-accessor "ERR_INVALID_OBJECT_DEFINE_PROPERTY" "$("$KILN" -e 'try { Object.defineProperty(process.env, "X", { get() {} }) } catch (e) { console.log(e.code) }')"
check env-delete "undefined false" "$(KILN_D=1 "$KILN" -p 'delete process.env.KILN_D; String(process.env.KILN_D) + " " + ("KILN_D" in process.env)')"
check env-keys "true" "$(KILN_K=1 "$KILN" -p 'Object.keys(process.env).includes("KILN_K")')"
check date-now "true" "$("$KILN" -p "Math.abs(Date.now() - $(date +%s)000) < 60000")"
check hrtime-fresh "true" "$("$KILN" -p 'process.uptime() < 5')"
check stdout-kind-pipe "false" "$("$KILN" -p 'process.stdout.isTTY === true' | cat)"
check stdout-kind-file "fs" "$("$KILN" -e 'console.log(process.stdout._type)' > "$TMP/o"; cat "$TMP/o")"
check no-snapshot-same "$("$KILN" -p 'Object.keys(globalThis).join()')" "$("$KILN" --no-snapshot -p 'Object.keys(globalThis).join()')"
check no-snapshot-env "$("$KILN" -p 'typeof process.binding')" "$(KILN_NO_SNAPSHOT=1 "$KILN" -p 'typeof process.binding')"

exit $FAILED
