#!/bin/sh
# The embedded code caches (snapshot/code_cache_builder): a first require of a
# module the snapshot does not hold consumes its cache, and a run whose V8
# flags refuse the caches still works, compiling from source.
SUITE=code_cache
. "$(dirname "$0")/lib.sh"

stats='const [used, refused] = process.binding("builtins").codeCacheStats()'
check consumed "true 0 true" \
  "$("$KILN" -e "require('http'); require('zlib'); require('child_process'); $stats; console.log(used > 5, refused, typeof require('http').createServer === 'function')" 2>&1)"
# A V8 flag off its default changes the flag hash the caches were made under.
check refused "true true" \
  "$("$KILN" --no-flush-bytecode -e "const http = require('http'); $stats; console.log(used === 0 && refused > 5, typeof http.createServer === 'function')" 2>&1)"
# The snapshot's modules compile nothing at startup: no cache is touched.
check snapshot-modules "0 0" \
  "$("$KILN" -e "require('fs'); require('path'); require('events'); $stats; console.log(used, refused)" 2>&1)"
same_as_node http-roundtrip -e 'const http = require("http"); const s = http.createServer((q, r) => r.end("hi " + q.url)).listen(0, () => http.get(`http://127.0.0.1:${s.address().port}/x`, (r) => { r.setEncoding("utf8"); r.on("data", (d) => { console.log(r.statusCode, d); s.close(); }); }))'
exit $FAILED
