'use strict';

// Small predicates over raw argument strings and the options table, shared
// by the tokenizer and the checks in parse_args.js.

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

// obj[key] only when it is an own property (inherited config is ignored).
function objectGetOwn(obj, key) {
  if (hasOwn(obj, key)) return obj[key];
  return undefined;
}

// options[longOption][key], both own.
function optionsGetOwn(options, longOption, key) {
  if (hasOwn(options, longOption)) return objectGetOwn(options[longOption], key);
  return undefined;
}

// The long name whose `short` is `letter`, else the letter itself.
function findLongOptionForShort(letter, options) {
  for (const [name, config] of Object.entries(options)) {
    if (objectGetOwn(config, 'short') === letter) return name;
  }
  return letter;
}

// Any following argument may be a value, even one starting with a dash;
// strict mode then rejects the ambiguous ones.
function isOptionValue(value) {
  return value != null;
}

function isOptionLikeValue(value) {
  return value != null && value.length > 1 && value[0] === '-';
}

// -f
function isLoneShortOption(arg) {
  return arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
}

// --foo (no '=' after the dashes and first name character)
function isLoneLongOption(arg) {
  return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
}

// --foo=bar
function isLongOptionAndValue(arg) {
  return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
}

function startsShortCluster(arg) {
  return arg.length > 2 && arg[0] === '-' && arg[1] !== '-';
}

// -abc where -a is not a string option: a group of short options.
function isShortOptionGroup(arg, options) {
  if (!startsShortCluster(arg)) return false;
  const name = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, name, 'type') !== 'string';
}

// -fBAR where -f is a string option: the rest is its value.
function isShortOptionAndValue(arg, options) {
  if (!startsShortCluster(arg)) return false;
  const name = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, name, 'type') === 'string';
}

module.exports = {
  findLongOptionForShort,
  hasOwn,
  isLoneLongOption,
  isLoneShortOption,
  isLongOptionAndValue,
  isOptionLikeValue,
  isOptionValue,
  isShortOptionAndValue,
  isShortOptionGroup,
  objectGetOwn,
  optionsGetOwn,
};
