'use strict';
// bench/http.sh: the Express hello world (express from tests/npm, whose
// path bench/http.sh passes in EXPRESS). Prints its port.
const express = require(process.env.EXPRESS);
const app = express();
app.get('/', (req, res) => res.send('Hello World'));
const server = app.listen(0, '127.0.0.1', () => console.log(server.address().port));
