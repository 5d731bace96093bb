// An Express app on 127.0.0.1:0 exercised by http.request in the same
// process: routing (params, query, a mounted Router), express.json() bodies
// (good, malformed, too large), express.static on a temp dir (ranges,
// conditional GETs, HEAD, a directory redirect), a 404 and error middleware.
// Prints status, selected headers and bodies, one request at a time.
const express = require('express');
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-express-'));
fs.writeFileSync(path.join(dir, 'hello.txt'), 'hello from a static file\n');
fs.writeFileSync(path.join(dir, 'data.json'), '{"static":true}');
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'sub', 'index.html'), '<p>index</p>');
// Fixed times: ETag and Last-Modified of static files derive from mtime.
const when = new Date('2020-02-02T02:02:02Z');
for (const f of ['hello.txt', 'data.json', 'sub/index.html']) fs.utimesSync(path.join(dir, f), when, when);

const app = express();
app.use(express.json({ limit: '1kb' }));
app.use('/static', express.static(dir));

app.get('/', (req, res) => res.send('home'));
app.get('/users/:id', (req, res) => {
  res.json({ id: req.params.id, q: req.query, type: typeof req.params.id });
});
app.get('/files/:name.:ext', (req, res) => res.send(`${req.params.name} / ${req.params.ext}`));
app.post('/echo', (req, res) => res.status(201).json({ got: req.body, len: req.get('content-length') }));
app.get('/boom', () => { throw new Error('kaboom'); });
app.get('/async-boom', async () => { throw Object.assign(new Error('async kaboom'), { status: 503 }); });
app.get('/redirect', (req, res) => res.redirect(302, '/users/7?from=redirect'));
app.get('/headers', (req, res) => {
  res.set('X-Custom', 'yes').cookie('session', 'abc', { httpOnly: true, path: '/' });
  res.type('text/plain').send(`ua=${req.get('user-agent')} ip=${req.ip}`);
});

const api = express.Router();
api.use((req, res, next) => { res.set('X-Api', 'v1'); next(); });
api.get('/items', (req, res) => res.json([{ n: 1 }, { n: 2 }]));
api.get('/items/:n', (req, res, next) => {
  const n = Number(req.params.n);
  if (!Number.isInteger(n)) return next(Object.assign(new Error('bad item'), { status: 400 }));
  res.json({ n, double: n * 2 });
});
app.use('/api', api);

app.use((req, res) => res.status(404).json({ error: 'not found', path: req.path }));
// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  res.status(err.status || 500).json({ error: err.message, type: err.type || null });
});

const shown = ['content-type', 'content-length', 'etag', 'last-modified', 'location',
  'x-powered-by', 'x-custom', 'x-api', 'set-cookie', 'content-range', 'accept-ranges',
  'cache-control', 'connection'];

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(port, method, p, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(port) {
  const big = JSON.stringify({ pad: 'x'.repeat(2000) });
  const cases = [
    ['GET', '/'],
    ['GET', '/users/42?sort=asc&tags=a&tags=b'],
    ['GET', '/files/report.pdf'],
    ['POST', '/echo', { headers: { 'content-type': 'application/json' }, body: '{"a":[1,2,{"b":null}]}' }],
    ['POST', '/echo', { headers: { 'content-type': 'application/json' }, body: '{"a":' }],
    ['POST', '/echo', { headers: { 'content-type': 'application/json' }, body: big }],
    ['POST', '/echo', { headers: { 'content-type': 'text/plain' }, body: 'not json' }],
    ['GET', '/boom'],
    ['GET', '/async-boom'],
    ['GET', '/redirect'],
    ['GET', '/headers', { headers: { 'user-agent': 'kiln-test' } }],
    ['GET', '/api/items'],
    ['GET', '/api/items/21'],
    ['GET', '/api/items/abc'],
    ['GET', '/nope?x=1'],
    ['GET', '/static/hello.txt'],
    ['HEAD', '/static/hello.txt'],
    ['GET', '/static/hello.txt', { headers: { range: 'bytes=6-9' } }],
    ['GET', '/static/hello.txt', { headers: { 'if-none-match': 'W/"19-17003a22190"' } }],
    ['GET', '/static/hello.txt', { headers: { 'if-modified-since': when.toUTCString() } }],
    ['GET', '/static/data.json'],
    ['GET', '/static/sub'],
    ['GET', '/static/sub/'],
    ['GET', '/static/missing.txt'],
    ['GET', '/static/../package.json'],
  ];
  for (const [method, p, opts] of cases) {
    const { res, body } = await request(port, method, p, opts);
    console.log(`${method} ${p} -> ${res.statusCode} ${res.statusMessage}`);
    for (const h of shown) {
      if (res.headers[h] !== undefined) console.log(`  ${h}: ${JSON.stringify(res.headers[h])}`);
    }
    console.log(`  body: ${JSON.stringify(body.length > 300 ? body.slice(0, 300) + '...' : body)}`);
  }
}

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  main(port).then(() => {
    agent.destroy();
    server.close(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      console.log('closed');
    });
  }, (err) => {
    console.log('client error', err);
    process.exitCode = 1;
    server.close();
  });
});
