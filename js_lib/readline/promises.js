'use strict';
// readline/promises: an Interface whose question() returns a promise
// (rejected with an AbortError when options.signal aborts or on ctrl+c /
// ctrl+d), plus the Readline action queue.

const { AbortError } = require('internal/errors');
const { validateAbortSignal } = require('internal/validators');
const { Interface: BaseInterface } = require('internal/readline/interface');
const { kQuestion, kQuestionCancel, kQuestionReject } = require('internal/readline/symbols');
const { Readline } = require('internal/readline/promises');
const { listenAbort } = require('internal/readline/utils');

const kEmptyObject = Object.freeze({ __proto__: null });

class Interface extends BaseInterface {
  constructor(input, output, completer, terminal) {  // eslint-disable-line no-useless-constructor
    super(input, output, completer, terminal);
  }

  question(query, options = kEmptyObject) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      const signal = options?.signal;
      if (signal) {
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) {
          return reject(new AbortError(undefined, { cause: signal.reason }));
        }
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(new AbortError(undefined, { cause: signal.reason }));
        };
        const dispose = listenAbort(signal, onAbort);
        cb = (answer) => {
          dispose();
          resolve(answer);
        };
      }
      this[kQuestionReject] = reject;
      this[kQuestion](query, cb);
    });
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = { Interface, Readline, createInterface };
