'use strict';

// Draws console.table's box: a header row, a rule, then one row per entry,
// each cell left-aligned and padded to its column's display width.

const { getStringWidth } = require('internal/util/string_width');

// Column titles console.table uses.
const indexKey = '(index)';
const iterKey = '(iteration index)';
const keyKey = 'Key';
const valuesKey = 'Values';

// Box-drawing characters (written as escapes: js_lib sources are ASCII).
const kChars = {
  middleMiddle: '\u2500',
  rowMiddle: '\u253c',
  topRight: '\u2510',
  topLeft: '\u250c',
  leftMiddle: '\u251c',
  topMiddle: '\u252c',
  bottomRight: '\u2518',
  bottomLeft: '\u2514',
  bottomMiddle: '\u2534',
  rightMiddle: '\u2524',
  left: '\u2502 ',
  right: ' \u2502',
  middle: ' \u2502 ',
};

function renderRow(row, columnWidths) {
  let out = kChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    out += cell + ' '.repeat(Math.ceil(columnWidths[i] - getStringWidth(cell)));
    if (i !== row.length - 1) out += kChars.middle;
  }
  return out + kChars.right;
}

// `head`: column titles; `columns`: one (possibly sparse) array of cell
// strings per column. Missing cells are blank.
function renderTable(head, columns) {
  const rows = [];
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      rows[j] ??= [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      columnWidths[i] = Math.max(columnWidths[i] || 0, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((w) => kChars.middleMiddle.repeat(w + 2));
  let result = `${kChars.topLeft}${divider.join(kChars.topMiddle)}${kChars.topRight}\n` +
    `${renderRow(head, columnWidths)}\n` +
    `${kChars.leftMiddle}${divider.join(kChars.rowMiddle)}${kChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  result += `${kChars.bottomLeft}${divider.join(kChars.bottomMiddle)}${kChars.bottomRight}`;
  return result;
}

module.exports = { renderTable, indexKey, iterKey, keyKey, valuesKey };
