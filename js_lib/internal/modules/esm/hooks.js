'use strict';
// Module customization hooks: module.register() (Node 20.6+) and
// --experimental-loader/--loader. Each registered module may export
// `initialize`, `resolve` and `load`; resolve and load hooks form chains,
// the last registered called first, each passing on with nextResolve /
// nextLoad down to the default resolver and loader, or ending the chain
// with `shortCircuit: true`. Node runs them on a loader thread; Kiln runs
// them on the main thread (docs/compatibility.md says why and what that
// changes). Loaded only when register() or --loader is used: the ES module
// loader then loads through resolve() and load() below.

const { URL, isURL, pathToFileURL } = require('internal/url');
const { codes } = require('internal/errors');
const { validateObject, validateString } = require('internal/validators');
const esmResolve = require('internal/modules/esm/resolve');
const { getFormat } = require('internal/modules/esm/format');

// Node's default hooks, at the bottom of each chain.
function defaultResolve(specifier, context = {}) {
  const { parentURL, conditions } = context;
  // No parent: the entry point, resolved from the working directory.
  const isMain = parentURL === undefined;
  const url = esmResolve.resolve(specifier, parentURL ?? pathToFileURL(`${process.cwd()}/`).href,
    Array.isArray(conditions) ? new Set(conditions) : undefined, isMain);
  let format;
  try {
    format = getFormat(url);
  } catch {
    // Unknown here (a .ts file, say): left for the load hooks to say.
  }
  return { __proto__: null, url, format };
}

async function defaultLoad(url, context = {}) {
  let { format } = context;
  if (url.startsWith('node:')) {
    return { __proto__: null, format: format ?? 'builtin', responseURL: url, source: null };
  }
  esmResolve.throwIfUnsupportedScheme(new URL(url));
  format ??= getFormat(url);
  require('internal/modules/esm/loader').validateAttributes(url, format,
    context.importAttributes ?? { __proto__: null });
  // CommonJS is read by the CommonJS loader, as in Node 20.
  const source = format === 'commonjs' ? null :
    require('buffer').Buffer.from(require('internal/modules/esm/translators').readSource(url));
  return { __proto__: null, format, responseURL: url, source };
}

// Each chain from the bottom: { fn, url (the specifier its module was
// registered by, which errors name), next }.
const chains = {
  resolve: [{ __proto__: null, fn: defaultResolve, url: 'node:internal/modules/esm/resolve', next: undefined }],
  load: [{ __proto__: null, fn: defaultLoad, url: 'node:internal/modules/esm/load', next: undefined }],
};

// What hooks wait for before running: hook modules still loading (through
// the hooks registered before them) or evaluating (top-level await), and
// initialize() promises. Node's register() blocks until these settle; on
// one thread Kiln can only make the hooks wait.
// A hooks module itself loads without waiting (`forHooks`): it loads
// from within `ready`, once the registrations before it are done.
let ready = Promise.resolve();

// The function passed to a hook as nextResolve/nextLoad: calls `current`,
// with the next one down as its own `next`.
function nextHookFactory(current, meta, validateArgs, validateOutput) {
  const { hookName } = meta;
  const { fn: hook, url: hookFilePath, next } = current;
  const nextHookName = `next${hookName[0].toUpperCase()}${hookName.slice(1)}`;
  const nextNextHook = next !== undefined ?
    nextHookFactory(next, meta, validateArgs, validateOutput) :
    function chainAdvancedTooFar() {
      throw new codes.ERR_INTERNAL_ASSERTION(
        `ESM custom loader '${hookName}' advanced beyond the end of the chain.`);
    };
  const fn = async (arg0 = undefined, context) => {
    meta.hookErrIdentifier = `${hookFilePath} '${hookName}'`;
    validateArgs(`${meta.hookErrIdentifier} hook's ${nextHookName}()`, arg0, context);
    const outputErrIdentifier = `${hookFilePath} '${hookName}' hook's ${nextHookName}()`;
    if (next === undefined) meta.chainFinished = true;
    if (context) Object.assign(meta.context, context);
    const output = await hook(arg0, meta.context, nextNextHook);
    validateOutput(outputErrIdentifier, output);
    if (output?.shortCircuit === true) meta.shortCircuited = true;
    return output;
  };
  Object.defineProperty(fn, 'name', { __proto__: null, value: nextHookName });
  return fn;
}

// Hooks written for Node < 20.10 use `importAssertions`: still honoured,
// with a warning, as in Node 20.
let warnedImportAssertions = false;
function warnImportAssertions() {
  if (warnedImportAssertions) return;
  warnedImportAssertions = true;
  process.emitWarning('Use `importAttributes` instead of `importAssertions`', 'ExperimentalWarning');
}

function defineImportAssertionsAlias(context) {
  return Object.defineProperty(context, 'importAssertions', {
    __proto__: null,
    configurable: true,
    get() {
      warnImportAssertions();
      return this.importAttributes;
    },
    set(value) {
      warnImportAssertions();
      this.importAttributes = value;
    },
  });
}

function validateOutput(hookErrIdentifier, output) {
  if (typeof output !== 'object' || output === null) {
    throw new codes.ERR_INVALID_RETURN_VALUE('an object', hookErrIdentifier, output);
  }
}

// Runs the chain `name` from its top; throws if no hook finished it.
async function runChain(name, arg0, context, validateArgs, forHooks) {
  if (!forHooks) await ready;
  const chain = chains[name];
  const meta = {
    __proto__: null, chainFinished: null, context, hookErrIdentifier: '', hookName: name,
    shortCircuited: false,
  };
  const start = nextHookFactory(chain[chain.length - 1], meta, validateArgs, validateOutput);
  const output = await start(arg0, context);
  validateOutput(meta.hookErrIdentifier, output);
  if (output?.shortCircuit === true) meta.shortCircuited = true;
  if (!meta.chainFinished && !meta.shortCircuited) {
    throw new codes.ERR_LOADER_CHAIN_INCOMPLETE(meta.hookErrIdentifier);
  }
  return { output, hookErrIdentifier: meta.hookErrIdentifier };
}

function canParse(url) {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function validateResolveArgs(hookErrIdentifier, specifier, context) {
  validateString(specifier, `${hookErrIdentifier} specifier`);
  if (context) validateObject(context, `${hookErrIdentifier} context`);
}

// -> { url, format, importAttributes }
async function resolve(specifier, parentURL, importAttributes, forHooks = false) {
  const context = {
    conditions: [...esmResolve.getDefaultConditions()],
    importAttributes: { ...importAttributes },
    parentURL,
  };
  const { output, hookErrIdentifier } =
    await runChain('resolve', specifier, context, validateResolveArgs, forHooks);
  const { format, url } = output;
  let resolvedAttributes = output.importAttributes;
  if (resolvedAttributes == null && output.importAssertions != null) {
    warnImportAssertions();
    resolvedAttributes = output.importAssertions;
  }
  if (typeof url !== 'string' || !canParse(url)) {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE('a URL string', hookErrIdentifier, 'url', url);
  }
  if (resolvedAttributes != null && typeof resolvedAttributes !== 'object') {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE(
      'an object', hookErrIdentifier, 'importAttributes', resolvedAttributes);
  }
  if (format != null && typeof format !== 'string') {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE('a string', hookErrIdentifier, 'format', format);
  }
  return { __proto__: null, format, importAttributes: resolvedAttributes, url };
}

function validateLoadArgs(hookErrIdentifier, url, context) {
  if (typeof url !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE(`${hookErrIdentifier} url`, 'a URL string', url);
  }
  if (!canParse(url)) {
    throw new codes.ERR_INVALID_ARG_VALUE(`${hookErrIdentifier} url`, url, 'should be a URL string');
  }
  if (context) validateObject(context, `${hookErrIdentifier} context`);
}

// -> { format, source (string, ArrayBuffer, TypedArray or null), responseURL }
async function load(url, context, forHooks = false) {
  const { output, hookErrIdentifier } =
    await runChain('load', url, defineImportAssertionsAlias(context), validateLoadArgs, forHooks);
  const { format, source } = output;
  const responseURL = output.responseURL === undefined ? url : output.responseURL;
  let href;
  try {
    href = typeof responseURL === 'string' ? new URL(responseURL).href : undefined;
  } catch {
    // Not a URL: refused below.
  }
  if (href !== responseURL) {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE(
      'undefined or a fully resolved URL string', hookErrIdentifier, 'responseURL', responseURL);
  }
  if (format == null) throw new codes.ERR_UNKNOWN_MODULE_FORMAT(format, url);
  if (typeof format !== 'string') {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE('a string', hookErrIdentifier, 'format', format);
  }
  if (source != null && typeof source !== 'string' && !ArrayBuffer.isView(source) &&
      !(source instanceof ArrayBuffer) && !(source instanceof SharedArrayBuffer)) {
    throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE(
      'a string, an ArrayBuffer, or a TypedArray', hookErrIdentifier, 'source', source);
  }
  return { __proto__: null, format, responseURL, source };
}

function hasUserHooks() {
  return chains.resolve.length > 1 || chains.load.length > 1;
}

// Imports the hooks module `specifier` (from `parentURL`), adds its hooks
// and calls its initialize. The first is loaded now, by the default
// resolver and loader; later ones through the hooks before them, as in
// Node, so the hooks wait for them.
function addHooksModule(specifier, parentURL, data, transferList) {
  const loader = require('internal/modules/esm/loader');
  loader.useHooks(module.exports);
  if (hasUserHooks()) {
    ready = ready.then(async () => {
      const namespace =
        await loader.importWithHooks(specifier, parentURL, { __proto__: null }, false, true);
      return addHooks(namespace, specifier, data, transferList);
    });
    ready.catch(() => {});  // its rejection reaches each hook's caller
    return undefined;
  }
  const url = esmResolve.resolve(specifier, parentURL);
  let imported;
  evaluatingHooksModule++;
  try {
    imported = loader.importNow(url);
  } finally {
    evaluatingHooksModule--;
  }
  const { namespace, evaluated } = imported;
  if (evaluated === undefined) {
    const result = addHooks(namespace, specifier, data, transferList);
    if (typeof result?.then !== 'function') return result;
    ready = ready.then(() => result);
  } else {
    ready = ready.then(() => evaluated).then(() => addHooks(namespace, specifier, data, transferList));
  }
  ready.catch(() => {});
  return undefined;
}

// `name`: the specifier it was registered by, which errors name, as Node's.
function addHooks(namespace, name, data, transferList) {
  const { initialize, resolve: resolveHook, load: loadHook } = namespace;
  if (typeof resolveHook === 'function') {
    const next = chains.resolve[chains.resolve.length - 1];
    chains.resolve.push({ __proto__: null, fn: resolveHook, url: name, next });
  }
  if (typeof loadHook === 'function') {
    const next = chains.load[chains.load.length - 1];
    chains.load.push({ __proto__: null, fn: loadHook, url: name, next });
  }
  const result = typeof initialize === 'function' ? initialize(data) : undefined;
  unrefTransferred(transferList);
  if (typeof result?.then === 'function') result.then(() => unrefTransferred(transferList), () => {});
  return result;
}

// The ports handed to the hooks live on Node's loader thread, which never
// keeps the process alive: the 'message' listeners initialize() puts on
// them must not either.
function unrefTransferred(transferList) {
  if (!Array.isArray(transferList)) return;
  for (let i = 0; i < transferList.length; i++) {
    if (typeof transferList[i]?.unref === 'function') transferList[i].unref();
  }
}

// A hooks module may register itself when it finds it is on the main
// thread (tsx's does: `isMainThread && register()`), which on Node means it
// was imported by user code. Here hooks modules are evaluated on the main
// thread too; register() calls made meanwhile are ignored, as Node's loader
// thread would not have made them.
let evaluatingHooksModule = 0;

// module.register(specifier[, parentURL][, options])
function register(specifier, parentURL = undefined, options) {
  if (evaluatingHooksModule > 0) return undefined;
  if (parentURL != null && typeof parentURL === 'object' && !isURL(parentURL)) {
    options = parentURL;
    parentURL = options.parentURL;
  }
  // One thread: data reaches initialize as it is, not cloned, so the
  // ports in options.transferList stay usable on both sides.
  return addHooksModule(`${specifier}`, `${parentURL ?? 'data:'}`, options?.data,
    options?.transferList);
}

// --experimental-loader / --loader: registered from the working directory,
// in order, with Node 20's warning.
function registerLoaders(specifiers) {
  const readable = (s) => encodeURIComponent(s).replace(/%(2F|22|2E|40|3A)/g,
    (m) => decodeURIComponent(m));
  process.emitWarning('`--experimental-loader` may be removed in the future; instead use `register()`:\n' +
    '--import \'data:text/javascript,import { register } from "node:module"; ' +
    'import { pathToFileURL } from "node:url"; ' +
    `${specifiers.map((s) => `register(${readable(JSON.stringify(s))}, pathToFileURL("./"));`).join(' ')}'`,
    'ExperimentalWarning');
  const parentURL = pathToFileURL(`${process.cwd()}/`).href;
  for (const specifier of specifiers) addHooksModule(specifier, parentURL);
}

module.exports = { register, registerLoaders, resolve, load };
