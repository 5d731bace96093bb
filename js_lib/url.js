'use strict';

// url: the WHATWG URL API (internal/url) and the legacy url.parse/format/
// resolve API (internal/url/legacy*), with Node's export list.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateObject, validateString } = require('internal/validators');
const {
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  fileURLToPath,
  pathToFileURL: _pathToFileURL,
  urlToHttpOptions,
} = require('internal/url');
const { Url, urlParse } = require('internal/url/legacy');
const { urlResolve, urlResolveObject } = require('internal/url/legacy_resolve');

const bindingUrl = binding('url');

// url.format(urlObject | string | URL[, options]): a URL object is formatted
// by the WHATWG serializer, with the parts the options switch off removed.
function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  } else if (urlObject instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    return bindingUrl.format(urlObject.href, fragment, unicode, search, auth);
  }
  return Url.prototype.format.call(urlObject);
}

function pathToFileURL(path, options) {
  validateString(path, 'path');
  return _pathToFileURL(path, options);
}

module.exports = {
  // Original API
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,

  // WHATWG API
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,

  // Utilities
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
