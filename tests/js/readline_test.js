'use strict';
// readline over PassThrough streams: line splitting, crlfDelay, question,
// async iteration, close semantics, history and terminal editing. Run under
// kiln and node: stdout and the exit code must be identical.

const readline = require('readline');
const readlinePromises = require('readline/promises');
const { PassThrough } = require('stream');
const { promisify } = require('util');

const tests = [];
function test(name, fn) { tests.push([name, fn]); }
const log = (...a) => console.log(...a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));

// An output stream that records what is written, as a JSON string.
function sink() {
  const out = new PassThrough();
  out.text = '';
  out.on('data', (d) => { out.text += d; });
  return out;
}
const tick = () => new Promise((r) => setImmediate(r));

test('lines and endings', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  rl.on('line', (l) => log('line', l));
  rl.on('close', () => log('close'));
  rl.on('pause', () => log('pause'));
  rl.on('resume', () => log('resume'));
  input.write('a\nb\r\nc\rd');
  input.write('e\u2028f\u2029g\n\n');
  input.write('h\r');
  input.write('\ni');
  input.end('j');
  await tick();
  log('closed', rl.closed, 'paused', rl.paused, rl.terminal);
});

test('split utf8', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  rl.on('line', (l) => log('line', l, l.length));
  const bytes = new Uint8Array([0xc3, 0xa9, 0x0a, 0xe2, 0x82]);
  input.write(bytes.subarray(0, 1));
  input.write(bytes.subarray(1));
  input.write(new Uint8Array([0xac, 0x0d]));
  input.end(new Uint8Array([0x0a, 0x78]));
  await new Promise((r) => rl.on('close', r));
  log('crlfDelay', rl.crlfDelay, readline.createInterface({ input: new PassThrough(), crlfDelay: 5 }).crlfDelay);
});

test('question and prompt', async () => {
  const input = new PassThrough();
  const output = sink();
  const rl = readline.createInterface({ input, output, prompt: '$ ' });
  log('prompt', rl.getPrompt());
  rl.question('name? ', (a) => {
    log('answer', a, 'prompt back', rl.getPrompt());
  });
  rl.on('line', (l) => log('line', l));
  input.write('bob\nnext\n');
  rl.setPrompt('# ');
  rl.prompt();
  rl.write('written\n');
  await tick();
  log('output', output.text);
  rl.close();
  try {
    rl.question('again', () => {});
  } catch (e) {
    log('error', e.code, e.message);
  }
});

test('question with signal', async () => {
  const input = new PassThrough();
  const output = sink();
  const rl = readline.createInterface({ input, output });
  const ac = new AbortController();
  rl.question('q1? ', { signal: ac.signal }, (a) => log('never', a));
  ac.abort();
  rl.on('line', (l) => log('line after abort', l));
  input.write('x\n');
  const q = promisify(rl.question).bind(rl);
  const p = q('q2? ');
  input.write('y\n');
  log('promisified', await p);
  const ac2 = new AbortController();
  ac2.abort('why');
  try {
    await q('q3? ', { signal: ac2.signal });
  } catch (e) {
    log('rejected', e.name, e.code, e.cause);
  }
  await tick();
  log('output', output.text);
  rl.close();
});

test('async iteration', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  setTimeout(() => { input.write('one\ntwo\n'); input.end('three'); }, 1);
  const seen = [];
  for await (const line of rl) seen.push(line);
  log('iterated', seen);
});

test('async iteration break closes', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  rl.on('close', () => log('closed by break'));
  // Lines emitted before the loop starts would be lost (as in node).
  setTimeout(() => input.write('1\n2\n3\n'), 1);
  for await (const line of rl) {
    log('got', line);
    if (line === '2') break;
  }
  log('input destroyed?', input.destroyed);
});

test('promises question', async () => {
  const input = new PassThrough();
  const output = sink();
  const rl = readlinePromises.createInterface({ input, output });
  const p = rl.question('who? ');
  input.write('me\n');
  log('answer', await p);
  const ac = new AbortController();
  const p2 = rl.question('cancel? ', { signal: ac.signal });
  ac.abort();
  try { await p2; } catch (e) { log('aborted', e.name, e.code); }
  log('output', output.text);
  rl.close();
});

test('close semantics', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input });
  const events = [];
  for (const ev of ['close', 'pause', 'resume', 'line']) rl.on(ev, (x) => events.push(ev + (x ? ':' + x : '')));
  rl.pause();
  rl.pause();
  rl.resume();
  input.write('partial');
  rl.close();
  rl.close();
  input.write('more\n');
  await tick();
  log(events, input.listenerCount('data'), input.listenerCount('end'), input.isPaused());
});

test('signal closes', async () => {
  const ac = new AbortController();
  const rl = readline.createInterface({ input: new PassThrough(), signal: ac.signal });
  rl.on('close', () => log('closed by signal'));
  ac.abort();
  const ac2 = new AbortController();
  ac2.abort();
  const rl2 = readline.createInterface({ input: new PassThrough(), signal: ac2.signal });
  rl2.on('close', () => log('closed on next tick'));
  log('sync', rl2.closed);
  await tick();
});

test('validation', () => {
  const input = new PassThrough();
  for (const opts of [{ completer: 'x' }, { history: 'x' }, { historySize: -1 },
    { historySize: 'x' }, { tabSize: 0 }, { escapeCodeTimeout: NaN }, { signal: {} }]) {
    try {
      readline.createInterface({ input, ...opts });
      log('no error', Object.keys(opts));
    } catch (e) {
      log(Object.keys(opts)[0], e.name, e.code, e.message);
    }
  }
});

test('cursor helpers', async () => {
  const out = sink();
  log(readline.cursorTo(out, 3), readline.cursorTo(out, 1, 2), readline.moveCursor(out, -2, 3),
      readline.moveCursor(out, 4, -1), readline.moveCursor(out, 0, 0),
      readline.clearLine(out, -1), readline.clearLine(out, 1), readline.clearLine(out, 0),
      readline.clearScreenDown(out), readline.cursorTo(null, 1), readline.cursorTo(out));
  try { readline.cursorTo(out, 'a', 1); } catch (e) { log(e.code); }
  try { readline.cursorTo(out, NaN); } catch (e) { log(e.code); }
  await new Promise((r) => readline.cursorTo(null, 1, r));
  await tick();
  log(out.text);
});

test('Readline class', async () => {
  const out = sink();
  const r = new readlinePromises.Readline(out);
  r.cursorTo(1).cursorTo(2, 3).moveCursor(1, -1).moveCursor(0, 0).clearLine(0).clearLine(-1)
    .clearScreenDown();
  log('before commit', out.text);
  await r.commit();
  await tick();
  log('after', out.text);
  r.clearLine(1).rollback();
  await r.commit();
  const auto = new readlinePromises.Readline(out, { autoCommit: true });
  auto.cursorTo(0);
  await tick();
  log('auto', out.text);
  try { new readlinePromises.Readline({}); } catch (e) { log(e.code); }
  try { r.clearLine(2); } catch (e) { log(e.code); }
});

test('keypress events', async () => {
  const input = new PassThrough();
  readline.emitKeypressEvents(input);
  input.on('keypress', (s, k) => log('key', s, k));
  input.write('a');
  input.write('B');
  input.write('\x1b[A\x1b[1;5C\x1bOP\x1b[3~\x03\r\n\t\x7f \x1bb\x1b[200~');
  input.write('\x1b');
  input.write('[D');
  input.write('\u00e9\ud83d\ude00.');
  await tick();
});

test('terminal editing', async () => {
  const input = new PassThrough();
  const output = sink();
  output.columns = 80;
  const rl = readline.createInterface({ input, output, terminal: true, prompt: '> ' });
  rl.on('line', (l) => log('line', l));
  rl.on('history', (h) => log('history', h));
  rl.prompt();
  input.write('hello world');
  input.write('\x01');         // ctrl+a
  input.write('X');
  input.write('\x05');         // ctrl+e
  input.write('\x17');         // ctrl+w
  input.write('\x1b[D');       // left
  input.write('\x7f');         // backspace
  log('state', rl.line, rl.cursor, rl.getCursorPos());
  input.write('\r');
  input.write('second');
  input.write('\x15');         // ctrl+u
  input.write('third\r');
  input.write('\x1b[A');       // up
  log('up', rl.line);
  input.write('\x1b[A');
  log('up', rl.line);
  input.write('\x1b[B\x1b[B');
  log('down', JSON.stringify(rl.line));
  input.write('abc\x02\x02\x0b');  // ctrl+b twice, ctrl+k
  log('killed', rl.line, rl.cursor);
  input.write('\x19');         // ctrl+y
  log('yank', rl.line);
  input.write('\x1f');         // undo
  log('undo', rl.line);
  input.write('\r');
  log('history', rl.history);
  await tick();
  log('output', output.text);
  rl.close();
});

test('terminal completion', async () => {
  const input = new PassThrough();
  const output = sink();
  output.columns = 40;
  const completer = (line) => {
    const hits = ['apple', 'apricot', 'banana'].filter((c) => c.startsWith(line));
    return [hits, line];
  };
  const rl = readline.createInterface({ input, output, terminal: true, completer });
  rl.on('line', (l) => log('line', l));
  input.write('a');
  input.write('\t');
  await tick();
  log('after tab', rl.line);
  input.write('\t');
  await tick();
  input.write('r');
  input.write('\t');
  await tick();
  input.write('\r');
  await tick();
  log('output', output.text);
  rl.close();
});

test('terminal ctrl-c and ctrl-d', async () => {
  const input = new PassThrough();
  const output = sink();
  const rl = readline.createInterface({ input, output, terminal: true });
  rl.on('SIGINT', () => log('SIGINT'));
  rl.on('close', () => log('close'));
  input.write('x\x03');
  input.write('\x04');          // not empty: delete right (nothing)
  input.write('\x15\x04');      // clear, then EOF
  await tick();
  log('closed', rl.closed);
  const rlp = readlinePromises.createInterface({ input: new PassThrough(), output: sink(), terminal: true });
  const p = rlp.question('? ');
  rlp.input.write('\x03');
  try { await p; } catch (e) { log('rejected', e.name, e.message); }
});

test('history options', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({
    input, output: sink(), terminal: true, historySize: 2, removeHistoryDuplicates: true,
    history: ['old'],
  });
  input.write('a\rb\ra\r  \r');
  log(rl.history, rl.historySize);
  rl.close();
  const rl0 = readline.createInterface({ input: new PassThrough(), output: sink(), terminal: true, historySize: 0 });
  rl0.write('z\r');
  log(rl0.history);
  rl0.close();
});

test('legacy overrides', async () => {
  const input = new PassThrough();
  const rl = readline.createInterface({ input, output: sink(), terminal: false });
  const writes = [];
  rl._writeToOutput = (s) => writes.push(s);
  rl.setPrompt('P> ');
  rl.prompt();
  rl._onLine = (l) => writes.push('onLine:' + l);
  input.write('q\n');
  log(writes, typeof rl._refreshLine, typeof rl._getCursorPos, rl._prompt);
  log(Object.keys(readline).sort(), Object.keys(readlinePromises).sort());
  log(readline.Interface === readline.createInterface.constructor, rl instanceof readline.Interface,
      rl instanceof require('events'));
  const rl2 = readline.Interface({ input: new PassThrough() });
  log(rl2 instanceof readline.Interface);
  rl.close();
  rl2.close();
});

test('line splitting fuzz', async () => {
  // Deterministic pseudo-random chunks of a, b, \r and \n.
  let seed = 42;
  const rand = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 16) % n; };
  for (let round = 0; round < 20; round++) {
    const input = new PassThrough();
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    const lines = [];
    rl.on('line', (l) => lines.push(l));
    for (let c = 0; c < 8; c++) {
      let chunk = '';
      const len = rand(6);
      for (let i = 0; i < len; i++) chunk += 'ab\r\n'[rand(4)];
      rl.write(chunk);
    }
    rl.close();
    log(round, lines);
  }
});

(async () => {
  for (const [name, fn] of tests) {
    console.log(`-- ${name}`);
    await fn();
    await tick();
  }
})();
