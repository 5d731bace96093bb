'use strict';

// handle[ownerSymbol] is the JS object a native handle belongs to (a
// net.Socket, a Server, a ChildProcess, a dgram.Socket, an FSWatcher):
// one symbol for all, so process._getActiveHandles() can map handles to
// owners as Node's does.
module.exports = Symbol('owner_symbol');
