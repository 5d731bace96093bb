// axios under kiln and node (tests/npm/run.sh): a local server on 127.0.0.1:0
// and a client in the same process; output must match.
const axios = require('axios'); const http = require('http');
const srv = http.createServer((req, res) => { let b=''; req.on('data', d => b += d); req.on('end', () => { res.setHeader('content-type','application/json'); res.end(JSON.stringify({ m: req.method, u: req.url, b, ct: req.headers['content-type'] })); }); });
srv.listen(0, async () => {
  const base = `http://127.0.0.1:${srv.address().port}`;
  const r1 = await axios.get(base + '/a?x=1'); console.log(r1.status, r1.data);
  const r2 = await axios.post(base + '/p', { a: 1 }); console.log(r2.status, r2.data);
  try { await axios.get('http://127.0.0.1:1/'); } catch (e) { console.log(e.code, e.message); }
  srv.close();
});
