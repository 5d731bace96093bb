'use strict';
// package.json "exports" and "imports" for the ES module resolver: Node's
// PACKAGE_EXPORTS_RESOLVE / PACKAGE_IMPORTS_RESOLVE with conditions, arrays
// of fallbacks, and "*" subpath patterns (the longest matching prefix wins).
// Targets must stay inside the package; an "imports" target may also be a
// bare specifier, resolved as a package (packageResolve is passed in to keep
// this file free of the resolver it serves).

const { URL, fileURLToPath } = require('internal/url');
const { codes } = require('internal/errors');

// A "." / ".." / "node_modules" path segment, also percent-encoded.
const kInvalidSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;

const pkgDirOf = (pjsonUrl) => fileURLToPath(new URL('.', pjsonUrl));
const basePath = (base) => base && fileURLToPath(base);

function invalidTarget(subpath, target, pjsonUrl, internal, base) {
  const shown = typeof target === 'object' && target !== null ?
    JSON.stringify(target, null, '') : `${target}`;
  return new codes.ERR_INVALID_PACKAGE_TARGET(pkgDirOf(pjsonUrl), subpath, shown, internal,
    basePath(base));
}

function exportsNotFound(subpath, pjsonUrl, base) {
  return new codes.ERR_PACKAGE_PATH_NOT_EXPORTED(pkgDirOf(pjsonUrl), subpath, basePath(base));
}

function resolveTargetString(target, subpath, match, pjsonUrl, base, pattern, internal, ctx) {
  if (subpath !== '' && !pattern && target[target.length - 1] !== '/') {
    throw invalidTarget(match, target, pjsonUrl, internal, base);
  }
  if (!target.startsWith('./')) {
    if (internal && !target.startsWith('../') && !target.startsWith('/')) {
      let isURL = true;
      try {
        new URL(target);
      } catch {
        isURL = false;
      }
      if (!isURL) {
        const request = pattern ? target.replace(/\*/g, () => subpath) : target + subpath;
        return ctx.packageResolve(request, pjsonUrl, ctx.conditions);
      }
    }
    throw invalidTarget(match, target, pjsonUrl, internal, base);
  }
  if (kInvalidSegment.test(target.slice(2))) {
    throw invalidTarget(match, target, pjsonUrl, internal, base);
  }
  const resolved = new URL(target, pjsonUrl);
  if (!resolved.pathname.startsWith(new URL('.', pjsonUrl).pathname)) {
    throw invalidTarget(match, target, pjsonUrl, internal, base);
  }
  if (subpath === '') return resolved;
  if (kInvalidSegment.test(subpath)) {
    const request = pattern ? match.replace('*', () => subpath) : match + subpath;
    throw new codes.ERR_INVALID_MODULE_SPECIFIER(request,
      `request is not a valid match in pattern "${match}" for the "${internal ? 'imports' : 'exports'}" ` +
      `resolution of ${fileURLToPath(pjsonUrl)}`, basePath(base));
  }
  if (pattern) return new URL(resolved.href.replace(/\*/g, () => subpath));
  return new URL(subpath, resolved);
}

// A URL, null (explicitly excluded) or undefined (no condition matched).
function resolveTarget(target, subpath, match, pjsonUrl, base, pattern, internal, ctx) {
  if (typeof target === 'string') {
    return resolveTargetString(target, subpath, match, pjsonUrl, base, pattern, internal, ctx);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError;
    for (const t of target) {
      let r;
      try {
        r = resolveTarget(t, subpath, match, pjsonUrl, base, pattern, internal, ctx);
      } catch (e) {
        lastError = e;
        if (e.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw e;
      }
      if (r === undefined) continue;
      if (r === null) {
        lastError = null;
        continue;
      }
      return r;
    }
    if (lastError === undefined || lastError === null) return lastError;
    throw lastError;
  }
  if (typeof target === 'object' && target !== null) {
    const keys = Object.getOwnPropertyNames(target);
    for (const key of keys) {
      if (/^(0|[1-9][0-9]*)$/.test(key)) {
        throw new codes.ERR_INVALID_PACKAGE_CONFIG(fileURLToPath(pjsonUrl), base,
          '"exports" cannot contain numeric property keys.');
      }
    }
    for (const key of keys) {
      if (key !== 'default' && !ctx.conditions.has(key)) continue;
      const r = resolveTarget(target[key], subpath, match, pjsonUrl, base, pattern, internal, ctx);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(match, target, pjsonUrl, internal, base);
}

// Orders pattern keys: longer prefix first, then longer key.
function patternKeyCompare(a, b) {
  const aStar = a.indexOf('*');
  const bStar = b.indexOf('*');
  const aLen = aStar === -1 ? a.length : aStar + 1;
  const bLen = bStar === -1 ? b.length : bStar + 1;
  if (aLen > bLen) return -1;
  if (bLen > aLen) return 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

// The best "*" key of `map` for `request`: [key, the part "*" stands for].
function bestPatternMatch(map, request) {
  let best = '';
  let bestSub;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1 || !request.startsWith(key.slice(0, star))) continue;
    const trailer = key.slice(star + 1);
    if (request.length >= key.length && request.endsWith(trailer) &&
        patternKeyCompare(best, key) === 1 && key.lastIndexOf('*') === star) {
      best = key;
      bestSub = request.slice(star, request.length - trailer.length);
    }
  }
  return [best, bestSub];
}

// "exports" given as a target alone means { ".": target }.
function isMainSugar(exports, pjsonUrl, base) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  let dotKeys;
  for (const key of Object.getOwnPropertyNames(exports)) {
    const dot = key === '' || key[0] !== '.';
    if (dotKeys === undefined) {
      dotKeys = dot;
    } else if (dotKeys !== dot) {
      throw new codes.ERR_INVALID_PACKAGE_CONFIG(fileURLToPath(pjsonUrl), base,
        '"exports" cannot contain some keys starting with \'.\' and some not.' +
        ' The exports object must either be an object of package subpath keys' +
        ' or an object of main entry condition name keys only.');
    }
  }
  return dotKeys === true;
}

function packageExportsResolve(pjsonUrl, subpath, data, base, conditions, packageResolve) {
  const ctx = { conditions, packageResolve };
  let exports = data.exports;
  if (isMainSugar(exports, pjsonUrl, base)) exports = { '.': exports };
  if (Object.prototype.hasOwnProperty.call(exports, subpath) && !subpath.includes('*') &&
      !subpath.endsWith('/')) {
    const r = resolveTarget(exports[subpath], '', subpath, pjsonUrl, base, false, false, ctx);
    if (r == null) throw exportsNotFound(subpath, pjsonUrl, base);
    return r;
  }
  const [key, sub] = bestPatternMatch(exports, subpath);
  if (key) {
    const r = resolveTarget(exports[key], sub, key, pjsonUrl, base, true, false, ctx);
    if (r == null) throw exportsNotFound(subpath, pjsonUrl, base);
    return r;
  }
  throw exportsNotFound(subpath, pjsonUrl, base);
}

function packageImportsResolve(name, base, conditions, getScope, packageResolve) {
  if (name === '#' || name.startsWith('#/') || name.endsWith('/')) {
    throw new codes.ERR_INVALID_MODULE_SPECIFIER(name,
      'is not a valid internal imports specifier name', fileURLToPath(base));
  }
  const ctx = { conditions, packageResolve };
  const scope = getScope(base.href);
  let pjsonUrl;
  if (scope.exists) {
    pjsonUrl = require('internal/url').pathToFileURL(scope.pjsonPath);
    const imports = scope.data.imports;
    if (imports !== null && typeof imports === 'object') {
      if (Object.prototype.hasOwnProperty.call(imports, name) && !name.includes('*')) {
        const r = resolveTarget(imports[name], '', name, pjsonUrl, base, false, true, ctx);
        if (r != null) return r;
      } else {
        const [key, sub] = bestPatternMatch(imports, name);
        if (key) {
          const r = resolveTarget(imports[key], sub, key, pjsonUrl, base, true, true, ctx);
          if (r != null) return r;
        }
      }
    }
  }
  throw new codes.ERR_PACKAGE_IMPORT_NOT_DEFINED(name, pjsonUrl && pkgDirOf(pjsonUrl),
    fileURLToPath(base));
}

module.exports = { packageExportsResolve, packageImportsResolve };
