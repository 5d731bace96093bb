'use strict';

// The heads util.inspect writes before (or instead of) an object's braces:
// "Foo [Tag] ", "[Object: null prototype] ", "[Function: f]",
// "[class A extends B]", "[Number: 3]", "[Map Iterator] {".

const {
  getConstructorName: internalGetConstructorName,
} = binding('util');
const {
  isAsyncFunction,
  isGeneratorFunction,
  isNumberObject,
  isStringObject,
  isBooleanObject,
  isBigIntObject,
} = require('internal/util/types');
const { formatPrimitive, stylizeNoColor } = require('internal/util/inspect_primitives');

// `constructor` is the name found on the prototype chain or null (no
// prototype); `tag` a Symbol.toStringTag worth showing or ''; `fallback` the
// type name used when there is no constructor; `size` e.g. '(3)'.
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) {
      return `[${fallback}${size}: null prototype] [${tag}] `;
    }
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) {
    return `${constructor}${size} [${tag}] `;
  }
  return `${constructor}${size} `;
}

// The prefix of a plain object-like value, asking the engine for a type name
// when the prototype chain gives none.
function getCtxStyle(value, constructor, tag) {
  let fallback = '';
  if (constructor === null) {
    fallback = internalGetConstructorName(value);
    if (fallback === tag) fallback = 'Object';
  }
  return getPrefix(constructor, tag, fallback);
}

function getIteratorBraces(type, tag) {
  const own = `${type} Iterator`;
  if (tag !== own) tag = tag === '' ? own : `${tag}] [${own}`;
  return [`[${tag}] {`, '}'];
}

const kBoxed = [
  [isNumberObject, 'Number', Number.prototype.valueOf],
  [isStringObject, 'String', String.prototype.valueOf],
  [isBooleanObject, 'Boolean', Boolean.prototype.valueOf],
  [isBigIntObject, 'BigInt', BigInt.prototype.valueOf],
];

// "[Number: 3]", "[String (MyString): 'x']"; removes a boxed string's index
// keys from `keys` since the value already shows them.
function getBoxedBase(value, ctx, keys, constructor, tag) {
  let type = 'Symbol';
  let unbox = Symbol.prototype.valueOf;
  for (const [check, name, fn] of kBoxed) {
    if (check(value)) {
      type = name;
      unbox = fn;
      break;
    }
  }
  if (type === 'String') keys.splice(0, value.length);
  let base = `[${type}`;
  if (type !== constructor) {
    base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  }
  base += `: ${formatPrimitive(stylizeNoColor, unbox.call(value), ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function getClassBase(value, constructor, tag) {
  const name = (Object.prototype.hasOwnProperty.call(value, 'name') && value.name) ||
    '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

// A class is recognised from its source text: "class" up to the first "{"
// with no "(" before it, or (with comments stripped) a class head.
const kClassHead = /^(\s+[^(]*?)\s*{/;
const kComments = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;

function looksLikeClass(source) {
  if (!source.startsWith('class') || source[source.length - 1] !== '}') return false;
  const body = source.slice(5, -1);
  const brace = body.indexOf('{');
  if (brace === -1) return false;
  return !body.slice(0, brace).includes('(') ||
    kClassHead.exec(body.replace(kComments, '')) !== null;
}

function getFunctionBase(value, constructor, tag) {
  if (looksLikeClass(Function.prototype.toString.call(value))) {
    return getClassBase(value, constructor, tag);
  }
  let type = 'Function';
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

module.exports = {
  getPrefix,
  getCtxStyle,
  getIteratorBraces,
  getBoxedBase,
  getFunctionBase,
};
