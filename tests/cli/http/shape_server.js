'use strict';
// tests/cli/http_shape_test.sh: requests whose req/res get a new prototype
// and then new properties, as Express does on every request. Prints what a
// user can see of them (identical under node and kiln) and, with
// --allow-natives-syntax under kiln, whether two requests' objects share a
// hidden class after that (internal/util/stable_shape.js). The server
// switches to such objects after its first swapped request: a warm-up
// request goes first.
const http = require('http');
const util = require('util');
const { Readable, Stream } = require('stream');

const natives = process.execArgv.includes('--allow-natives-syntax');
const sameMap = natives ? new Function('a', 'b', 'return %HaveSameMap(a, b)') : null;
const appRequest = Object.create(http.IncomingMessage.prototype, { app: { value: 'app' } });
const appResponse = Object.create(http.ServerResponse.prototype, { app: { value: 'app' } });

function view(req, res) {
  return [
    req instanceof http.IncomingMessage, req instanceof Readable,
    res instanceof http.ServerResponse, res instanceof Stream,
    req.constructor.name, res.constructor.name,
    Object.prototype.toString.call(req), Object.prototype.toString.call(res),
    Object.getPrototypeOf(req) === appRequest, req.app, res.app,
    Object.keys(req).join(), Object.keys(res).join(),
    util.inspect(req, { depth: 0 }).split('\n')[0],
    util.inspect(res, { depth: 0 }).split('\n')[0],
    JSON.stringify(Object.getOwnPropertyDescriptor(http.IncomingMessage.prototype, 'constructor')),
    JSON.stringify(Object.getOwnPropertyDescriptor(http.ServerResponse.prototype, 'constructor')),
    http.IncomingMessage.prototype.constructor === http.IncomingMessage,
    http.ServerResponse.prototype.constructor === http.ServerResponse,
  ].join('\n');
}

let warm = false;
let held = [];
let rounds = 0;
const server = http.createServer((req, res) => {
  Object.setPrototypeOf(req, appRequest);
  Object.setPrototypeOf(res, appResponse);
  req.next = () => {};
  req.params = {};
  res.locals = Object.create(null);
  if (warm === false) {
    warm = true;
    res.end('warm-up');
    return;
  }
  held.push([req, res]);
  if (held.length < 2) return;
  const [[a, b], [c, d]] = held;
  held = [];
  if (rounds === 0) console.log(view(a, b));
  if (natives) console.log(`round ${rounds}: req ${sameMap(a, c)}, res ${sameMap(b, d)}`);
  b.end('x');
  d.end('y');
  if (++rounds === 3) server.close();
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const get = () => new Promise((resolve) => {
    http.get({ port, agent: false }, (r) => r.resume().on('end', resolve));
  });
  await get();
  for (let i = 0; i < 3; i++) await Promise.all([get(), get()]);
});
