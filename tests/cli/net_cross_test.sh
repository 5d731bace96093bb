#!/bin/sh
# Cross-runtime networking: tests/cli/net_cross/server.js (a net echo
# server, an http server and an https server) under node and under kiln,
# and tests/cli/net_cross/client.js (net, http, https and fetch clients)
# under node and under kiln against each: four pairs. The client's output
# must be the same for every pair, section by section (net, http, https,
# fetch-http, fetch-https); node against node is the reference and must
# itself have no ERROR lines. Certificates are made here with openssl;
# everything is on 127.0.0.1.
SUITE=net_cross
. "$(dirname "$0")/lib.sh"
DIR="$ROOT/tests/cli/net_cross"

SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT

# A CA, a server certificate it signs (for 127.0.0.1 and localhost) and an
# unrelated self-signed certificate, all P-256, valid two days.
mkcerts() {
  cd "$TMP" || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=kiln-cross-ca -keyout ca.key -out ca.pem &&
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -subj /CN=127.0.0.1 -keyout key.pem -out req.csr &&
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf &&
  openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile ext.cnf -out cert.pem &&
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=127.0.0.1 -keyout other.key -out other.pem
}
if ! (mkcerts) > "$TMP/openssl.log" 2>&1; then
  not_ok certificates "$(tail -3 "$TMP/openssl.log")"
  exit 1
fi

runtime() { if [ "$1" = kiln ]; then echo "$KILN"; else echo "$NODE"; fi; }

for s in node kiln; do
  : > "$TMP/ports"
  "$(runtime $s)" "$DIR/server.js" "$TMP/key.pem" "$TMP/cert.pem" > "$TMP/ports" 2> "$TMP/server.$s.err" &
  SERVER=$!
  i=0
  while [ ! -s "$TMP/ports" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  if [ ! -s "$TMP/ports" ]; then
    not_ok "$s-server-start" "$(head -5 "$TMP/server.$s.err")"
    kill $SERVER 2>/dev/null; SERVER=
    continue
  fi
  for c in node kiln; do
    NODE_EXTRA_CA_CERTS="$TMP/ca.pem" timeout 60 "$(runtime $c)" "$DIR/client.js" $(cat "$TMP/ports") "$TMP/ca.pem" \
      > "$TMP/out.$s.$c" 2> "$TMP/err.$s.$c"
    echo "exit $?" >> "$TMP/out.$s.$c"
  done
  kill -0 $SERVER 2>/dev/null && ok "$s-server-alive" || not_ok "$s-server-alive" "$(head -5 "$TMP/server.$s.err")"
  kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; SERVER=
  [ -s "$TMP/server.$s.err" ] && not_ok "$s-server-stderr" "$(head -5 "$TMP/server.$s.err")" || ok "$s-server-stderr"
done

# KEEP_OUT=DIR keeps the four outputs for a look.
[ -n "${KEEP_OUT:-}" ] && cp "$TMP"/out.* "$TMP"/err.* "$KEEP_OUT"/
ref="$TMP/out.node.node"
if [ -f "$ref" ] && ! grep -q ' ERROR ' "$ref" && grep -q '^exit 0$' "$ref"; then
  ok reference-node-node
else
  not_ok reference-node-node "$(grep ' ERROR ' "$ref" 2>/dev/null | head -5)" "$(head -3 "$TMP/err.node.node" 2>/dev/null)"
fi
for pair in node.kiln kiln.node kiln.kiln; do
  out="$TMP/out.$pair"
  name="$(echo $pair | sed 's/\(.*\)\.\(.*\)/\1-server-\2-client/')"
  [ -f "$out" ] || continue
  for sec in net http https fetch-http fetch-https exit; do
    a=$(grep "^$sec " "$ref")
    b=$(grep "^$sec " "$out")
    if [ "$a" = "$b" ]; then
      ok "$name/$sec"
    else
      not_ok "$name/$sec" "$(diff "$ref" "$out" | grep "^[<>] $sec " | head -${DIFF_LINES:-12} | cut -c1-400)" \
        "$(head -3 "$TMP/err.$pair")"
    fi
  done
done
exit $FAILED
