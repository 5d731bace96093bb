'use strict';
// The format of a module URL, as Node 20 decides it: 'builtin' for node:,
// by MIME type for data:, and for files by extension, with the package's
// "type" deciding .js and extensionless files. A .js file in a package
// without "type" is CommonJS unless it only parses as an ES module (syntax
// detection, as Node 20.19+ does by default).

const path = require('path');
const { fileURLToPath } = require('internal/url');
const { codes } = require('internal/errors');
const { getPackageScopeConfig } = require('internal/modules/esm/resolve');

const kExtensionFormats = {
  __proto__: null, '.cjs': 'commonjs', '.json': 'json', '.mjs': 'module',
};
const kMimeFormats = {
  __proto__: null, 'text/javascript': 'module', 'application/json': 'json',
};

// SyntaxErrors that CommonJS gives for ES module syntax. (Lookup tables, not
// Sets: user code may have deleted Array.prototype[Symbol.iterator], which
// new Set([...]) needs.)
const kEsmSyntaxErrors = {
  __proto__: null,
  'Cannot use import statement outside a module': true,
  "Unexpected token 'export'": true,
  "Cannot use 'import.meta' outside a module": true,
};
// SyntaxErrors that only the CommonJS wrapper causes: the code may still be
// an ES module (top-level await, or its own `require` declaration).
const kCjsOnlyErrors = {
  __proto__: null,
  "Identifier 'module' has already been declared": true,
  "Identifier 'exports' has already been declared": true,
  "Identifier 'require' has already been declared": true,
  "Identifier '__filename' has already been declared": true,
  "Identifier '__dirname' has already been declared": true,
  'await is only valid in async functions and the top level bodies of modules': true,
};
const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

// After CommonJS compilation of `source` failed with `err`: is it an ES module?
function shouldRetryAsESM(err, source, url) {
  if (!(err instanceof SyntaxError)) return false;
  if (kEsmSyntaxErrors[err.message] === true) return true;
  // V8 10.2 reports some top-level awaits otherwise ("missing ) after
  // argument list" for `f(await x)`): any `await` gets the module check.
  if (kCjsOnlyErrors[err.message] !== true && !/\bawait\b/.test(source)) return false;
  try {
    const { ModuleWrap } = binding('module_wrap');
    new ModuleWrap(url, source);
    return true;
  } catch {
    return false;
  }
}

// Whether `source` must be an ES module (it does not compile as CommonJS).
function containsModuleSyntax(source, filename) {
  try {
    binding('contextify').compileFunction(source, filename, kWrapperParams);
    return false;
  } catch (err) {
    return shouldRetryAsESM(err, source, require('internal/url').pathToFileURL(filename).href);
  }
}

function warnTypeless(url, pjsonPath) {
  process.emitWarning(`Module type of ${url} is not specified and it doesn't parse as ` +
    'CommonJS.\nReparsing as ES module because module syntax was detected. This incurs a ' +
    `performance overhead.\nTo eliminate this warning, add "type": "module" to ${pjsonPath}.`,
  'Warning', 'MODULE_TYPELESS_PACKAGE_JSON');
}

// A .js file outside any "type": detect, warning when a package.json exists.
function detectFormat(url, source) {
  const filename = fileURLToPath(url);
  if (source === undefined) source = binding('fs').readFileUtf8(filename);
  if (!containsModuleSyntax(source, filename)) return 'commonjs';
  const scope = getPackageScopeConfig(url);
  if (scope.exists) warnTypeless(url, scope.pjsonPath);
  return 'module';
}

function getDataFormat(url) {
  const m = /^([^/]+\/[^;,]+)[^,]*?(;base64)?,/.exec(url.slice(5));
  const mime = m ? m[1] : '';
  const format = kMimeFormats[mime];
  if (format === undefined) throw new codes.ERR_UNKNOWN_MODULE_FORMAT(mime, url);
  return format;
}

// getFormat(url[, source]) -> 'module' | 'commonjs' | 'json' | 'builtin'
function getFormat(url, source) {
  if (url.startsWith('node:')) return 'builtin';
  if (url.startsWith('data:')) return getDataFormat(url);
  const pathname = new URL(url).pathname;
  const ext = path.extname(pathname);
  if (ext === '.js' || ext === '') {
    const { data } = getPackageScopeConfig(url);
    if (data.type === 'module') return 'module';
    if (data.type === 'commonjs' || ext === '') return 'commonjs';
    return detectFormat(url, source);
  }
  const format = kExtensionFormats[ext];
  if (format !== undefined) return format;
  throw new codes.ERR_UNKNOWN_FILE_EXTENSION(ext, fileURLToPath(url));
}

module.exports = { getFormat, shouldRetryAsESM, containsModuleSyntax, warnTypeless };
