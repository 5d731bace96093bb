'use strict';
// bench/http.sh: fetch(URL) and read the whole body as a stream, counting
// bytes (MODE=stream), or as one ArrayBuffer (MODE=arrayBuffer). Prints
// "bytes N ms T"; exits 1 if the length is not the expected one.
const url = process.argv[2];
const expected = Number(process.argv[3]);
const mode = process.env.MODE || 'stream';
(async () => {
  const t0 = performance.now();
  const res = await fetch(url);
  let n = 0;
  if (mode === 'arrayBuffer') {
    n = (await res.arrayBuffer()).byteLength;
  } else {
    for await (const chunk of res.body) n += chunk.byteLength;
  }
  console.log(`bytes ${n} ms ${(performance.now() - t0).toFixed(1)}`);
  if (n !== expected) process.exitCode = 1;
})();
