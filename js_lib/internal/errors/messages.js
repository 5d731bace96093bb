'use strict';

// Message functions of internal/errors' table that are long or shared.

const {
  addNumericalSeparator, determineSpecificType, formatList, internalAssert: assert, lazyInspect,
} = require('internal/errors/node_error');

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object',
                'boolean', 'bigint', 'symbol'];
const kClassName = /^[A-Z][a-zA-Z0-9]*$/;

// 'The "x" argument must be of type string. Received type number (1)'.
function invalidArgTypeMessage(name, expected, actual) {
  assert(typeof name === 'string', "'name' must be a string");
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `;  // e.g. 'first argument'
  } else {
    msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  }
  msg += 'must be ';
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    assert(typeof value === 'string', 'All expected entries have to be of type string');
    if (kTypes.includes(value)) {
      types.push(value.toLowerCase());
    } else if (kClassName.test(value)) {
      instances.push(value);
    } else {
      assert(value !== 'object', 'The value "object" should be written as "Object"');
      other.push(value);
    }
  }
  // With classes allowed too, 'object' reads better as 'an instance of Object'.
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (types.length > 0) {
    msg += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${formatList(instances, 'or')}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 1) {
    msg += `one of ${formatList(other, 'or')}`;
  } else if (other.length === 1) {
    if (other[0].toLowerCase() !== other[0]) msg += 'an ';
    msg += `${other[0]}`;
  }
  return `${msg}. Received ${determineSpecificType(actual)}`;
}

function invalidArgValueMessage(name, value, reason = 'is invalid') {
  let inspected = lazyInspect().inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return `The ${type} '${name}' ${reason}. Received ${inspected}`;
}

function outOfRangeMessage(str, range, input, replaceDefaultBoolean = false) {
  assert(range, 'Missing "range" argument');
  let msg = replaceDefaultBoolean ? str : `The value of "${str}" is out of range.`;
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = lazyInspect().inspect(input);
  }
  return `${msg} It must be ${range}. Received ${received}`;
}

function missingArgsMessage(...args) {
  assert(args.length > 0, 'At least one arg needs to be specified');
  const wrap = (a) => `"${a}"`;
  const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
  return `The ${formatList(names)} argument${args.length > 1 ? 's' : ''} must be specified`;
}

function requireEsmMessage(filename, hasEsmSyntax, parentPath = null, packageJsonPath = null) {
  let msg = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''}` +
    ' not supported.';
  if (!packageJsonPath) {
    if (filename.endsWith('.mjs')) {
      msg += `\nInstead change the require of ${filename} to a dynamic ` +
        'import() which is available in all CommonJS modules.';
    }
    return msg;
  }
  const path = require('path');
  const basename = parentPath && path.basename(filename) === path.basename(parentPath) ?
    filename : path.basename(filename);
  if (hasEsmSyntax) {
    return `${msg}\nInstead change the require of ${basename} in ${parentPath} to` +
      ' a dynamic import() which is available in all CommonJS modules.';
  }
  return `${msg}\n${basename} is treated as an ES module file as it is a .js ` +
    'file whose nearest parent package.json contains "type": "module" ' +
    'which declares all .js files in that package scope as ES modules.' +
    `\nInstead either rename ${basename} to end in .cjs, change the requiring ` +
    'code to use dynamic import() which is available in all CommonJS ' +
    'modules, or change "type": "module" to "type": "commonjs" in ' +
    `${packageJsonPath} to treat all .js files as CommonJS (using .mjs for ` +
    'all ES modules instead).\n';
}

function importedFrom(base) {
  return base ? ` imported from ${base}` : '';
}

module.exports = {
  importedFrom,
  invalidArgTypeMessage,
  invalidArgValueMessage,
  missingArgsMessage,
  outOfRangeMessage,
  requireEsmMessage,
};
