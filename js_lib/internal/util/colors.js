'use strict';

// Whether output to a stream should be colored, Node's rules: FORCE_COLOR
// decides when set; otherwise only TTYs whose color depth exceeds 2 colors
// (the TTY's getColorDepth applies NO_COLOR, NODE_DISABLE_COLORS, TERM).
// Environment and streams are read on each call, never at load time.

let warnedDeactivated = false;

function warnOnDeactivatedColors(env) {
  if (warnedDeactivated) return;
  const names = [];
  if (env.NODE_DISABLE_COLORS !== undefined) names.push('NODE_DISABLE_COLORS');
  if (env.NO_COLOR !== undefined) names.push('NO_COLOR');
  if (names.length === 0) return;
  warnedDeactivated = true;
  process.emitWarning(
    `The '${names.join("' and '")}' env is ignored due to the 'FORCE_COLOR' env being set.`,
    'Warning');
}

// Color depth (bits) FORCE_COLOR asks for: 1 for "no colors".
function forcedColorDepth(env) {
  switch (env.FORCE_COLOR) {
    case '':
    case '1':
    case 'true':
      warnOnDeactivatedColors(env);
      return 4;
    case '2':
      warnOnDeactivatedColors(env);
      return 8;
    case '3':
      warnOnDeactivatedColors(env);
      return 24;
    default:
      return 1;
  }
}

function shouldColorize(stream) {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined) return forcedColorDepth(env) > 2;
  return stream?.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

const kCodes = {
  blue: '\u001b[34m',
  green: '\u001b[32m',
  white: '\u001b[39m',
  yellow: '\u001b[33m',
  red: '\u001b[31m',
  gray: '\u001b[90m',
  clear: '\u001bc',
  reset: '\u001b[0m',
};

module.exports = {
  blue: '',
  green: '',
  white: '',
  red: '',
  gray: '',
  clear: '',
  reset: '',
  hasColors: false,
  shouldColorize,
  // Sets the escape codes above for stderr. Node runs this at startup; here
  // it must be called at run time (it reads process.stderr).
  refresh() {
    if (!process.stderr.isTTY) return;
    const hasColors = shouldColorize(process.stderr);
    for (const name of Object.keys(kCodes)) module.exports[name] = hasColors ? kCodes[name] : '';
    module.exports.hasColors = hasColors;
  },
};
