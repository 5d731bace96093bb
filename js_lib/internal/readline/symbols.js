'use strict';
// The internal method and state keys of readline's Interface. The legacy
// `readline.Interface` exposes most of them under their underscore names
// (the symbol descriptions), which user code may override.

const names = [
  '_addHistory', '_beforeEdit', '_decoder', '_deleteLeft', '_deleteLineLeft',
  '_deleteLineRight', '_deleteRight', '_deleteWordLeft', '_deleteWordRight',
  '_getDisplayPos', '_historyNext', '_historyPrev', '_insertString', '_line',
  '_line_buffer', '_killRing', '_killRingCursor', '_moveCursor', '_normalWrite',
  '_oldPrompt', '_onLine', '_previousKey', '_prompt', '_pushToKillRing',
  '_pushToUndoStack', '_questionCallback', '_redo', '_redoStack', '_refreshLine',
  '_sawKeyPress', '_sawReturnAt', '_setRawMode', '_tabComplete', '_tabCompleter',
  '_ttyWrite', '_undo', '_undoStack', '_wordLeft', '_wordRight', '_writeToOutput',
  '_yank', '_yanking', '_yankPop',
];

const symbols = { __proto__: null };
for (const name of names) {
  // '_line_buffer' -> kLine_buffer, '_addHistory' -> kAddHistory
  symbols[`k${name[1].toUpperCase()}${name.slice(2)}`] = Symbol(name);
}
symbols.kQuestion = Symbol('kQuestion');
symbols.kQuestionCancel = Symbol('kQuestionCancel');
symbols.kQuestionReject = Symbol('_questionReject');
symbols.kLineObjectStream = Symbol('line object stream');

module.exports = symbols;
