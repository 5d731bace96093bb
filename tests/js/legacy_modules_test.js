'use strict';
// Node's legacy module names (sys, _stream_*, _http_*, _tls_wrap) are the
// same objects as the modern ones.
const s = require('stream'), http = require('http'), tls = require('tls');
console.log(require('_stream_readable') === s.Readable, require('_stream_writable') === s.Writable, require('_stream_duplex') === s.Duplex, require('_stream_transform') === s.Transform, require('_stream_passthrough') === s.PassThrough);
console.log(require('_http_agent').Agent === http.Agent, require('_http_agent').globalAgent === http.globalAgent, require('_http_client').ClientRequest === http.ClientRequest);
console.log(require('_http_incoming').IncomingMessage === http.IncomingMessage, typeof require('_http_incoming').readStart);
console.log(require('_http_outgoing').OutgoingMessage === http.OutgoingMessage, require('_http_outgoing').validateHeaderName === http.validateHeaderName, typeof require('_http_outgoing').kHighWaterMark);
const hs = require('_http_server'); console.log(Object.keys(hs).join(' '), hs.Server === http.Server, hs.ServerResponse === http.ServerResponse, hs.STATUS_CODES === http.STATUS_CODES, Object.values(hs).every((v) => v !== undefined));
const tw = require('_tls_wrap'); console.log(Object.keys(tw).join(' '), tw.TLSSocket === tls.TLSSocket, tw.Server === tls.Server, tw.connect === tls.connect, tw.createServer === tls.createServer);
console.log(require('node:sys') === require('util'));
const m = require('module'); console.log(['sys', '_stream_readable', '_http_server', '_tls_wrap', 'node:_http_agent'].map((x) => m.isBuiltin(x)).join());
process.on('warning', (w) => console.log('warning', w.name, w.code));
