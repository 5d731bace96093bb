'use strict';

// Circular doubly linked lists threaded through `_idleNext`/`_idlePrev`, as
// timers use them: the list object is its own sentinel node.

function init(list) {
  list._idleNext = list;
  list._idlePrev = list;
  return list;
}

// The oldest item, or null when empty.
function peek(list) {
  if (list._idlePrev === list) return null;
  return list._idlePrev;
}

// Unlinks `item` from whatever list holds it (a no-op when in none).
function remove(item) {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

// Adds `item` as the newest entry, moving it out of any list it was in.
function append(list, item) {
  if (item._idleNext || item._idlePrev) remove(item);
  item._idleNext = list._idleNext;
  list._idleNext._idlePrev = item;
  item._idlePrev = list;
  list._idleNext = item;
}

function isEmpty(list) {
  return list._idleNext === list;
}

module.exports = { init, peek, remove, append, isEmpty };
