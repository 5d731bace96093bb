// fastify under kiln and node (tests/npm/run.sh): a local server on 127.0.0.1:0
// and a client in the same process; output must match.
const fastify = require('fastify')({ logger: false });
fastify.get('/', async () => ({ hello: 'world' }));
fastify.post('/e', { schema: { body: { type: 'object', required: ['a'], properties: { a: { type: 'number' } } } } }, async (req) => ({ got: req.body.a }));
fastify.listen({ port: 0, host: '127.0.0.1' }).then(async (addr) => {
  for (const [m, p, b] of [['GET', '/'], ['POST', '/e', '{"a":1}'], ['POST', '/e', '{"b":1}'], ['GET', '/nope']]) {
    const r = await fetch(addr + p, { method: m, body: b, headers: b ? { 'content-type': 'application/json' } : {} });
    console.log(m, p, r.status, await r.text());
  }
  await fastify.close(); console.log('closed');
});
