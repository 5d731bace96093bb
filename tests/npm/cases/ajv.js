const Ajv = require('ajv');
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({
  type: 'object',
  properties: { foo: { type: 'integer' }, bar: { type: 'string', maxLength: 3 } },
  required: ['foo'], additionalProperties: false,
});
console.log(validate({ foo: 1, bar: 'abc' }), validate({ bar: 'abcd', x: 1 }));
console.log(validate.errors.map((e) => `${e.instancePath} ${e.message}`));
