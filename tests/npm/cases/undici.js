// undici's request() and fetch() against a local http server (undici loads
// worker_threads for MessageChannel and calls performance.markResourceTiming).
const { request, fetch: ufetch } = require('undici'); const http = require('http');
const srv = http.createServer((req, res) => res.end('hi ' + req.url));
srv.listen(0, async () => { const base = `http://127.0.0.1:${srv.address().port}`;
  const { statusCode, body } = await request(base + '/x'); console.log(statusCode, await body.text());
  const r = await ufetch(base + '/y'); console.log(r.status, await r.text()); srv.close(); process.exit(0); });
