'use strict';
// The ES module loader: one job per module URL (and import type), each
// holding the module's ModuleWrap. A job is built synchronously, files read
// with sync calls: resolve each request, load and translate the module it
// names, recursively, then link. Instantiation and evaluation start from
// the root; V8 runs the graph (top-level await included). Entry points:
//   runMain(url[, source])     the main script (or -e/stdin code) as an ES module
//   importModuleDynamically    V8's import() (from ES modules and CommonJS)
//   initializeImportMeta       V8's import.meta
//   importSync(filename)       require() of an ES module (esm/cjs_interop)
// Once module.register() or --loader added hooks (esm/hooks), import and
// the entry point load asynchronously through them instead (ModuleJob's
// `loaded` and `linked` promises); require() of ES modules stays
// synchronous and does not see them.
// Nothing here is loaded by a run that never meets an ES module.

const path = require('path');
const { kEvaluated, kErrored, kEvaluating, ModuleWrap } = binding('module_wrap');
const { fileURLToPath, pathToFileURL } = require('internal/url');
const { codes } = require('internal/errors');
const { resolve } = require('internal/modules/esm/resolve');
const { getFormat } = require('internal/modules/esm/format');
const { translate } = require('internal/modules/esm/translators');

const kNoAttributes = Object.freeze({ __proto__: null });
const kImplicitType = {
  __proto__: null, builtin: true, commonjs: true, module: true,
};

// Fields are declared (defined, not assigned) so that setters a program
// puts on Object.prototype never see the loader's data, as in Node.
class ModuleJob {
  url;
  format;
  wrap;
  error;  // why loading or linking failed, rethrown to every importer
  loaded;  // with hooks: settles when `wrap` is made
  linked;  // with hooks: settles when `wrap` is linked to `deps`' wraps
  deps;  // with hooks: the jobs of what it imports
  forHooks;  // with hooks: loaded for a hooks module, so not waiting for hooks

  constructor(url, format, wrap, error) {
    this.url = url;
    this.format = format;
    this.wrap = wrap;
    this.error = error;
  }
}

const jobs = new Map();  // url, or url + '\0' + type -> ModuleJob
const jobsByUrl = new Map();  // url -> the first job made for it

function invalidType(url, type) {
  require('internal/validators').validateString(type, 'type');
  if (type !== 'json') throw new codes.ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED(type);
  throw new codes.ERR_IMPORT_ASSERTION_TYPE_FAILED(url, type);
}

// Import attributes: only `type`, and 'json' exactly for JSON modules.
function validateAttributes(url, format, attributes) {
  const keys = Object.keys(attributes);
  for (let i = 0; i < keys.length; i++) {  // not for-of: see resolve.js
    const key = keys[i];
    if (key !== 'type') {
      throw new codes.ERR_IMPORT_ATTRIBUTE_UNSUPPORTED(key, attributes[key]);
    }
  }
  const type = attributes.type;
  if (kImplicitType[format]) {
    if (type !== undefined) invalidType(url, type);
  } else if (format === 'json' && type !== 'json') {
    if (!Object.prototype.hasOwnProperty.call(attributes, 'type')) {
      throw new codes.ERR_IMPORT_ASSERTION_TYPE_MISSING(url, 'json');
    }
    invalidType(url, type);
  }
}

// The job for `url`, made and linked if new; `format` when already known.
function getModuleJob(url, attributes, format) {
  const type = attributes.type;
  const key = type === undefined ? url : `${url}\0${type}`;
  let job = jobs.get(key);
  if (job === undefined) {
    const known = jobsByUrl.get(url);
    let wrap;
    let error;
    try {
      if (known !== undefined) format = known.format;
      else if (format === undefined) format = getFormat(url);
      validateAttributes(url, format, attributes);
      wrap = translate(url, format);
    } catch (err) {
      error = err;
    }
    job = new ModuleJob(url, format, wrap, error);
    jobs.set(key, job);
    if (error !== undefined) throw error;
    if (known === undefined) jobsByUrl.set(url, job);
    link(job);
  }
  // As Node: a module already known for (url, type) is not checked again.
  if (job.error !== undefined) throw job.error;
  return job;
}

// Successful resolutions, as Node keeps them: an import of the same
// specifier from the same module finds the same URL, even if the file has
// gone since. parentURL -> specifier -> URL.
const resolved = new Map();

function cachedResolve(specifier, parentURL) {
  let known = resolved.get(parentURL);
  if (known === undefined) resolved.set(parentURL, known = new Map());
  let url = known.get(specifier);
  if (url === undefined) known.set(specifier, url = resolve(specifier, parentURL));
  return url;
}

function link(job) {
  if (job.format !== 'module') return;
  try {
    const requests = job.wrap.getRequests();
    const deps = new Array(requests.length);
    for (let i = 0; i < requests.length; i++) {
      const { 0: specifier, 1: attributes } = requests[i];
      deps[i] = getModuleJob(cachedResolve(specifier, job.url), attributes).wrap;
    }
    job.wrap.link(deps);
  } catch (err) {
    job.error = err;
    throw err;
  }
}

let customHooks = null;  // internal/modules/esm/hooks, once in use

function useHooks(hooks) {
  customHooks = hooks;
  require('internal/modules/run_main').runMainAsModule();
}

const noop = () => {};

// The job for `specifier` imported from `parentURL`, through the hooks,
// once its wrap is made (its imports may still be linking).
async function getModuleJobWithHooks(specifier, parentURL, attributes, isMain, forHooks) {
  const resolution = await customHooks.resolve(specifier, parentURL, attributes, forHooks);
  const url = resolution.url;
  attributes = resolution.importAttributes ?? attributes;
  const type = attributes.type;
  const key = type === undefined ? url : `${url}\0${type}`;
  let job = jobs.get(key);
  if (job === undefined) {
    job = new ModuleJob(url, undefined, undefined, undefined);
    job.forHooks = forHooks;
    jobs.set(key, job);
    job.loaded = loadWithHooks(job, resolution.format, attributes, isMain);
    job.linked = job.loaded.then(() => linkWithHooks(job));
    job.linked.catch(noop);  // each importer awaits it and sees the error
  }
  if (job.loaded !== undefined) await job.loaded;
  if (job.error !== undefined) throw job.error;
  return job;
}

async function loadWithHooks(job, format, attributes, isMain) {
  try {
    const loaded = await customHooks.load(job.url,
      { format, importAttributes: { ...attributes } }, job.forHooks);
    job.format = loaded.format;
    // The default load hook reads these; a hook that returns them must too.
    if (loaded.source == null && (job.format === 'module' || job.format === 'json')) {
      throw new codes.ERR_INVALID_RETURN_PROPERTY_VALUE(
        'a string, an ArrayBuffer, or a TypedArray', 'load', 'source', loaded.source);
    }
    // (Attributes are checked by the default load hook, as in Node.)
    job.wrap = translate(job.url, job.format, loaded.source, isMain);
    if (!jobsByUrl.has(job.url)) jobsByUrl.set(job.url, job);
  } catch (err) {
    job.error = err;
    throw err;
  }
}

async function linkWithHooks(job) {
  job.deps = [];
  if (job.format !== 'module') return;
  try {
    const requests = job.wrap.getRequests();
    const pending = [];  // all started before any is awaited, as in Node
    for (let i = 0; i < requests.length; i++) {
      const { 0: specifier, 1: attributes } = requests[i];
      const p = getModuleJobWithHooks(specifier, job.url, attributes, false, job.forHooks);
      p.catch(noop);
      pending.push(p);
    }
    const wraps = [];
    for (let i = 0; i < pending.length; i++) {
      job.deps.push(await pending[i]);
      wraps.push(job.deps[i].wrap);
    }
    job.wrap.link(wraps);
  } catch (err) {
    job.error = err;
    throw err;
  }
}

// Settles once `job` and everything it imports, directly or not, is linked.
async function graphLinked(job, seen = new Set()) {
  seen.add(job);
  if (job.linked !== undefined) await job.linked;
  const deps = job.deps ?? [];
  for (let i = 0; i < deps.length; i++) {
    if (!seen.has(deps[i])) await graphLinked(deps[i], seen);
  }
}

async function importWithHooks(specifier, parentURL, attributes, isMain, forHooks = false) {
  const job = await getModuleJobWithHooks(specifier, parentURL, attributes, isMain, forHooks);
  await graphLinked(job);
  instantiate(job);
  await evaluate(job);
  return job.wrap.getNamespace();
}

// A hooks module, for register(): loaded now, without hooks. `evaluated`
// is the promise of its evaluation if it has not finished (top-level await).
function importNow(url) {
  const job = getModuleJob(url, kNoAttributes);
  instantiate(job);
  const done = job.wrap.evaluate();
  if (job.wrap.getStatus() === kErrored) {
    done.catch(noop);
    throw job.wrap.getError();
  }
  const evaluated = job.wrap.getStatus() === kEvaluated ? undefined : done;
  return { namespace: job.wrap.getNamespace(), evaluated };
}

// The "file:line / source / caret" header of a V8 instantiation error goes
// into its stack, as Node prints it (and the fatal reporter then skips it).
function decorateInstantiateError(err) {
  if (!(err instanceof SyntaxError) || typeof err.stack !== 'string') return;
  const arrow = binding('errors').getErrorSource(err);
  if (!arrow) return;
  const m = / does not provide an export named '(.+)'$/.exec(err.message);
  const lines = arrow.split('\n');
  if (m !== null) {
    const parentURL = lines[0].replace(/:\d+$/, '');
    const childSpecifier = /module '(.*)' does not provide/.exec(err.message)[1];
    let child;
    try {
      child = jobsByUrl.get(resolve(childSpecifier, parentURL));
    } catch {
      // Not resolvable any more: keep V8's message.
    }
    if (child !== undefined && child.format === 'commonjs') {
      const named = /{.*}/.exec(lines[1]);
      const destructuring = named && named[0].replace(/\s+as\s+/g, ': ');
      err.message = `Named export '${m[1]}' not found. The requested module` +
        ` '${childSpecifier}' is a CommonJS module, which may not support` +
        ' all module.exports as named exports.\nCommonJS modules can ' +
        'always be imported via the default export, for example using:' +
        `\n\nimport pkg from '${childSpecifier}';\n${
          destructuring ? `const ${destructuring} = pkg;\n` : ''}`;
      const stack = err.stack.split('\n');
      stack[0] = `SyntaxError: ${err.message}`;
      err.stack = stack.join('\n');
    }
  }
  err.stack = arrow + err.stack;
  require('internal/process/execution').markDecorated(err);
}

function instantiate(job) {
  try {
    job.wrap.instantiate();
  } catch (err) {
    decorateInstantiateError(err);
    throw err;
  }
}

const kCjsGlobals = ['require', 'module', 'exports', '__filename', '__dirname'];

// `require is not defined`: Node says why, in the message.
function decorateCjsGlobalError(err, url) {
  if (err === null || typeof err !== 'object' || err.name !== 'ReferenceError' ||
      !kCjsGlobals.some((name) => err.message === `${name} is not defined`)) return;
  err.message += ' in ES module scope';
  if (err.message.startsWith('require ')) err.message += ', you can use import instead';
  if (url.startsWith('file:') && /\.js(\?[^#]*)?(#.*)?$/.test(url)) {
    const scope = require('internal/modules/esm/resolve').getPackageScopeConfig(url);
    if (scope.data.type === 'module') {
      err.message += '\nThis file is being treated as an ES module because it has a ' +
        `'.js' file extension and '${scope.pjsonPath}' contains "type": "module". To ` +
        "treat it as a CommonJS script, rename it to use the '.cjs' file extension.";
    }
  }
}

async function evaluate(job) {
  try {
    await job.wrap.evaluate();
  } catch (err) {
    decorateCjsGlobalError(err, job.url);
    throw err;
  }
}

// Loads, links and evaluates `url` and what it imports: the promise of
// its namespace.
async function importURL(url, attributes) {
  const job = getModuleJob(url, attributes);
  instantiate(job);
  await evaluate(job);
  return job.wrap.getNamespace();
}

// --import: each module in order, awaited, before the entry point; resolved
// as an import from a module in the working directory.
async function importPreloads(specifiers) {
  const parentURL = pathToFileURL(`${process.cwd()}/`).href;
  for (const specifier of specifiers) {
    if (customHooks !== null) {
      await importWithHooks(specifier, parentURL, kNoAttributes, false);
      continue;
    }
    await importURL(cachedResolve(specifier, parentURL), kNoAttributes);
  }
}

// The URL a script or module named `name` (V8's resource name) imports from.
function referrerURL(name) {
  if (typeof name === 'string') {
    if (/^(file|data|node):/.test(name)) return name;
    if (path.isAbsolute(name)) return pathToFileURL(name).href;
    if (name !== '' && !name.startsWith('kiln:')) {
      const dir = require('internal/main').evalDirectory() ?? process.cwd();
      return pathToFileURL(path.join(dir, name)).href;
    }
  }
  return pathToFileURL(`${process.cwd()}/`).href;
}

// import(x, { assert: {...} }): V8 10.2 reads only `assert`, which Node 20
// warns about, naming the line of the call.
function warnDynamicAssert() {
  const frames = new Error().stack.split('\n');
  for (const frame of frames) {
    const m = /^\s+at (?:.* \()?(.*):(\d+):\d+\)?$/.exec(frame);
    if (m !== null && !m[1].startsWith('kiln:')) {
      const { warnAssertSyntax, rewrittenWith } = require('internal/modules/esm/translators');
      if (!rewrittenWith.has(m[1])) warnAssertSyntax(m[1], m[2]);
      return;
    }
  }
}

async function importModuleDynamically(specifier, referrerName, attributes) {
  if (Object.keys(attributes).length !== 0) warnDynamicAssert();
  // Resolution and loading start a tick later, never inside import() itself.
  await undefined;
  if (customHooks !== null) {
    return importWithHooks(`${specifier}`, referrerURL(referrerName), attributes, false);
  }
  return importURL(cachedResolve(`${specifier}`, referrerURL(referrerName)), attributes);
}

function initializeImportMeta(meta, wrap) {
  const url = wrap.url;
  if (url.startsWith('file:')) {
    const filename = fileURLToPath(url);
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.resolve = function resolve(specifier) {
    return resolveForMeta(`${specifier}`, url);
  };
  meta.url = url;
}

// import.meta.resolve: a file that does not exist still gives its URL.
function resolveForMeta(specifier, parentURL) {
  try {
    return resolve(specifier, parentURL);
  } catch (err) {
    if ((err.code === 'ERR_UNSUPPORTED_DIR_IMPORT' || err.code === 'ERR_MODULE_NOT_FOUND') &&
        Object.prototype.hasOwnProperty.call(err, 'url') && err.url) {
      return err.url;
    }
    throw err;
  }
}

// The entry point `url` (from `kiln file.mjs`, or -e/stdin code given as
// `source` with --input-type=module). Its evaluation starts in a microtask,
// so microtasks queued by top-level code run before process.nextTick ones,
// as for Node's ES module entry points. An error is an uncaught exception.
async function runMain(url, source) {
  const execution = require('internal/process/execution');
  process.on('exit', execution.handleProcessExit);
  try {
    await undefined;
    let job;
    if (source === undefined) {
      if (require('internal/options').getOptionValue('--input-type') !== undefined) {
        throw new codes.ERR_INPUT_TYPE_NOT_ALLOWED();
      }
      if (customHooks !== null) {
        job = await getModuleJobWithHooks(url, undefined, kNoAttributes, true, false);
        await graphLinked(job);
      } else {
        job = getModuleJob(url, kNoAttributes);
      }
    } else {
      const { compileSourceTextModule } = require('internal/modules/esm/translators');
      job = new ModuleJob(url, 'module', compileSourceTextModule(url, source), undefined);
      jobs.set(url, job);
      jobsByUrl.set(url, job);
      if (customHooks !== null) {
        job.linked = linkWithHooks(job);
        await graphLinked(job);
      } else {
        link(job);
      }
    }
    instantiate(job);
    await evaluate(job);
  } catch (err) {
    // An uncaught exception, whatever was thrown (not an unhandled
    // rejection, which would wrap a non-error), as Node reports it.
    binding('errors').triggerUncaughtException(err, true);
  } finally {
    process.off('exit', execution.handleProcessExit);
  }
}

// require() of the ES module at `filename`: its namespace, or a throw if it
// (or what it imports) uses top-level await.
function importSync(filename, parentFilename) {
  const job = getModuleJob(pathToFileURL(filename).href, kNoAttributes, 'module');
  instantiate(job);
  const wrap = job.wrap;
  const status = wrap.getStatus();
  if (status === kEvaluating) {
    throw new codes.ERR_REQUIRE_CYCLE_MODULE(
      `Cannot require() ES Module ${filename} in a cycle.` +
      (parentFilename ? ` (from ${parentFilename})` : ''));
  }
  if (status !== kEvaluated && wrap.isGraphAsync()) {
    throw new codes.ERR_REQUIRE_ASYNC_MODULE(filename, parentFilename);
  }
  const done = wrap.evaluate();
  if (wrap.getStatus() === kErrored) {
    done.catch(() => {});
    throw wrap.getError();
  }
  return { wrap, namespace: wrap.getNamespace() };
}

// For require(esm) of a module with a default export: its namespace plus
// `__esModule: true`, which transpiled code checks.
function requiredModuleFacade(wrap) {
  const facade = new ModuleWrap(`${wrap.url}#facade`,
    'export * from "original"; export { default } from "original"; ' +
    'export const __esModule = true;');
  facade.link([wrap]);
  facade.instantiate();
  facade.evaluate();
  return facade.getNamespace();
}

module.exports = {
  importPreloads,
  runMain,
  importModuleDynamically,
  initializeImportMeta,
  importSync,
  requiredModuleFacade,
  referrerURL,
  useHooks,
  importNow,
  importWithHooks,
  validateAttributes,
};
