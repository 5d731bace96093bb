'use strict';

// The https module: http over tls. Its Agent pools TLS sockets per origin
// and TLS options and keeps the last TLS session of each (at most
// maxCachedSessions, 100 by default) to resume the next connection with;
// a connection that closes with an error drops its origin's session. Its
// Server is a tls.Server whose secure connections are served as
// http.Server's are.

const tls = require('tls');
const http = require('http');
const { ClientRequest } = require('internal/http/client');
const httpServer = require('internal/http/server');
const { validateObject } = require('internal/validators');

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts == null) {
    opts = {};
  } else {
    validateObject(opts, 'options');
  }
  opts = { ...opts };
  if (!opts.ALPNProtocols) opts.ALPNProtocols = ['http/1.1'];
  httpServer.storeHTTPOptions.call(this, opts);
  tls.Server.call(this, { noDelay: true, ...opts }, httpServer._connectionListener);
  this.httpAllowHalfOpen = false;
  if (requestListener) this.addListener('request', requestListener);
  this.addListener('tlsClientError', function addListener(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.on('listening', httpServer.setupConnectionsTracking);
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);

for (const name of ['closeAllConnections', 'closeIdleConnections', 'setTimeout']) {
  Server.prototype[name] = http.Server.prototype[name];
}

Server.prototype.close = function(...args) {
  httpServer.httpServerPreClose(this);
  return tls.Server.prototype.close.apply(this, args);
};

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = port;
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;
  const key = options._agentKey;
  if (key) {
    const session = this._getSession(key);
    if (session) options = { session, ...options };
  }
  const socket = tls.connect(options);
  if (this[kOnKeylog]) socket.on('keylog', this[kOnKeylog]);
  if (key) {
    socket.on('session', (session) => this._cacheSession(key, session));
    socket.once('close', (err) => {
      if (err) this._evictSession(key);
    });
  }
  return socket;
}

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  http.Agent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: {}, list: [] };
  this.on('newListener', maybeEnableKeylog);
}

const kOnKeylog = Symbol('kOnKeylog');

// The agent's 'keylog' (line, socket): its sockets' key log lines, once
// someone listens.
function maybeEnableKeylog(eventName) {
  if (eventName !== 'keylog') return;
  this.removeListener('newListener', maybeEnableKeylog);
  const agent = this;
  this[kOnKeylog] = function onkeylog(line) {
    agent.emit('keylog', line, this);
  };
  for (const list of Object.values(this.sockets)) {
    for (const socket of list) socket.on('keylog', this[kOnKeylog]);
  }
}
Object.setPrototypeOf(Agent.prototype, http.Agent.prototype);
Object.setPrototypeOf(Agent, http.Agent);
Agent.prototype.createConnection = createConnection;

// The origin plus every TLS option that changes the connection, in Node's
// order and format.
const kNameOptions = [
  ['ca'], ['cert'], ['clientCertEngine'], ['ciphers'], ['key'], ['pfx'],
  ['rejectUnauthorized', 'defined'], ['servername', 'notHost'], ['minVersion'], ['maxVersion'],
  ['secureProtocol'], ['crl'], ['honorCipherOrder', 'defined'], ['ecdhCurve'], ['dhparam'],
  ['secureOptions', 'defined'], ['sessionIdContext'], ['sigalgs', 'json'],
  ['privateKeyIdentifier'], ['privateKeyEngine'],
];

Agent.prototype.getName = function getName(options = {}) {
  let name = http.Agent.prototype.getName.call(this, options);
  for (const [key, how] of kNameOptions) {
    name += ':';
    const v = options[key];
    if (how === 'defined') {
      if (v !== undefined) name += v;
    } else if (how === 'notHost') {
      if (v && v !== options.host) name += v;
    } else if (v) {
      name += how === 'json' ? JSON.stringify(v) : v;
    }
  }
  return name;
};

Agent.prototype._getSession = function(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._evictSession = function(key) {
  const index = this._sessionCache.list.indexOf(key);
  if (index === -1) return;
  this._sessionCache.list.splice(index, 1);
  delete this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function(key, session) {
  if (this.maxCachedSessions === 0) return;
  if (this._sessionCache.map[key]) {
    this._sessionCache.map[key] = session;
    return;
  }
  if (this._sessionCache.list.length >= this.maxCachedSessions) {
    delete this._sessionCache.map[this._sessionCache.list.shift()];
  }
  this._sessionCache.list.push(key);
  this._sessionCache.map[key] = session;
};

let globalAgent;
function getGlobalAgent() {
  if (globalAgent === undefined) {
    globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  }
  return globalAgent;
}

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string' || (args[0] && typeof args[0].href === 'string' &&
                                      typeof args[0].protocol === 'string')) {
    const url = require('internal/url');
    const input = typeof args[0] === 'string' ? new url.URL(args[0]) : args[0];
    options = url.urlToHttpOptions(input);
    args.shift();
  }
  if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return new ClientRequest(...args);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = { Agent, Server, createServer, get, request };

Object.defineProperty(module.exports, 'globalAgent', {
  __proto__: null, configurable: true, enumerable: true,
  get: getGlobalAgent,
  set(v) { globalAgent = v; },
});
