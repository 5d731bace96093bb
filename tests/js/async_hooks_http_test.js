'use strict';
// async_hooks over http: the server's parser is an HTTPINCOMINGMESSAGE
// resource and the client's an HTTPCLIENTREQUEST; the request handler and
// the response callback run in them, and both are destroyed when freed.
// (Triggers are not compared: Kiln's HTTPINCOMINGMESSAGE is triggered by the
// listening handle, Node's by the connection's.)
const ah = require('async_hooks');
const http = require('http');
const types = new Map();
const events = [];
ah.createHook({
  init(id, type) {
    types.set(id, type);
    if (type.startsWith('HTTP')) events.push(`init ${type}`);
  },
  destroy(id) {
    if ((types.get(id) || '').startsWith('HTTP')) events.push(`destroy ${types.get(id)}`);
  },
}).enable();
const server = http.createServer((req, res) => {
  events.push(`request handler in ${types.get(ah.executionAsyncId())}`);
  res.end('ok');
}).listen(0, () => {
  http.get({ port: server.address().port }, (res) => {
    events.push(`response callback in ${types.get(ah.executionAsyncId())}`);
    res.resume();
    res.on('end', () => server.close());
  });
});
process.on('exit', () => console.log(events.sort().join('\n')));
