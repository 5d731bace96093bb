'use strict';
// Tab completion for the REPL: REPL commands after '.', global names and
// keywords for a bare word, and the properties (own, then up the prototype
// chain) of a simple expression before a '.'. The result is what readline's
// completer returns: [completions, completeOn], '' separating groups, the
// closest group last.

// The REPLServer's Set of let/const/class names declared so far.
const kLexicalNames = Symbol('lexicalNames');

const kKeywords = [
  'async', 'await', 'break', 'case', 'catch', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'export', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
  'instanceof', 'let', 'new', 'null', 'return', 'switch', 'this', 'throw', 'true', 'try',
  'typeof', 'var', 'void', 'while', 'with', 'yield',
];
const kLegacyAccessors = ['__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__'];
// Chains like `a.b`, `a?.b`, `a['x'].c` (no calls: the part before the last
// dot is evaluated).
const simpleExpressionRE =
  /(?:[\w$'"`[{(](?:\w|\$|['"`\]})])*\??\.)*[a-zA-Z_$](?:\w|\$)*\??\.?$/;
const identifierRE = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
const isIndex = (name) => /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < 2 ** 32 - 1;

// Own property names of obj that are identifiers (not indices, not the
// legacy accessors of Object.prototype).
function filteredOwnPropertyNames(obj) {
  if (!obj) return [];
  const isObjectPrototype = obj === Object.prototype;
  return Object.getOwnPropertyNames(obj).filter((name) => !isIndex(name) &&
    identifierRE.test(name) && !(isObjectPrototype && kLegacyAccessors.includes(name)));
}

// Groups filtered (case-insensitively) by `filter`, each sorted, names kept
// in the first group they occur in, groups joined with '' closest last.
function mergeGroups(groups, filter) {
  if (filter) {
    const lower = filter.toLowerCase();
    groups = groups.map((g) => g.filter((s) => s.toLowerCase().startsWith(lower)))
      .filter((g) => g.length);
  }
  const completions = [];
  const seen = new Set(['']);
  for (const group of groups) {
    group.sort((a, b) => (b > a ? 1 : -1));
    const before = seen.size;
    for (const entry of group) {
      if (!seen.has(entry)) {
        completions.unshift(entry);
        seen.add(entry);
      }
    }
    if (seen.size !== before) completions.unshift('');
  }
  if (completions[0] === '') completions.shift();
  return completions;
}

function memberGroups(obj) {
  const groups = [];
  try {
    let p;
    if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') {
      groups.push(filteredOwnPropertyNames(obj));
      p = Object.getPrototypeOf(obj);
    } else {
      p = obj.constructor ? obj.constructor.prototype : null;
    }
    // At most five levels up (a proxy could loop forever).
    for (let level = 0; p !== null && level < 5; level++) {
      groups.push(filteredOwnPropertyNames(p));
      p = Object.getPrototypeOf(p);
    }
  } catch {
    // null/undefined, or a proxy without the traps: nothing to offer.
  }
  return groups;
}

// complete(line, cb) with `this` the REPLServer.
function complete(line, callback) {
  const groups = [];
  let completeOn = '';
  let filter = '';
  line = line.trimStart();

  const command = /^\s*\.(\w*)$/.exec(line);
  if (command !== null) {
    groups.push(Object.keys(this.commands));
    completeOn = command[1];
    filter = completeOn;
  } else if (line.length === 0 || /\w|\.|\$/.test(line[line.length - 1])) {
    const match = simpleExpressionRE.exec(line)?.[0] ?? '';
    if (line.length !== 0 && !match) return callback(null, [[], '']);
    completeOn = match;
    let expr = '';
    if (line.endsWith('.')) {
      expr = match.slice(0, -1);
    } else if (line.length !== 0) {
      const bits = match.split('.');
      filter = bits.pop();
      expr = bits.join('.');
    }
    if (!expr) {
      groups.push([...this[kLexicalNames]]);
      for (let p = Object.getPrototypeOf(globalThis); p !== null; p = Object.getPrototypeOf(p)) {
        groups.push(filteredOwnPropertyNames(p));
      }
      groups.push(filteredOwnPropertyNames(globalThis));
      if (filter !== '') groups.push(kKeywords.slice());
    } else {
      let chaining = '.';
      if (expr.endsWith('?')) {
        expr = expr.slice(0, -1);
        chaining = '?.';
      }
      let obj;
      try {
        obj = binding('contextify').runScript(`try { ${expr} } catch {}`, 'repl-completion');
      } catch {
        // Not an expression after all.
      }
      const members = memberGroups(obj);
      if (members.length) {
        expr += chaining;
        for (const group of members) groups.push(group.map((m) => `${expr}${m}`));
        if (filter) filter = `${expr}${filter}`;
      }
    }
  }
  callback(null, [mergeGroups(groups, filter), completeOn]);
}

module.exports = { complete, kLexicalNames };
