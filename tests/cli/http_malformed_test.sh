#!/bin/sh
# Malformed and hostile HTTP requests (tests/cli/http/malformed_server.js):
# each gets its 400/408/413/431 and a closed connection, the server keeps
# serving, and everything matches node. Loopback only.
SUITE=http
. "$(dirname "$0")/lib.sh"

SCRIPT="$ROOT/tests/cli/http/malformed_server.js"
timeout 60 "$KILN" "$SCRIPT" > "$TMP/k.out" 2> "$TMP/k.err"; krc=$?
timeout 60 "$NODE" "$SCRIPT" > "$TMP/n.out" 2> "$TMP/n.err"
check malformed-exit 0 "$krc"
[ -s "$TMP/k.err" ] && not_ok malformed-stderr "$(head -5 "$TMP/k.err")" || ok malformed-stderr

# expect CASE STATUS: the case's line in kiln's output.
expect() {
  check "$1" "$1: $2 closed" "$(grep "^$1:" "$TMP/k.out")"
}
expect bad-request-line "HTTP/1.1 400 Bad Request"
expect bad-method "HTTP/1.1 400 Bad Request"
expect bad-version "HTTP/1.1 400 Bad Request"
expect bad-url "HTTP/1.1 400 Bad Request"
expect lowercase-method "HTTP/1.1 400 Bad Request"
expect ctl-in-header-value "HTTP/1.1 400 Bad Request"
expect space-in-header-name "HTTP/1.1 400 Bad Request"
expect space-before-colon "HTTP/1.1 400 Bad Request"
expect del-in-header-name "HTTP/1.1 400 Bad Request"
expect nul-in-header-value "HTTP/1.1 400 Bad Request"
expect empty-header-name "HTTP/1.1 400 Bad Request"
expect obs-fold "HTTP/1.1 400 Bad Request"
expect oversized-headers "HTTP/1.1 431 Request Header Fields Too Large"
expect oversized-url "HTTP/1.1 431 Request Header Fields Too Large"
expect cl-and-te "HTTP/1.1 400 Bad Request"
expect te-and-cl "HTTP/1.1 400 Bad Request"
expect content-length-not-a-number "HTTP/1.1 400 Bad Request"
expect two-content-lengths "HTTP/1.1 400 Bad Request"
expect negative-content-length "HTTP/1.1 400 Bad Request"
expect bad-chunk-size "HTTP/1.1 400 Bad Request"
expect chunk-size-overflow "HTTP/1.1 400 Bad Request"
expect chunk-size-negative "HTTP/1.1 400 Bad Request"
expect chunk-data-too-long "HTTP/1.1 400 Bad Request"
expect huge-chunk-extension "HTTP/1.1 413 Payload Too Large"
expect te-not-chunked-last "HTTP/1.1 400 Bad Request"
expect bare-cr-smuggling "HTTP/1.1 400 Bad Request"
expect bare-lf "HTTP/1.1 400 Bad Request"
expect missing-host "HTTP/1.1 400 Bad Request"
expect binary-junk "HTTP/1.1 400 Bad Request"
expect slow-client "HTTP/1.1 408 Request Timeout"
expect slowloris "HTTP/1.1 408 Request Timeout"
expect slow-body "HTTP/1.1 408 Request Timeout"
expect good-after "HTTP/1.1 200 OK"
check malformed-same-as-node "$(cat "$TMP/n.out")" "$(cat "$TMP/k.out")"

# --max-http-header-size: 1 KiB of headers is too much at 512 bytes.
BIG='const http = require("http"), net = require("net");
const s = http.createServer((q, r) => r.end("ok")).listen(0, "127.0.0.1", () => {
  const c = net.connect(s.address().port, "127.0.0.1");
  let out = ""; c.on("data", (d) => out += d);
  c.on("close", () => { console.log(out.split("\r\n")[0]); s.close(); });
  c.write("GET / HTTP/1.1\r\nHost: a\r\nX: " + "a".repeat(1024) + "\r\n\r\n");
});'
check max-http-header-size "HTTP/1.1 431 Request Header Fields Too Large" \
  "$("$KILN" --max-http-header-size=512 -e "$BIG" 2>&1)"
check max-http-header-size-default "$("$NODE" -e "$BIG" 2>&1)" "$("$KILN" -e "$BIG" 2>&1)"
exit $FAILED
