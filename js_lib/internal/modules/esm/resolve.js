'use strict';
// ES module resolution, as Node 20's default resolver: a specifier and the
// URL of the module importing it give the URL of the module to load.
// Relative and absolute specifiers and file: URLs resolve as URLs; bare ones
// are builtins or packages found in node_modules ("exports", else "main");
// "#name" goes through the enclosing package's "imports". File URLs must
// name an existing file: no extension guessing, no directory index.

const path = require('path');
const fsb = binding('fs');
const { URL, fileURLToPath, pathToFileURL } = require('internal/url');
const pkg = require('internal/modules/package_json');
const { packageExportsResolve, packageImportsResolve } = require('internal/modules/esm/package_map');
const { codes } = require('internal/errors');
const { BuiltinModule } = hooks;

const kSupportedSchemes = ['file', 'data', 'node'];
let preserveSymlinks;
let preserveSymlinksMain;

function isRelativeSpecifier(s) {
  if (s[0] !== '.') return false;
  if (s.length === 1 || s[1] === '/') return true;
  return s[1] === '.' && (s.length === 2 || s[2] === '/');
}

function shouldBeTreatedAsRelativeOrAbsolutePath(s) {
  return s !== '' && (s[0] === '/' || isRelativeSpecifier(s));
}

function tryParseURL(s, base) {
  try {
    return new URL(s, base);
  } catch {
    return null;
  }
}

// 'module' | 'commonjs' | 'none' for the package scope of `url`.
function getPackageScopeConfig(url) {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const scope = pkg.findScope(path.dirname(file));
  if (scope === undefined) return { exists: false, pjsonPath: undefined, data: {} };
  return { exists: true, pjsonPath: scope.path, data: scope.data };
}

function getPackageType(url) {
  const { data } = getPackageScopeConfig(url);
  return data.type === 'module' || data.type === 'commonjs' ? data.type : 'none';
}

function isFile(p) { return fsb.internalModuleStat(p) === 0; }

// "main", then the index files, as CommonJS guesses them.
function legacyMainResolve(pjsonPath, data, base) {
  const dir = path.dirname(pjsonPath);
  const tries = [];
  if (typeof data.main === 'string') {
    const m = data.main;
    tries.push(m, `${m}.js`, `${m}.json`, `${m}.node`, `${m}/index.js`, `${m}/index.json`,
      `${m}/index.node`);
  }
  tries.push('index.js', 'index.json', 'index.node');
  for (const t of tries) {
    const url = new URL(`./${t}`, pathToFileURL(pjsonPath));
    if (isFile(fileURLToPath(url))) return url;
  }
  throw new codes.ERR_MODULE_NOT_FOUND(`${dir}/`, fileURLToPath(base));
}

function parsePackageName(specifier, base) {
  let sep = specifier.indexOf('/');
  let valid = true;
  let isScoped = false;
  if (specifier[0] === '@') {
    isScoped = true;
    if (sep === -1 || specifier.length === 0) valid = false;
    else sep = specifier.indexOf('/', sep + 1);
  }
  const name = sep === -1 ? specifier : specifier.slice(0, sep);
  if (name[0] === '.' || name.includes('%') || name.includes('\\')) valid = false;
  if (!valid) {
    throw new codes.ERR_INVALID_MODULE_SPECIFIER(specifier, 'is not a valid package name',
      fileURLToPath(base));
  }
  return { name, subpath: `.${sep === -1 ? '' : specifier.slice(sep)}`, isScoped };
}

function packageResolve(specifier, base, conditions) {
  if (BuiltinModule.canBeRequiredByUsers(specifier)) return new URL(`node:${specifier}`);
  const { name, subpath } = parsePackageName(specifier, base);
  // A package may import itself by its own name through its "exports".
  const self = getPackageScopeConfig(base.href);
  if (self.exists && self.data.exports != null && self.data.name === name) {
    return packageExportsResolve(pathToFileURL(self.pjsonPath), subpath, self.data, base,
      conditions, packageResolve);
  }
  // The base's directory; a base may be one (--import's is the working
  // directory's URL, with its trailing slash).
  let dir = fileURLToPath(new URL('.', base));
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (fsb.internalModuleStat(pkgDir) === 1) {
      const pjsonPath = path.join(pkgDir, 'package.json');
      const data = pkg.read(pjsonPath) || {};
      const pjsonUrl = pathToFileURL(pjsonPath);
      if (data.exports != null) {
        return packageExportsResolve(pjsonUrl, subpath, data, base, conditions, packageResolve);
      }
      if (subpath === '.') return legacyMainResolve(pjsonPath, data, base);
      return new URL(subpath, pjsonUrl);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new codes.ERR_MODULE_NOT_FOUND(name, fileURLToPath(base), null);
}

// The checks on a file: URL: it names an existing file, and the file's real
// path (symlinks resolved) is its identity.
function finalizeResolution(resolved, base, isMain) {
  if (/%2F|%5C/i.test(resolved.pathname)) {
    throw new codes.ERR_INVALID_MODULE_SPECIFIER(resolved.pathname,
      'must not include encoded "/" or "\\" characters', base && fileURLToPath(base));
  }
  let file;
  try {
    file = fileURLToPath(resolved);
  } catch (err) {
    Object.defineProperty(err, 'url', {
      __proto__: null, value: resolved.href, enumerable: true, writable: true, configurable: true,
    });
    throw err;
  }
  const rc = fsb.internalModuleStat(file.endsWith('/') ? file.slice(0, -1) : file);
  if (rc === 1) {
    throw new codes.ERR_UNSUPPORTED_DIR_IMPORT(file, base && fileURLToPath(base), resolved.href);
  } else if (rc !== 0) {
    throw new codes.ERR_MODULE_NOT_FOUND(file || resolved.pathname,
      base && fileURLToPath(base), resolved);
  }
  if (preserveSymlinks === undefined) {
    const { getOptionValue } = require('internal/options');
    preserveSymlinks = getOptionValue('--preserve-symlinks');
    preserveSymlinksMain = getOptionValue('--preserve-symlinks-main');
  }
  if (isMain ? preserveSymlinksMain : preserveSymlinks) return resolved;
  const real = pathToFileURL(fsb.realpath(file));
  real.search = resolved.search;
  real.hash = resolved.hash;
  return real;
}

function throwIfUnsupportedScheme(url) {
  const scheme = url.protocol.slice(0, -1);
  if (!kSupportedSchemes.includes(scheme)) {
    throw new codes.ERR_UNSUPPORTED_ESM_URL_SCHEME(url, kSupportedSchemes);
  }
}

// resolve(specifier, parentURL[, conditions]) -> URL string.
// Node's conditions plus the user's (--conditions / -C), read at first use.
let defaultConditions;
function getDefaultConditions() {
  if (defaultConditions === undefined) {
    // Added one by one: user code may have deleted Array.prototype[Symbol.iterator].
    defaultConditions = new Set();
    const names = ['node', 'import', 'node-addons'].concat(pkg.userConditions());
    for (let i = 0; i < names.length; i++) defaultConditions.add(names[i]);
  }
  return defaultConditions;
}

function resolve(specifier, parentURL, conditions = getDefaultConditions(), isMain = false) {
  try {
    return resolveURL(specifier, parentURL, conditions, isMain);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT') {
      require('internal/modules/esm/commonjs_hint')
        .decorateErrorWithCommonJSHints(error, specifier, parentURL);
    }
    throw error;
  }
}

function resolveURL(specifier, parentURL, conditions, isMain) {
  if (specifier.startsWith('node:')) return specifier;
  const parsed = shouldBeTreatedAsRelativeOrAbsolutePath(specifier) ?
    null : tryParseURL(specifier);
  if (parsed !== null) {
    if (parsed.protocol === 'data:') return parsed.href;
    throwIfUnsupportedScheme(parsed);
  }
  // A parent that is no URL (from module.register()'s parentURL): Node's error.
  const base = tryParseURL(parentURL);
  if (base === null) throw new codes.ERR_UNSUPPORTED_RESOLVE_REQUEST(specifier, parentURL);
  if (base.protocol === 'data:' && parsed === null &&
      !BuiltinModule.canBeRequiredByUsers(specifier)) {
    throw new codes.ERR_UNSUPPORTED_RESOLVE_REQUEST(specifier, parentURL);
  }
  let resolved;
  if (specifier[0] === '#') {
    resolved = packageImportsResolve(specifier, base, conditions, getPackageScopeConfig,
      packageResolve);
  } else if (shouldBeTreatedAsRelativeOrAbsolutePath(specifier)) {
    resolved = new URL(specifier, base);
  } else if (parsed !== null) {
    resolved = parsed;
  } else {
    resolved = packageResolve(specifier, base, conditions);
  }
  if (resolved.protocol !== 'file:') {
    throwIfUnsupportedScheme(resolved);
    return resolved.href;
  }
  return finalizeResolution(resolved, base, isMain).href;
}

module.exports = {
  resolve,
  getDefaultConditions,
  throwIfUnsupportedScheme,
  getPackageType,
  getPackageScopeConfig,
  isRelativeSpecifier,
};
