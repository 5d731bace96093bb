'use strict';

// vm: compiling and running code in the main context or in contexts of its
// own (process.binding('contextify')). A contextified sandbox is the global
// of a new V8 context: its builtins (Array, Object, ...) are that context's,
// and globals read, written, defined and deleted there go to the sandbox.
// Not provided: measureMemory, vm.Module and its subclasses, the
// importModuleDynamically option, breakOnSigint and codeGeneration.wasm.

const {
  ContextifyScript,
  makeContext,
  isContext: isContextified,
  compileFunction: compileFunctionNative,
} = binding('contextify');
const {
  validateArray,
  validateBoolean,
  validateInt32,
  validateObject,
  validateOneOf,
  validateString,
  validateStringArray,
  validateUint32,
  kValidateObjectAllowNullable,
  kValidateObjectAllowObjects,
} = require('internal/validators');
const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
const { isArrayBufferView } = require('internal/util/types');

const kEmptyObject = Object.freeze({ __proto__: null });
// Lets runInContext/runInNewContext compile in the context the script runs in.
const kParsingContext = Symbol('script parsing context');

function lazyBuffer() {
  return require('buffer').Buffer;
}

function toBuffer(bytes) {
  return lazyBuffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) {
    throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
}

function validateCompileOptions(filename, lineOffset, columnOffset, cachedData,
                                produceCachedData) {
  validateString(filename, 'options.filename');
  validateInt32(lineOffset, 'options.lineOffset');
  validateInt32(columnOffset, 'options.columnOffset');
  if (cachedData !== undefined && !isArrayBufferView(cachedData)) {
    throw new ERR_INVALID_ARG_TYPE('options.cachedData',
                                   ['Buffer', 'TypedArray', 'DataView'], cachedData);
  }
  validateBoolean(produceCachedData, 'options.produceCachedData');
}

// [sandbox, timeout, displayErrors] for ContextifyScript#runInContext.
function runArgs(contextifiedObject, options = kEmptyObject) {
  validateObject(options, 'options');
  let timeout = options.timeout;
  if (timeout === undefined) {
    timeout = -1;
  } else {
    validateUint32(timeout, 'options.timeout', true);
  }
  const { displayErrors = true, breakOnSigint = false } = options;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return [contextifiedObject, timeout, displayErrors];
}

class Script extends ContextifyScript {
  constructor(code, options = kEmptyObject) {
    code = `${code}`;
    if (typeof options === 'string') {
      options = { filename: options };
    } else {
      validateObject(options, 'options');
    }
    const {
      filename = 'evalmachine.<anonymous>',
      lineOffset = 0,
      columnOffset = 0,
      cachedData,
      produceCachedData = false,
      [kParsingContext]: parsingContext,
    } = options;
    validateCompileOptions(filename, lineOffset, columnOffset, cachedData, produceCachedData);
    // The script is compiled context-independently; parsingContext only
    // matters to V8 for which context's errors a SyntaxError is.
    void parsingContext;
    super(code, filename, lineOffset, columnOffset, cachedData);
    if (produceCachedData) {
      try {
        this.cachedData = this.createCachedData();
        this.cachedDataProduced = true;
      } catch {
        this.cachedDataProduced = false;
      }
    }
  }

  createCachedData() {
    return toBuffer(super.createCachedData());
  }

  runInThisContext(options) {
    return super.runInContext(...runArgs(null, options));
  }

  runInContext(contextifiedObject, options) {
    validateContext(contextifiedObject);
    return super.runInContext(...runArgs(contextifiedObject, options));
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }
}

function getContextOptions(options) {
  if (!options) return {};
  const contextOptions = {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: options.microtaskMode,
  };
  if (contextOptions.name !== undefined) validateString(contextOptions.name, 'options.contextName');
  if (contextOptions.origin !== undefined) {
    validateString(contextOptions.origin, 'options.contextOrigin');
  }
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = options.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    contextOptions.codeGeneration = { strings, wasm };
  }
  if (options.microtaskMode !== undefined) {
    validateString(options.microtaskMode, 'options.microtaskMode');
  }
  return contextOptions;
}

function isContext(object) {
  validateObject(object, 'object', kValidateObjectAllowObjects);
  return isContextified(object);
}

let defaultContextNameIndex = 1;
function createContext(contextObject = {}, options = kEmptyObject) {
  if (isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`,
    origin,
    codeGeneration,
    microtaskMode,
  } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  let strings = true;
  let wasm = true;
  if (codeGeneration !== undefined) {
    validateObject(codeGeneration, 'options.codeGeneration');
    ({ strings = true, wasm = true } = codeGeneration);
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  makeContext(contextObject, name, strings, microtaskMode === 'afterEvaluate');
  if (require('internal/options').getOptionValue('--disable-proto') !== undefined) {
    // The intrinsic one: a literal's prototype, whatever the sandbox defines.
    const objectPrototype = new Script('Object.getPrototypeOf({})').runInContext(contextObject);
    require('internal/process/disable_proto').disableProto(objectPrototype);
  }
  return contextObject;
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  if (typeof options === 'string') {
    options = { filename: options, [kParsingContext]: contextifiedObject };
  } else {
    options = { ...options, [kParsingContext]: contextifiedObject };
  }
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  if (typeof options === 'string') options = { filename: options };
  contextObject = createContext(contextObject, getContextOptions(options));
  options = { ...options, [kParsingContext]: contextObject };
  return createScript(code, options).runInNewContext(contextObject, options);
}

function runInThisContext(code, options) {
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInThisContext(options);
}

function compileFunction(code, params, options = kEmptyObject) {
  validateString(code, 'code');
  if (params !== undefined) validateStringArray(params, 'params');
  validateObject(options, 'options');
  const {
    filename = '',
    columnOffset = 0,
    lineOffset = 0,
    cachedData = undefined,
    produceCachedData = false,
    parsingContext = undefined,
    contextExtensions = [],
  } = options;
  validateCompileOptions(filename, lineOffset, columnOffset, cachedData, produceCachedData);
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null ||
        !isContext(parsingContext)) {
      throw new ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => {
    validateObject(extension, `options.contextExtensions[${i}]`, kValidateObjectAllowNullable);
  });
  const fn = compileFunctionNative(code, filename, params === undefined ? [] : params,
                                   lineOffset, columnOffset, parsingContext,
                                   contextExtensions.filter((e) => e !== null),
                                   cachedData, produceCachedData);
  if (fn.cachedData !== undefined) fn.cachedData = toBuffer(fn.cachedData);
  return fn;
}

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
};
