// ws under kiln and node (tests/npm/run.sh): a local server on 127.0.0.1:0
// and a client in the same process; output must match.
const { WebSocketServer, WebSocket } = require('ws');
const wss = new WebSocketServer({ port: 0 }, () => {
  const ws = new WebSocket(`ws://127.0.0.1:${wss.address().port}`);
  ws.on('open', () => { ws.send('hello'); ws.send(Buffer.from([1, 2, 3])); });
  let n = 0;
  ws.on('message', (m, isBinary) => { console.log('client got', String(m), isBinary); if (++n === 2) ws.close(1000, 'bye'); });
  ws.on('close', (code, reason) => { console.log('closed', code, String(reason)); wss.close(); });
});
wss.on('connection', (s) => s.on('message', (m, b) => s.send(b ? m : 'echo:' + m, { binary: b })));
