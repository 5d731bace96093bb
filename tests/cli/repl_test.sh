#!/bin/sh
# The REPL against node: `-i` with piped input (no terminal), then a real
# terminal through script(1) with keystrokes sent at intervals. Output must
# match node's byte for byte, but for the welcome line and stack frames below
# the user's code (runtime internals).
SUITE=repl
. "$(dirname "$0")/lib.sh"

welcome() { sed -e 's/^Welcome to [A-Za-z.]* v[0-9.]*\./Welcome to RUNTIME./'; }

# --- piped input (-i) ----------------------------------------------------------
# same_repl NAME INPUT: `RUNTIME -i` on INPUT (printf format) prints the same.
same_repl() {
  printf "$2" > "$TMP/in"
  n=$("$NODE" -i < "$TMP/in" 2>&1 | welcome; echo "exit $?")
  k=$("$KILN" -i < "$TMP/in" 2>&1 | welcome; echo "exit $?")
  check "$1" "$n" "$k"
}

same_repl values '1+1\n"s"\n[1, {a: [2]}]\nundefined\nnull\n(() => {})\nnew Map([[1, 2]])\n'
same_repl declarations 'let a = [1,2]\na\nconst b = 3; b * 2\nvar c = 4\nc\nfunction f() { return 5 }\nf()\nclass K {}\nnew K()\n'
same_repl multiline 'function g() {\nreturn 1\n}\ng()\nx = {\na: 1,\nb: [\n2]}\n`a\nb`\n/* comment\nstill */ 7\nfoo(1\n'
same_repl object-literal '{a:1}\n{a:1, b: {c: 2}}\n{ let z = 1; z + 1 }\n{}\n'
same_repl errors 'throw new Error("x")\nnull.x\nfunction h() { throw new TypeError("t") }\nh()\nthrow 5\nthrow {a: 1}\n"abc\nlet q = 1\nlet q = 2\nundefinedVariable\n'
same_repl underscore '1+1\n_\n_ + 1\n_ = 10\n_\n2\n_\nthrow new Error("e1")\n_error.message\n_error = 1\n'
same_repl commands '.help\n.break\n.clear\n.foo\nx = [\n.break\n1\n.5 + 1\n..5\n'
same_repl await 'await Promise.resolve(3)\nconst z = await Promise.resolve(4)\nz\nlet {p, r: s} = await Promise.resolve({p: 1, r: 2})\n[p, s]\nawait Promise.reject(new Error("no"))\n'
same_repl globals 'typeof require + typeof module + typeof exports + typeof __filename\nmodule.id\ntypeof path.join\nrequire("events").name\nutil.inspect(1)\n'
same_repl resource-names 'new Error().stack.split("\\n")[1]\n1\nnew Error().stack.split("\\n")[1]\n{a:1}\nnew Error().stack.split("\\n")[1]\n"x\nnew Error().stack.split("\\n")[1]\n'
same_repl exit '1\n.exit\n2\n'

# repl.start() from a script, on streams.
START='const repl = require("repl"); const { PassThrough } = require("stream");
const input = new PassThrough(), output = new PassThrough(); let out = "";
output.on("data", (d) => { out += d; });
const r = repl.start({ prompt: "$ ", input, output, ignoreUndefined: true });
r.defineCommand("hi", { help: "Say hi", action(name) { this.output.write(`hi ${name}\n`); this.displayPrompt(); } });
r.on("exit", () => { console.log(JSON.stringify(out)); console.log(Object.keys(repl).join()); });
input.end("1+2\nvar u\n.hi bob\n.help\nthrow 1\n");'
check start-api "$("$NODE" -e "$START" 2>&1)" "$("$KILN" -e "$START" 2>&1)"

# Terminal editing and completion on streams (node's previews off: kiln has
# none).
TERM_START='const repl = require("repl"); const { PassThrough } = require("stream");
const input = new PassThrough(), output = new PassThrough(); let out = "";
output.on("data", (d) => { out += d; }); output.columns = 60; output.isTTY = true;
const r = repl.start({ input, output, terminal: true, useColors: false, preview: false });
const keys = ["let obj = {alpha: 1, beta: 2, gamma: {x: 1}}\r", "obj.", "\t", "\t", "g", "\t", ".", "\t",
  "\r", "\x15Math.a", "\t", "\t", "\x15.", "\t", "\t", "he", "\t", "\r", "\x15pro", "\t", "\t", "\x15",
  "[1,2].", "\t", "\t", "\x15", "\"str\".le", "\t", "\r", "\x04"];
(async () => { for (const k of keys) { input.write(k); await new Promise((res) => setTimeout(res, 20)); } })();
r.on("exit", () => console.log(JSON.stringify(out).replace(/Welcome[^\\]*/, "")));'
check start-terminal "$("$NODE" -e "$TERM_START" 2>&1)" "$("$KILN" -e "$TERM_START" 2>&1)"

# --- a terminal ----------------------------------------------------------------
if ! command -v script > /dev/null 2>&1; then
  ok "tty # SKIP no script(1)"
  exit $FAILED
fi
# same_tty NAME KEYS...: each argument typed (printf format) 0.3 s apart, the
# first after 1.2 s (a loaded machine took over 0.6 s to start the REPL), into
# `RUNTIME` on a terminal; the output bytes must match.
same_tty() {
  name=$1; shift
  for bin in "$NODE" "$KILN"; do
    (sleep 1.2; for keys in "$@"; do printf "$keys"; sleep 0.3; done; sleep 0.5) |
      TERM=xterm COLUMNS=80 script -qfec "$bin" /dev/null 2>&1 | welcome |
      sed -e '/^\s*at .*(\(node\|kiln\):/d' > "$TMP/tty.$(basename "$bin")"
  done
  if cmp -s "$TMP/tty.$(basename "$NODE")" "$TMP/tty.$(basename "$KILN")"; then ok "$name"; else
    not_ok "$name" "$(diff "$TMP/tty.$(basename "$NODE")" "$TMP/tty.$(basename "$KILN")" | cat -v | head -10)"
  fi
}

same_tty tty-eval '1+1\r' '"s" + 1\r' '[1, null, {a: true}]\r' '\004'
same_tty tty-errors 'throw new Error("x")\r' 'null.x\r' '"abc\r' '\004'
same_tty tty-multiline 'function f() {\r' 'return 2\r' '}\r' 'f()\r' '\004'
same_tty tty-editing 'abc\001X\005Y\r' '12345\033[D\033[D\177\r' 'foo bar\027"baz"\r' '1+\025"k"\r' '\004'
same_tty tty-history '10\r' '20\r' '\033[A\033[A\r' '\033[A\033[B\r' '\004'
same_tty tty-async-error 'setTimeout(() => { (function inner() { throw new Error("late") })() }, 1); 1\r' '' '\004'
same_tty tty-ctrl-c '1+\r' '\003' '\003' '\003'
same_tty tty-editor '.editor\r' 'function g() {\r' '  return 5\r' '}\r' 'g()' '\004' '\004'
same_tty tty-underscore '3\r' '_ * 2\r' '_ = 1\r' '\004'

exit $FAILED
