'use strict';

// fetch() and its classes, for the globals of the same names (installed
// lazily by internal/bootstrap/node.js).

const { fetch } = require('internal/fetch/fetch');
const { Headers } = require('internal/fetch/headers');
const { Request } = require('internal/fetch/request');
const { Response } = require('internal/fetch/response');
const { FormData } = require('internal/fetch/formdata');

module.exports = { fetch, FormData, Headers, Request, Response };
