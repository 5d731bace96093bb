'use strict';

// util.debuglog(section): a logger that writes "SECTION pid: message" to
// stderr when NODE_DEBUG names the section (comma separated, `*` wildcard,
// case-insensitive), and does nothing otherwise. NODE_DEBUG and the pid are
// read at the first call of any logger, never at load time.

const { inspect, format, formatWithOptions } = require('internal/util/inspect');

let testEnabled;  // (SECTION) -> boolean, built from NODE_DEBUG on first use
const debugImpls = { __proto__: null };

function initializeDebugEnv(debugEnv) {
  if (debugEnv) {
    const pattern = debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll(',', '$|^');
    const re = new RegExp(`^${pattern}$`, 'i');
    testEnabled = (str) => re.exec(str) !== null;
  } else {
    testEnabled = () => false;
  }
}

function isEnabled(set) {
  if (testEnabled === undefined) initializeDebugEnv(process.env.NODE_DEBUG);
  return testEnabled(set);
}

function emitWarningIfNeeded(set) {
  if (set === 'HTTP' || set === 'HTTP2') {
    process.emitWarning('Setting the NODE_DEBUG environment variable ' +
      `to '${set.toLowerCase()}' can expose sensitive ` +
      'data (such as passwords, tokens and authentication headers) ' +
      'in the resulting log.');
  }
}

function noop() {}

function debuglogImpl(enabled, set) {
  if (debugImpls[set] === undefined) {
    if (enabled) {
      const pid = process.pid;
      emitWarningIfNeeded(set);
      debugImpls[set] = function debug(...args) {
        const colors = require('internal/util/colors').shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        const coloredPID = inspect(pid, { colors });
        process.stderr.write(format('%s %s: %s\n', set, coloredPID, msg));
      };
    } else {
      debugImpls[set] = noop;
    }
  }
  return debugImpls[set];
}

// `cb`, if given, receives the real logger the first time it is used.
function debuglog(set, cb) {
  let enabled;
  function init() {
    set = set.toUpperCase();
    enabled = isEnabled(set);
  }
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, set);
    if (typeof cb === 'function') cb(debug);
    return debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, 'enabled', {
    __proto__: null,
    get() {
      return test();
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

module.exports = { debuglog, initializeDebugEnv };
