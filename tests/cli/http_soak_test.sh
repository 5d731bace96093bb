#!/bin/sh
# Soak: a kiln http server (tests/cli/http/soak_server.js) under
# SOAK_CONNECTIONS (200) concurrent keep-alive connections sending requests
# for SOAK_SECONDS (30), from a client script (tests/cli/http/soak_client.js)
# run by SOAK_CLIENT (node). Checks: every response correct and no client
# errors; the server's open fds back to the count before the load once the
# clients are gone; its RSS grew less than SOAK_RSS_BOUND_KIB (64 MiB) past
# the figure after warm-up (the first third of the run, at most 5 s); and a
# good request still works afterwards. Loopback only. Figures are printed.
SUITE=http
. "$(dirname "$0")/lib.sh"

SECONDS_=${SOAK_SECONDS:-30}
CONNS=${SOAK_CONNECTIONS:-200}
CLIENT=${SOAK_CLIENT:-$NODE}
BOUND=${SOAK_RSS_BOUND_KIB:-65536}
DIR="$ROOT/tests/cli/http"

fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

"$KILN" "$DIR/soak_server.js" > "$TMP/port" 2> "$TMP/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM HUP PIPE  # (so the EXIT trap runs)
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$TMP/port")
[ -n "$PORT" ] || { not_ok soak-start "$(head -5 "$TMP/server.err")"; exit 1; }
fd_base=$(fds $SERVER)

"$CLIENT" "$DIR/soak_client.js" "$PORT" "$CONNS" "$SECONDS_" > "$TMP/client.out" 2> "$TMP/client.err" &
CLIENT_PID=$!
warm=$((SECONDS_ / 3)); [ $warm -gt 5 ] && warm=5; [ $warm -lt 1 ] && warm=1
sleep $warm
rss_warm=$(rss $SERVER)
fd_load=$(fds $SERVER)
rss_max=$rss_warm
while kill -0 $CLIENT_PID 2>/dev/null; do
  r=$(rss $SERVER)
  [ -n "$r" ] && [ "$r" -gt "$rss_max" ] && rss_max=$r
  sleep 1
done
wait $CLIENT_PID
result=$(cat "$TMP/client.out")
echo "# $CONNS connections, ${SECONDS_}s: $result"

set -- $result
[ "$1" = requests ] && [ "$4" -gt 0 ] && [ "$6" = 0 ] && [ "${10}" = 0 ] &&
  ok soak-responses-correct ||
  not_ok soak-responses-correct "$result" "$(head -3 "$TMP/client.err")"

# Clients gone: the server closes its ends (EOF) within a moment.
i=0
while [ "$(fds $SERVER)" -gt "$fd_base" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
fd_end=$(fds $SERVER)
echo "# server fds: $fd_base before, $fd_load under load, $fd_end after"
check soak-fds-back-to-baseline "$fd_base" "$fd_end"

growth=$((rss_max - rss_warm))
echo "# server RSS: $rss_warm KiB after warm-up, $rss_max KiB peak, +$growth KiB (bound $BOUND)"
[ "$growth" -lt "$BOUND" ] && ok soak-rss-growth-bounded ||
  not_ok soak-rss-growth-bounded "grew $growth KiB past $rss_warm KiB"

good=$("$NODE" -e '
require("http").get({ host: "127.0.0.1", port: process.argv[1], path: "/data?n=5&seed=1" }, (res) => {
  let n = 0; res.on("data", (d) => n += d.length);
  res.on("end", () => console.log(res.statusCode, n));
}).on("error", (e) => console.log(e.code));' "$PORT")
check soak-good-request-after "200 5" "$good"
kill -0 $SERVER 2>/dev/null && ok soak-server-alive || not_ok soak-server-alive "$(head -5 "$TMP/server.err")"
[ -s "$TMP/server.err" ] && not_ok soak-server-stderr "$(head -5 "$TMP/server.err")" || ok soak-server-stderr
exit $FAILED
