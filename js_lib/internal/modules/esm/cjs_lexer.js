'use strict';
// The named exports of a CommonJS module, guessed from its source without
// running it, for `import { x } from './file.cjs'`. Node uses
// cjs-module-lexer; this is our own implementation of the same frozen set of
// patterns (tokens, not a parse; no scope analysis):
//   exports.a = / exports['a'] = / module.exports.a =
//   Object.defineProperty(exports, 'a', { [enumerable: true,] value: ... })
//   Object.defineProperty(exports, 'a', { enumerable: true, get() { return x.y; } })
//   module.exports = { a, b: c, 'd': e, ...f }   (stops at anything else)
// and the modules re-exported whole, whose names are added by the caller:
//   module.exports = require('x')  (the last one counts)
//   module.exports = { ...require('x') }
//   __export(require('x')) / __exportStar(require('x'))           (top level)
//   var _x = require('x'); Object.keys(_x).forEach(function (k) { ... exports[k] = _x[k] ... })
//
// parse(source) -> { exports: Set<string>, reexports: string[] }

const { tokenize, T_ID, T_STR, T_PUNCT } = require('internal/modules/esm/cjs_tokens');

function parse(source) {
  const { types, values, depths } = tokenize(source);
  const n = types.length;
  const exportNames = new Set();
  let reexports = [];
  const requireVars = new Map();  // top-level `var x = require('s')`: x -> s
  const starLibVars = [];

  const isP = (i, v) => i < n && types[i] === T_PUNCT && values[i] === v;
  const isId = (i, v) => i < n && types[i] === T_ID && (v === undefined || values[i] === v);
  const isStr = (i) => i < n && types[i] === T_STR;
  // `require ( 'x' )` at i: the index after it, or -1.
  const requireAt = (i) => (isId(i, 'require') && isP(i + 1, '(') && isStr(i + 2) &&
    isP(i + 3, ')') ? i + 4 : -1);
  // `exports` or `module.exports` at i (not a property of something else):
  // the index after it, or -1.
  const exportsAt = (i) => {
    if (isP(i - 1, '.')) return -1;
    if (isId(i, 'exports')) return i + 1;
    if (isId(i, 'module') && isP(i + 1, '.') && isId(i + 2, 'exports')) return i + 3;
    return -1;
  };

  // { a, b: c, 'd': e, ...f, ...require('g') } after `module.exports =`.
  function objectLiteral(i) {
    for (i++; i < n;) {
      if (isId(i) || isStr(i)) {
        const key = values[i];
        if (isP(i + 1, ':')) {
          if (!isId(i + 2)) return;
          i += 3;
        } else if (isStr(i)) {
          return;
        } else {
          i++;
        }
        exportNames.add(key);
      } else if (isP(i, '...')) {
        const r = requireAt(i + 1);
        if (r !== -1) {
          reexports.push(values[i + 3]);
          i = r;
        } else if (isId(i + 1)) {
          i += 2;
        } else {
          return;
        }
      } else {
        return;
      }
      if (isP(i, '}')) return;
      if (!isP(i, ',')) return;
      i++;
    }
  }

  // Object.defineProperty(EXPORTS, 'name', { ... }) with `(` at i.
  function defineProperty(i) {
    const e = exportsAt(i + 1);
    if (e === -1 || !isP(e, ',') || !isStr(e + 1) || !isP(e + 2, ',') || !isP(e + 3, '{')) return;
    const name = values[e + 1];
    let j = e + 4;
    let enumerable = false;
    if (isId(j, 'enumerable') && isP(j + 1, ':') && isId(j + 2, 'true') && isP(j + 3, ',')) {
      enumerable = true;
      j += 4;
    }
    if (isId(j, 'value') && isP(j + 1, ':')) {
      exportNames.add(name);
      return;
    }
    if (!enumerable || !isId(j, 'get')) return;
    j++;
    if (isP(j, ':')) {
      if (!isId(j + 1, 'function')) return;
      j += 2;
      if (isId(j)) j++;
    }
    if (!isP(j, '(') || !isP(j + 1, ')') || !isP(j + 2, '{') || !isId(j + 3, 'return') ||
        !isId(j + 4)) return;
    j += 5;
    while (isP(j, '.') && isId(j + 1)) j += 2;
    while (isP(j, '[') && isStr(j + 1) && isP(j + 2, ']')) j += 3;
    if (isP(j, ';')) j++;
    if (isP(j, '}')) exportNames.add(name);
  }

  // Object.keys(X).forEach(function (k) { ... }) with `Object` at i,
  // where the body copies X[k] onto exports.
  function exportStarLib(i) {
    if (!(isP(i + 1, '.') && isId(i + 2, 'keys') && isP(i + 3, '(') && isId(i + 4) &&
          isP(i + 5, ')') && isP(i + 6, '.') && isId(i + 7, 'forEach') && isP(i + 8, '(') &&
          isId(i + 9, 'function') && isP(i + 10, '(') && isId(i + 11) && isP(i + 12, ')') &&
          isP(i + 13, '{'))) return;
    const lib = values[i + 4];
    const key = values[i + 11];
    const bodyDepth = depths[i + 13];
    for (let j = i + 14; j < n && !(isP(j, '}') && depths[j] === bodyDepth); j++) {
      const e = exportsAt(j);
      if (e !== -1 && isP(e, '[') && isId(e + 1, key) && isP(e + 2, ']') &&
          isP(e + 3, '=') && isId(e + 4, lib) && isP(e + 5, '[') && isId(e + 6, key)) {
        starLibVars.push(lib);
        return;
      }
      if (isId(j, 'defineProperty') && isP(j + 1, '(')) {
        const d = exportsAt(j + 2);
        if (d !== -1 && isP(d, ',') && isId(d + 1, key)) {
          starLibVars.push(lib);
          return;
        }
      }
    }
  }

  for (let i = 0; i < n; i++) {
    if (types[i] !== T_ID) continue;
    const v = values[i];
    const e = exportsAt(i);
    if (e !== -1) {
      if (isP(e, '.') && isId(e + 1) && isP(e + 2, '=')) {
        exportNames.add(values[e + 1]);
      } else if (isP(e, '[') && isStr(e + 1) && isP(e + 2, ']') && isP(e + 3, '=')) {
        exportNames.add(values[e + 1]);
      } else if (v === 'module' && isP(e, '=')) {
        if (isP(e + 1, '{')) {
          reexports = [];
          objectLiteral(e + 1);
        } else if (requireAt(e + 1) !== -1) {
          reexports = [values[e + 3]];
        }
      }
      continue;
    }
    if (v === 'Object' && isP(i + 1, '.') && isId(i + 2, 'defineProperty') && isP(i + 3, '(')) {
      defineProperty(i + 3);
    } else if (v === 'Object' && depths[i] === 0) {
      exportStarLib(i);
    } else if ((v === '__export' || v === '__exportStar') && depths[i] === 0 &&
               isP(i + 1, '(') && requireAt(i + 2) !== -1) {
      reexports.push(values[i + 4]);
    } else if ((v === 'var' || v === 'let' || v === 'const') && depths[i] === 0 &&
               isId(i + 1) && isP(i + 2, '=') && requireAt(i + 3) !== -1) {
      requireVars.set(values[i + 1], values[i + 5]);
    }
  }
  for (const lib of starLibVars) {
    const specifier = requireVars.get(lib);
    if (specifier !== undefined) reexports.push(specifier);
  }
  return { exports: exportNames, reexports };
}

module.exports = { parse };
