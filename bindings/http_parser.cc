// process.binding('http_parser'): HTTPParser, an HTTP/1.x message parser over
// llhttp, shaped as Node's: fed bytes with execute(), it calls back into the
// JS functions stored on it at these indexes:
//
//   [kOnMessageBegin]()
//   [kOnHeaders](headers, url)          trailers (and nothing else: all the
//                                       headers of a message come at once)
//   [kOnHeadersComplete](versionMajor, versionMinor, headers, method, url,
//                        statusCode, statusMessage, upgrade, shouldKeepAlive)
//       headers: [name, value, ...] as sent (values without trailing
//       blanks); method: 'GET' etc. for requests. Returning 1 means "no
//       body" (a response to HEAD), 2 "no body, then upgrade".
//   [kOnBody](start, length)            body bytes are buffer[start, +length)
//                                       of the buffer given to execute()
//   [kOnMessageComplete]()
//   [kOnExecute](ret, chunk, nread)     consume mode only: after each read was
//       parsed; ret as execute() returns it; chunk (an ArrayBuffer copy of
//       the bytes read) only when ret is an Error or the parser upgraded.
//
// In consume mode (consume(handle), for a socket handle of tcp_wrap or
// pipe_wrap) the parser takes the handle's reads in C++, as Node's does:
// no JS runs per read but the parser's callbacks. kOnBody then gets a third
// argument, an ArrayBuffer holding the read, which start/length index.
//
//   new HTTPParser()
//   initialize(type, maxHeaderSize, lenient)  type: REQUEST or RESPONSE;
//       lenient: the --insecure-http-parser leniencies.
//   execute(buffer) -> bytes parsed, or an Error (code 'HPE_...', reason,
//       bytesParsed); after an upgrade the bytes not parsed belong to the
//       new protocol.
//   finish() -> undefined or an Error (the message was cut short)
//   pause() / resume(); close() / free() / remove() do nothing
//
// The header section (start line and headers, and trailers) may be at most
// maxHeaderSize bytes: more fails with HPE_HEADER_OVERFLOW. A JS exception in
// a callback stops parsing and propagates out of execute().
#include "bindings/http_parser.h"

namespace kiln::bindings::http_parser {

Parser* This(const FunctionCallbackInfo<Value>& args) {
  // The class signature guarantees the receiver; the field is set in New.
  return Parser::Unwrap(args.This());
}

// new HTTPParser()
static void New(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    return ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                          "Class constructor HTTPParser cannot be invoked without 'new'");
  }
  new Parser(isolate, args.This());
}

// initialize(type, maxHeaderSize, lenientFlags)
static void InitializeParser(const FunctionCallbackInfo<Value>& args) {
  Parser* self = This(args);
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsInt32() ||
      (args[0].As<v8::Int32>()->Value() != HTTP_REQUEST &&
       args[0].As<v8::Int32>()->Value() != HTTP_RESPONSE)) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE",
                          "The \"type\" argument must be REQUEST or RESPONSE");
  }
  double max = 16 * 1024;
  if (!args[1]->IsUndefined()) {
    if (!args[1]->IsNumber() || !(args[1].As<v8::Number>()->Value() > 0)) {
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                            "The \"maxHeaderSize\" argument must be a positive number");
    }
    max = args[1].As<v8::Number>()->Value();
  }
  int lenient = args[2]->IsInt32() ? args[2].As<v8::Int32>()->Value() & kLenientAll : 0;
  self->Init(static_cast<llhttp_type_t>(args[0].As<v8::Int32>()->Value()),
             static_cast<uint64_t>(max), lenient);
}

// execute(buffer) -> bytes parsed | Error
static void Execute(const FunctionCallbackInfo<Value>& args) {
  Parser* self = This(args);
  if (!args[0]->IsArrayBufferView()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"buffer\" argument must be an ArrayBufferView");
  }
  Local<ArrayBufferView> view = args[0].As<ArrayBufferView>();
  size_t len = view->ByteLength();
  if (len == 0) return args.GetReturnValue().Set(0);
  // SAFETY: a backing store does not move; JS called back from the parser
  // can detach it, but not while execute() holds this reference to it.
  std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
  const char* data = static_cast<const char*>(store->Data()) + view->ByteOffset();
  Local<Value> ret;
  if (self->Execute(data, len).ToLocal(&ret)) args.GetReturnValue().Set(ret);
}

// finish() -> undefined | Error
static void Finish(const FunctionCallbackInfo<Value>& args) {
  Parser* self = This(args);
  Local<Value> ret;
  if (self->Execute(nullptr, 0).ToLocal(&ret)) args.GetReturnValue().Set(ret);
}

// consume(handle) -> true, or false when the handle has a consumer already
static void Consume(const FunctionCallbackInfo<Value>& args) {
  Parser* self = This(args);
  stream_fd::FdStream* stream =
      args[0]->IsObject() ? stream_fd::FdStream::FromObject(args[0].As<Object>()) : nullptr;
  if (stream == nullptr) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"handle\" argument must be a stream handle");
  }
  args.GetReturnValue().Set(self->Consume(stream));
}

static void Unconsume(const FunctionCallbackInfo<Value>& args) { This(args)->Unconsume(); }

// lastMessageStart() -> loop time (ms) the message being parsed began, or 0;
// headersCompleted() -> whether its head is complete. For the server's
// headersTimeout / requestTimeout checks.
static void LastMessageStart(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->message_start());
}

static void HeadersCompleted(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->headers_done());
}

static void Pause(const FunctionCallbackInfo<Value>& args) { This(args)->Pause(); }
static void Resume(const FunctionCallbackInfo<Value>& args) { This(args)->Resume(); }
static void Close(const FunctionCallbackInfo<Value>&) {}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, 1);
  t->SetClassName(OneByteString(isolate, "HTTPParser"));
  SetProtoMethod(isolate, t, "initialize", InitializeParser);
  SetProtoMethod(isolate, t, "execute", Execute);
  SetProtoMethod(isolate, t, "finish", Finish);
  SetProtoMethod(isolate, t, "consume", Consume);
  SetProtoMethod(isolate, t, "unconsume", Unconsume);
  SetProtoMethod(isolate, t, "lastMessageStart", LastMessageStart);
  SetProtoMethod(isolate, t, "headersCompleted", HeadersCompleted);
  SetProtoMethod(isolate, t, "pause", Pause);
  SetProtoMethod(isolate, t, "resume", Resume);
  // Kept for code written against Node's parser: nothing to release here
  // (the parser is freed with its JS object).
  SetProtoMethod(isolate, t, "close", Close);
  SetProtoMethod(isolate, t, "free", Close);
  SetProtoMethod(isolate, t, "remove", Close);
  Local<v8::Function> ctor = t->GetFunction(context).ToLocalChecked();
  SetConstant(context, ctor, "REQUEST", HTTP_REQUEST);
  SetConstant(context, ctor, "RESPONSE", HTTP_RESPONSE);
  SetConstant(context, ctor, "kOnMessageBegin", kOnMessageBegin);
  SetConstant(context, ctor, "kOnHeaders", kOnHeaders);
  SetConstant(context, ctor, "kOnHeadersComplete", kOnHeadersComplete);
  SetConstant(context, ctor, "kOnBody", kOnBody);
  SetConstant(context, ctor, "kOnMessageComplete", kOnMessageComplete);
  SetConstant(context, ctor, "kOnExecute", kOnExecute);
  SetConstant(context, ctor, "kLenientNone", 0);
  SetConstant(context, ctor, "kLenientAll", kLenientAll);
  SetValue(context, target, "HTTPParser", ctor);
  Local<Array> methods = Array::New(isolate);
  uint32_t i = 0;
#define V(num, name, string) methods->Set(context, i++, OneByteString(isolate, #string)).Check();
  HTTP_METHOD_MAP(V)
#undef V
  SetValue(context, target, "methods", methods);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(InitializeParser);
  r->Register(Execute);
  r->Register(Finish);
  r->Register(Consume);
  r->Register(Unconsume);
  r->Register(LastMessageStart);
  r->Register(HeadersCompleted);
  r->Register(Pause);
  r->Register(Resume);
  r->Register(Close);
}

}  // namespace kiln::bindings::http_parser
