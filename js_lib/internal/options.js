'use strict';

// The Kiln options in effect for this run, as Node's getOptionValue sees
// them: NODE_OPTIONS' first, then the command line's, so the last one wins
// (runtime/options.cc checks and splits them; internal/main.js hands them
// over before any user code). process.execArgv holds only the command
// line's, as in Node.

const kAliases = { __proto__: null, '-r': '--require', '-C': '--conditions', '-c': '--check',
                   '-i': '--interactive', '--loader': '--experimental-loader',
                   '--enable-network-family-autoselection': '--network-family-autoselection' };
// The options that take a value; a value may also follow '='.
const kValued = new Set(['--require', '--import', '--experimental-loader', '--disable-proto', '--report-dir', '--report-directory',
                         '--report-filename', '--report-signal', '--conditions', '--unhandled-rejections', '--input-type',
                         '--title', '--stack-trace-limit', '--max-http-header-size',
                         '--security-revert', '--redirect-warnings', '--dns-result-order', '--env-file', '--eval',
                         '--network-family-autoselection-attempt-timeout']);
// Booleans that are on unless negated.
const kDefaultOn = new Set(['--warnings', '--deprecation', '--experimental-require-module',
                            '--network-family-autoselection']);

// Environment variables that turn an option on when they start with '1',
// read when the options are set (Node reads them at startup).
const kEnvSwitches = { __proto__: null, NODE_PRESERVE_SYMLINKS: '--preserve-symlinks' };

let tokens = [];
let envSwitchedOn = [];
let parsed = null;  // name -> [values...] (true/false for booleans)

// `list`: the option tokens; `env`: the environment the run starts with.
function setOptions(list, env) {
  tokens = list;
  envSwitchedOn = [];
  for (const name in kEnvSwitches) {
    const value = env?.[name];
    if (typeof value === 'string' && value[0] === '1') envSwitchedOn.push(kEnvSwitches[name]);
  }
  parsed = null;
}

// Whether option `name` ('-r', '--conditions') is followed by a value.
function takesValue(name) {
  return kValued.has(kAliases[name] ?? name);
}

// The tokens in effect, for a worker to inherit (internal/worker/worker.js).
function getOptions() {
  return tokens;
}

function parse() {
  parsed = new Map();
  const add = (name, value) => {
    let list = parsed.get(name);
    if (list === undefined) parsed.set(name, list = []);
    list.push(value);
  };
  for (const name of envSwitchedOn) add(name, true);
  for (let i = 0; i < tokens.length; i++) {
    let name = tokens[i];
    if (!name.startsWith('-')) continue;  // a value seen on its own
    let value;
    const eq = name.indexOf('=');
    if (name.startsWith('--') && eq !== -1) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    name = kAliases[name] ?? name;
    if (kValued.has(name)) {
      add(name, value ?? tokens[++i]);
    } else if (name.startsWith('--no-')) {
      add(`--${name.slice(5)}`, false);
    } else {
      add(name, true);
    }
  }
}

// The last value of option `name` ('--max-http-header-size'); for a boolean
// (named positively: '--warnings'), whether it is on.
function getOptionValue(name) {
  if (parsed === null) parse();
  const list = parsed.get(name);
  if (list === undefined) return kValued.has(name) ? undefined : kDefaultOn.has(name);
  return list[list.length - 1];
}

// Every value of a repeatable option ('--require', '--import', '--conditions'), in order.
function getOptionValues(name) {
  if (parsed === null) parse();
  return parsed.get(name) ?? [];
}

// Whether pending deprecations warn: --pending-deprecation, or
// NODE_PENDING_DEPRECATION=1 in the environment when asked.
function pendingDeprecation() {
  return getOptionValue('--pending-deprecation') || process.env.NODE_PENDING_DEPRECATION === '1';
}

module.exports = {
  getOptionValue, getOptionValues, getOptions, pendingDeprecation, setOptions, takesValue,
};
