'use strict';

// 'http' performance entries (perf_hooks), as Node makes them: a client
// request is timed from when its end is written ('HttpClient') to its
// response's headers, a server request from its response's creation
// ('HttpRequest') to the response's finish; each detail holds the request's
// method, url and headers and the response's status and headers.

const { isObserved, startPerf, stopPerf } = require('internal/perf/timed_entry');

const kClientRequestStatistics = Symbol('ClientRequestStatistics');
const kServerResponseStatistics = Symbol('ServerResponseStatistics');

function headersOf(message) {
  return typeof message.getHeaders === 'function' ? message.getHeaders() : {};
}

// The details are built only when observed: req.headers would otherwise
// build every request's header object.
function startClientPerf(req) {
  if (!isObserved('http')) return;
  startPerf(req, kClientRequestStatistics, 'http', 'HttpClient', {
    req: { method: req.method, url: `${req.protocol}//${req.host}${req.path}`, headers: headersOf(req) },
  });
}

function stopClientPerf(req, res) {
  if (req[kClientRequestStatistics] === undefined) return;
  stopPerf(req, kClientRequestStatistics, {
    res: { statusCode: res.statusCode, statusMessage: res.statusMessage, headers: res.headers },
  });
}

function startServerPerf(res, req) {
  if (!isObserved('http')) return;
  startPerf(res, kServerResponseStatistics, 'http', 'HttpRequest', {
    req: { method: req.method, url: req.url, headers: req.headers },
  });
}

function stopServerPerf(res) {
  if (res[kServerResponseStatistics] === undefined) return;
  stopPerf(res, kServerResponseStatistics, {
    res: { statusCode: res.statusCode, statusMessage: res.statusMessage, headers: headersOf(res) },
  });
}

module.exports = { startClientPerf, startServerPerf, stopClientPerf, stopServerPerf };
