'use strict';

// A binary min-heap. `compare(a, b)` orders items (negative: a first);
// `setPosition(item, pos)`, if given, is told each item's slot so that
// removeAt() can take an item out of the middle. Slots start at 1.

class PriorityQueue {
  #compare = (a, b) => a - b;
  #heap = new Array(64);
  #setPosition;
  #size = 0;

  constructor(comparator, setPosition) {
    if (comparator !== undefined) this.#compare = comparator;
    if (setPosition !== undefined) this.#setPosition = setPosition;
  }

  insert(value) {
    const heap = this.#heap;
    const pos = ++this.#size;
    heap[pos] = value;
    if (heap.length === pos) heap.length *= 2;
    this.percolateUp(pos);
  }

  peek() {
    return this.#heap[1];
  }

  peekBottom() {
    return this.#heap[this.#size];
  }

  // Moves the item at `pos` down to its place (after its key grew).
  percolateDown(pos) {
    const compare = this.#compare;
    const setPosition = this.#setPosition;
    const hasSetPosition = setPosition !== undefined;
    const heap = this.#heap;
    const size = this.#size;
    const hsize = size >> 1;
    const item = heap[pos];
    while (pos <= hsize) {
      let child = pos << 1;
      const nextChild = child + 1;
      let childItem = heap[child];
      if (nextChild <= size && compare(heap[nextChild], childItem) < 0) {
        child = nextChild;
        childItem = heap[nextChild];
      }
      if (compare(item, childItem) <= 0) break;
      if (hasSetPosition) setPosition(childItem, pos);
      heap[pos] = childItem;
      pos = child;
    }
    heap[pos] = item;
    if (hasSetPosition) setPosition(item, pos);
  }

  // Moves the item at `pos` up to its place (after its key shrank).
  percolateUp(pos) {
    const heap = this.#heap;
    const compare = this.#compare;
    const setPosition = this.#setPosition;
    const hasSetPosition = setPosition !== undefined;
    const item = heap[pos];
    while (pos > 1) {
      const parent = heap[pos >> 1];
      if (compare(parent, item) <= 0) break;
      heap[pos] = parent;
      if (hasSetPosition) setPosition(parent, pos);
      pos = pos >> 1;
    }
    heap[pos] = item;
    if (hasSetPosition) setPosition(item, pos);
  }

  removeAt(pos) {
    const heap = this.#heap;
    const size = --this.#size;
    heap[pos] = heap[size + 1];
    heap[size + 1] = undefined;
    if (size > 0 && pos <= size) {
      if (pos > 1 && this.#compare(heap[pos >> 1], heap[pos]) > 0) this.percolateUp(pos);
      else this.percolateDown(pos);
    }
  }

  // Removes and returns the first item (undefined when empty).
  shift() {
    const heap = this.#heap;
    const value = heap[1];
    if (value === undefined) return;
    this.removeAt(1);
    return value;
  }

  isEmpty() {
    return this.#size === 0;
  }
}

module.exports = PriorityQueue;
