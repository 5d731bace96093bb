'use strict';
// The text of generated assertion messages: operator headlines, the inspect
// settings used for actual/expected, and Node 20's line diff
// ("+ actual - expected") for strictEqual / deepStrictEqual.

const colors = require('internal/util/colors');

// Node sets the colors for stderr at startup; stderr is per-run state, so
// here that happens on first use.
let colorsRefreshed = false;
function refreshColors(always) {
  if (always || !colorsRefreshed) {
    colorsRefreshed = true;
    colors.refresh();
  }
}

let inspect;
function lazyInspect() {
  inspect ??= require('internal/util/inspect').inspect;
  return inspect;
}

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

// Two primitives whose inspected forms together are at most this long are
// shown as `a !== b` instead of a diff.
const kMaxShortLength = 12;

// Fixed options, so that changes to util.inspect.defaultOptions do not hide
// what was compared.
function inspectValue(val) {
  return lazyInspect()(val, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,      // assert compares enumerable properties only
    showProxy: false,
    sorted: true,
    getters: true,          // getters are compared too
  });
}

function removeColors(str) {
  // eslint-disable-next-line no-control-regex
  return str.replace(/\u001b\[\d\d?m/g, '');
}

// Keeps at most 46 lines of a long inspection, then '...'.
function truncateLines(lines) {
  if (lines.length > 50) {
    lines[46] = `${colors.blue}...${colors.white}`;
    lines.length = 47;
  }
  return lines;
}

function isObjectLike(val) {
  return typeof val === 'object' && val !== null;
}

// Context lines before a change: up to two identical lines are shown as
// they come; from the third on, the last two (three when exactly five) are
// shown here, behind '...' when more were hidden.
function identicalContext(state, lines, i) {
  const identical = state.identical;
  if (identical > 2) {
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) {
          state.res += `\n  ${lines[i - 3]}`;
          state.printed++;
        } else {
          state.res += `\n${colors.blue}...${colors.white}`;
          state.skipped = true;
        }
      }
      state.res += `\n  ${lines[i - 2]}`;
      state.printed++;
    }
    state.res += `\n  ${lines[i - 1]}`;
    state.printed++;
  }
  state.identical = 0;
}

function createErrDiff(actual, expected, operator, message = '') {
  refreshColors(false);
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split('\n');
  const expectedLines = inspectValue(expected).split('\n');
  let i = 0;
  let indicator = '';

  if (operator === 'strictEqual' &&
      ((isObjectLike(actual) && isObjectLike(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const headline = message || kReadableOperator[operator];

  if (actualLines.length === 1 && expectedLines.length === 1 &&
      actualLines[0] !== expectedLines[0]) {
    const withColors = lazyInspect().defaultOptions.colors;
    const actualRaw = withColors ? removeColors(actualLines[0]) : actualLines[0];
    const expectedRaw = withColors ? removeColors(expectedLines[0]) : expectedLines[0];
    const inputLength = actualRaw.length + expectedRaw.length;
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) &&
          (actual !== 0 || expected !== 0)) {  // 0 and -0 need the diff
        return `${headline}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject') {
      // A caret under the first difference when both fit on one line.
      const maxLength = process.stderr.isTTY ? process.stderr.columns : 80;
      if (inputLength < maxLength) {
        while (i < inputLength && actualRaw[i] === expectedRaw[i]) i++;
        if (i > 2) {
          indicator = `\n  ${' '.repeat(i)}^`;
          i = 0;
        }
      }
    }
  }

  // Drop the identical trailing lines; the last three are kept for context
  // (`i` counts on from the caret search above, as in Node).
  let end = '';
  let other = '';
  let skipped = false;
  let a = actualLines[actualLines.length - 1];
  let b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = `\n  ${a}${end}`;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    // Same inspection, different identity (e.g. two distinct Symbols).
    const lines = truncateLines(actualInspected.split('\n'));
    return `${kReadableOperator.notIdentical}\n\n${lines.join('\n')}\n`;
  }
  if (i >= 5) {
    end = `\n${colors.blue}...${colors.white}${end}`;
    skipped = true;
  }
  if (other !== '') end = `\n  ${other}${end}`;

  const msg = `${headline}\n${colors.green}+ actual${colors.white} ` +
    `${colors.red}- expected${colors.white}`;
  const skippedMsg = ` ${colors.blue}...${colors.white} Lines skipped`;

  // `lines` is the longer side; past the shorter side's end its lines are
  // all additions (+) or all removals (-).
  let lines = actualLines;
  let plusMinus = `${colors.green}+${colors.white}`;
  let shorterLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = `${colors.red}-${colors.white}`;
    shorterLength = actualLines.length;
  }

  // res: output so far; other: '-' lines held back so that a run of changes
  // reads +++--- rather than +-+-+-.
  const state = { res: '', printed: 0, identical: 0, skipped };
  other = '';
  for (i = 0; i < maxLines; i++) {
    if (shorterLength < i + 1) {
      identicalContext(state, lines, i);
      if (lines === actualLines) state.res += `\n${plusMinus} ${lines[i]}`;
      else other += `\n${plusMinus} ${lines[i]}`;
      state.printed++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      // Lines that differ only by a trailing comma count as identical.
      let diverging = actualLine !== expectedLine &&
        (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      if (diverging && expectedLine.endsWith(',') &&
          expectedLine.slice(0, -1) === actualLine) {
        diverging = false;
        actualLine += ',';
      }
      if (diverging) {
        identicalContext(state, actualLines, i);
        state.res += `\n${colors.green}+${colors.white} ${actualLine}`;
        other += `\n${colors.red}-${colors.white} ${expectedLine}`;
        state.printed += 2;
      } else {
        state.res += other;
        other = '';
        state.identical++;
        if (state.identical <= 2) {
          state.res += `\n  ${actualLine}`;
          state.printed++;
        }
      }
    }
    // Show about 50 lines at most.
    if (state.printed > 50 && i < maxLines - 2) {
      return `${msg}${skippedMsg}\n${state.res}\n${colors.blue}...${colors.white}${other}\n` +
        `${colors.blue}...${colors.white}`;
    }
  }
  return `${msg}${state.skipped ? skippedMsg : ''}\n${state.res}${other}${end}${indicator}`;
}

module.exports = {
  kReadableOperator,
  inspectValue,
  truncateLines,
  createErrDiff,
  lazyInspect,
  refreshColors,
};
