'use strict';

// For an 'error' event nobody listened to: the stack the fatal-error printer
// shows, the error's own plus "Emitted 'error' event at:" and the emit site.

// The longest run of lines shared by two stacks: {len, offset in a}.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

// For the fatal-error printer: the error's stack plus where it was emitted.
function enhanceStackTrace(err, own) {
  let ctorInfo = '';
  try {
    const { name } = this.constructor;
    if (name !== 'EventEmitter') ctorInfo = ` on ${name} instance`;
  } catch {
    // A throwing constructor getter: no name then.
  }
  const sep = `\nEmitted 'error' event${ctorInfo} at:\n`;
  const errStack = err.stack.split('\n').slice(1);
  const ownStack = own.stack.split('\n').slice(1);
  const { len, offset } = identicalSequenceRange(ownStack, errStack);
  if (len > 0) {
    ownStack.splice(offset + 1, len - 2, '    [... lines matching original stack trace ...]');
  }
  return err.stack + sep + ownStack.join('\n');
}

module.exports = { enhanceStackTrace };
