// koa under kiln and node (tests/npm/run.sh): a local server on 127.0.0.1:0
// and a client in the same process; output must match.
const Koa = require('koa'); const app = new Koa();
app.use(async (ctx, next) => { const t = Date.now(); await next(); ctx.set('X-T', 'ok'); });
app.use(async (ctx) => { if (ctx.path === '/err') ctx.throw(418, 'teapot'); ctx.body = { path: ctx.path, q: ctx.query }; });
const srv = app.listen(0, async () => {
  const base = `http://127.0.0.1:${srv.address().port}`;
  for (const p of ['/a?x=1', '/err']) { const r = await fetch(base + p); console.log(r.status, r.headers.get('x-t'), await r.text()); }
  srv.close();
});
