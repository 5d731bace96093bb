'use strict';

// events.EventEmitterAsyncResource: an EventEmitter whose emits run in the
// async context of an AsyncResource. Loaded on first access of the getter.

const EventEmitter = require('events');
const { AsyncResource } = require('async_hooks');
const { codes: { ERR_INVALID_THIS } } = require('internal/errors');
const { validateString } = require('internal/validators');

const kEventEmitter = Symbol('kEventEmitter');
const kAsyncResource = Symbol('kAsyncResource');

class EventEmitterReferencingAsyncResource extends AsyncResource {
  constructor(ee, type, options) {
    super(type, options);
    this[kEventEmitter] = ee;
  }

  get eventEmitter() {
    if (this[kEventEmitter] === undefined) {
      throw new ERR_INVALID_THIS('EventEmitterReferencingAsyncResource');
    }
    return this[kEventEmitter];
  }
}

function checkThis(that) {
  if (that[kAsyncResource] === undefined) throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
}

class EventEmitterAsyncResource extends EventEmitter {
  constructor(options = undefined) {
    let name;
    if (typeof options === 'string') {
      name = options;
      options = undefined;
    } else {
      if (new.target === EventEmitterAsyncResource) validateString(options?.name, 'options.name');
      name = options?.name || new.target.name;
    }
    super(options);
    this[kAsyncResource] = new EventEmitterReferencingAsyncResource(this, name, options);
  }

  emit(event, ...args) {
    checkThis(this);
    const { asyncResource } = this;
    args.unshift(super.emit, this, event);
    return Reflect.apply(asyncResource.runInAsyncScope, asyncResource, args);
  }

  emitDestroy() {
    checkThis(this);
    this.asyncResource.emitDestroy();
  }

  get asyncId() {
    checkThis(this);
    return this.asyncResource.asyncId();
  }

  get triggerAsyncId() {
    checkThis(this);
    return this.asyncResource.triggerAsyncId();
  }

  get asyncResource() {
    checkThis(this);
    return this[kAsyncResource];
  }
}

module.exports = { EventEmitterAsyncResource };
