'use strict';
// The `stream/web` module: the WHATWG streams classes (also globals).

const {
  ReadableByteStreamController, ReadableStream, ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest, ReadableStreamDefaultController, ReadableStreamDefaultReader,
} = require('internal/webstreams/readablestream');
const {
  WritableStream, WritableStreamDefaultController, WritableStreamDefaultWriter,
} = require('internal/webstreams/writablestream');
const {
  TransformStream, TransformStreamDefaultController,
} = require('internal/webstreams/transformstream');
const {
  ByteLengthQueuingStrategy, CountQueuingStrategy,
} = require('internal/webstreams/queuingstrategies');
const { TextDecoderStream, TextEncoderStream } = require('internal/webstreams/encoding');

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
};
