'use strict';

// USVString conversion (Web IDL): ToString, then each lone surrogate becomes
// U+FFFD. Symbols throw, as ToString does.

const kLoneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const kAnySurrogate = /[\ud800-\udfff]/;

function toUSVString(value) {
  const str = `${value}`;
  if (!kAnySurrogate.test(str)) return str;
  return str.replace(kLoneSurrogate, '\ufffd');
}

module.exports = { toUSVString };
