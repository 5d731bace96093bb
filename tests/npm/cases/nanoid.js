// nanoid 5 is ESM-only ("type": "module", conditional "exports"): import()
// from CommonJS, and require() of it (as Node 20.19+ allows).
(async () => {
  const { nanoid, customAlphabet, urlAlphabet } = await import('nanoid');
  const id = nanoid();
  console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), nanoid(5).length, urlAlphabet.length);
  const hex = customAlphabet('0123456789abcdef', 12);
  console.log(/^[0-9a-f]{12}$/.test(hex()));
  const { nanoid: weak } = await import('nanoid/non-secure');
  console.log(weak(8).length);
  const required = require('nanoid');
  console.log(typeof required.nanoid, required.nanoid === nanoid, Object.keys(required));
  try {
    await import('nanoid/missing');
  } catch (e) {
    console.log(e.code);
  }
})();
