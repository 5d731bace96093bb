'use strict';

// A FIFO queue that stays fast for any length: a linked list of fixed-size
// circular buffers, so push/shift never copy. Used by the nextTick queue and
// events.on().

const kSize = 2048;
const kMask = kSize - 1;

// One circular buffer. `top` is where the next push goes, `bottom` where the
// next shift reads; top === bottom means empty, so one slot stays unused.
class FixedCircularBuffer {
  constructor() {
    this.bottom = 0;
    this.top = 0;
    this.list = new Array(kSize);
    this.next = null;
  }

  isEmpty() {
    return this.top === this.bottom;
  }

  isFull() {
    return ((this.top + 1) & kMask) === this.bottom;
  }

  push(data) {
    this.list[this.top] = data;
    this.top = (this.top + 1) & kMask;
  }

  shift() {
    const nextItem = this.list[this.bottom];
    if (nextItem === undefined) return null;
    this.list[this.bottom] = undefined;
    this.bottom = (this.bottom + 1) & kMask;
    return nextItem;
  }
}

class FixedQueue {
  constructor() {
    this.head = this.tail = new FixedCircularBuffer();
  }

  isEmpty() {
    return this.head.isEmpty();
  }

  push(data) {
    if (this.head.isFull()) {
      // The head buffer is full: continue in a new one.
      this.head = this.head.next = new FixedCircularBuffer();
    }
    this.head.push(data);
  }

  // The oldest item, or null when empty. Items must not be undefined.
  shift() {
    const tail = this.tail;
    const next = tail.shift();
    if (tail.isEmpty() && tail.next !== null) {
      // Drained this buffer and a newer one exists: drop it.
      this.tail = tail.next;
      tail.next = null;
    }
    return next;
  }
}

module.exports = FixedQueue;
