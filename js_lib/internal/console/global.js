'use strict';

// The global `console`. As in Node (and the WHATWG console namespace), it is
// not a Console instance: it is a plain object whose prototype is an empty
// object, holding Console.prototype's methods bound to it. Its streams are
// process.stdout / process.stderr, looked up at each write (they are created
// at run time), so this module is safe to load in the snapshot builder.

const {
  Console,
  kBindProperties,
  kBindStreamsLazy,
} = require('internal/console/constructor');

const globalConsole = { __proto__: {} };

for (const prop of Reflect.ownKeys(Console.prototype)) {
  if (prop === 'constructor') continue;
  const desc = Reflect.getOwnPropertyDescriptor(Console.prototype, prop);
  if (typeof desc.value === 'function') {
    // Node names each method after its key (console.debug.name is 'debug',
    // although it is Console.prototype.log).
    const name = typeof prop === 'string' ? prop : desc.value.name;
    desc.value = desc.value.bind(globalConsole);
    Reflect.defineProperty(desc.value, 'name', { __proto__: null, value: name });
  }
  Reflect.defineProperty(globalConsole, prop, desc);
}

globalConsole[kBindProperties](true, 'auto');
globalConsole[kBindStreamsLazy](process);

// Legacy: the constructor hangs off the global console.
globalConsole.Console = Console;

// The engine's own console methods that Node keeps (profile, profileEnd,
// timeStamp, context, ...): they only report to an attached inspector.
const engineConsole = globalThis.console;
if (engineConsole !== undefined && engineConsole !== globalConsole) {
  for (const key of Object.keys(engineConsole)) {
    if (!Object.prototype.hasOwnProperty.call(globalConsole, key) &&
        typeof engineConsole[key] === 'function') {
      globalConsole[key] = engineConsole[key];
    }
  }
}

module.exports = globalConsole;
