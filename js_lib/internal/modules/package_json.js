'use strict';
// Reading package.json files for the module loader: cached per path, parse
// errors name the file. Resolution of "exports" / "imports" maps (Node's
// PACKAGE_EXPORTS_RESOLVE and PACKAGE_IMPORTS_RESOLVE for CommonJS).

const fsb = binding('fs');
const cache = new Map();

// The parsed package.json at `path`, or undefined if there is none.
function read(path) {
  if (cache.has(path)) return cache.get(path);
  let result;
  if (fsb.internalModuleStat(path) === 0) {
    const text = fsb.readFileUtf8(path);
    try {
      result = JSON.parse(text);
    } catch (e) {
      e.path = path;
      e.message = `Error parsing ${path}: ${e.message}`;
      throw e;
    }
    if (result === null || typeof result !== 'object') result = {};
    // Fields are own or absent: nothing on Object.prototype is consulted.
    Object.setPrototypeOf(result, null);
  }
  cache.set(path, result);
  return result;
}

// The nearest package.json at or above `dir`: { path, data } or undefined.
function findScope(dir) {
  const path = require('path');
  for (;;) {
    if (path.basename(dir) === 'node_modules') return undefined;
    const p = path.join(dir, 'package.json');
    const data = read(p);
    if (data !== undefined) return { path: p, data };
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// The user's conditions (--conditions / -C), for require() and import alike.
let userConds;
function userConditions() {
  if (userConds === undefined) {
    userConds = require('internal/options').getOptionValues('--conditions');
  }
  return userConds;
}

let conditions;
function getConditions() {
  conditions ??= ['require', 'node', 'node-addons', 'default', ...userConditions()];
  return conditions;
}

function invalidTarget(pkgPath, key, target) {
  const { codes } = require('internal/errors');
  const E = codes.ERR_INVALID_PACKAGE_TARGET || Error;
  return new E(`Invalid "exports" target ${JSON.stringify(target)} defined for '${key}' ` +
    `in the package config ${pkgPath}`);
}

// Resolves one target (string, array, conditions object, null).
function resolveTarget(pkgDir, pkgPath, target, subpath, key, isImports) {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) {
      if (isImports && !target.startsWith('../') && !target.startsWith('/')) {
        return { bare: subpath ? target.replace(/\*/g, subpath) : target };
      }
      throw invalidTarget(pkgPath, key, target);
    }
    const resolved = subpath !== undefined ? target.replace(/\*/g, subpath) : target;
    return require('path').join(pkgDir, resolved);
  }
  if (Array.isArray(target)) {
    for (const t of target) {
      try {
        const r = resolveTarget(pkgDir, pkgPath, t, subpath, key, isImports);
        if (r !== undefined && r !== null) return r;
      } catch {
        // Try the next fallback, as Node does for arrays.
      }
    }
    return null;
  }
  if (target !== null && typeof target === 'object') {
    for (const cond of Object.keys(target)) {
      if (getConditions().includes(cond)) {
        const r = resolveTarget(pkgDir, pkgPath, target[cond], subpath, key, isImports);
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }
  return null;
}

// Matches `request` (".", "./sub", "#name") against an exports/imports map.
function resolveMap(pkgDir, pkgPath, map, request, isImports) {
  if (typeof map === 'string' || Array.isArray(map) ||
      (map && typeof map === 'object' && !Object.keys(map).some((k) => k[0] === '.' || k[0] === '#'))) {
    map = { '.': map };
  }
  if (map === null || typeof map !== 'object') return undefined;
  if (Object.prototype.hasOwnProperty.call(map, request) && !request.includes('*')) {
    return resolveTarget(pkgDir, pkgPath, map[request], undefined, request, isImports);
  }
  let bestKey = '';
  let bestSub;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (request.startsWith(prefix) && request.length >= key.length - 1 &&
        request.endsWith(suffix) && key.length > bestKey.length) {
      bestKey = key;
      bestSub = request.slice(prefix.length, request.length - suffix.length);
    }
  }
  if (bestKey) return resolveTarget(pkgDir, pkgPath, map[bestKey], bestSub, bestKey, isImports);
  return undefined;
}

module.exports = { read, findScope, resolveMap, userConditions };
