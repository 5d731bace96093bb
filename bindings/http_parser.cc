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
//   [kOnExecute](ret, chunk, nread, onHead, head, onComplete)  consume mode
//       only: after each read was parsed; ret as execute() returns it; chunk
//       (an ArrayBuffer copy of the bytes read) only when ret is an Error or
//       the parser upgraded. onHead/head and onComplete: callbacks held back
//       for this call, which makes them first (http_parser_consume.h):
//       onHead ([kOnHeadersComplete]) with head, its nine arguments as an
//       array, then onComplete ([kOnMessageComplete]); undefined if none.
//       If one throws, JS calls failHeld(kOnX) and rethrows.
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
#include "bindings/http_parser_consume.h"

namespace kiln::bindings::http_parser {

// ---- Parser (http_parser.h): parsing, and the calls into JS ------------------

v8::MaybeLocal<Value> Parser::Execute(const char* data, size_t len) {
  base_ = data;
  end_ = data + len;
  got_exception_ = false;
  error_at_ = nullptr;
  error_reason_ = nullptr;
  field_end_ = nullptr;
  // The CRLF after a chunk's data, begun in the previous buffer.
  if (crlf_pending_ != 0 && len > 0) CheckChunkCrlf(data);
  llhttp_errno_t err = len == 0 ? llhttp_finish(&parser_) : llhttp_execute(&parser_, data, len);
  size_t nread = len;
  if (err != HPE_OK && error_reason_ != nullptr) {
    err = HPE_USER;
    parser_.error = HPE_USER;
    llhttp_set_error_reason(&parser_, error_reason_);
  }
  if (err != HPE_OK) {
    const char* pos = error_at_ != nullptr ? error_at_ : llhttp_get_error_pos(&parser_);
    nread = pos != nullptr && pos >= data ? static_cast<size_t>(pos - data) : 0;
    if (err == HPE_PAUSED_UPGRADE) {
      err = HPE_OK;
      llhttp_resume_after_upgrade(&parser_);
    }
  }
  if (len > 0) prev_last_byte_ = data[len - 1];
  base_ = nullptr;
  end_ = nullptr;
  if (got_exception_) return {};
  if (err == HPE_OK || err == HPE_PAUSED) {
    if (len == 0) return v8::Undefined(isolate_);
    return Integer::NewFromUnsigned(isolate_, static_cast<uint32_t>(nread));
  }
  return MakeError(err, nread);
}

int Parser::OnHeaderField(llhttp_t* p, const char* at, size_t len) {
  Parser* self = From(p);
  if (int r = self->TrackHeader(len)) return r;
  if (self->last_was_value_ || self->fields_.empty()) {
    // A field starts a line: after LF. This llhttp (8.1.0) lets a bare CR
    // end a header line, which would let requests be smuggled past a
    // proxy (fixed upstream in 8.1.1); refuse it here.
    char before = self->base_ != nullptr && at > self->base_ ? at[-1] : self->prev_last_byte_;
    if (before != '\n') {
      llhttp_set_error_reason(&self->parser_, "HPE_LF_EXPECTED:Missing expected LF after header value");
      return HPE_USER;
    }
    self->fields_.emplace_back();
    self->values_.emplace_back();
  }
  // This llhttp lets blanks into header names; Node's (9.x) does not.
  if (!self->lenient_) {
    for (size_t i = 0; i < len; i++) {
      if (!IsTokenChar(static_cast<unsigned char>(at[i]))) {
        llhttp_set_error_reason(&self->parser_,
                                "HPE_INVALID_HEADER_TOKEN:Invalid header token");
        return HPE_USER;
      }
    }
  }
  self->fields_.back().append(at, len);
  self->field_end_ = at + len;
  self->last_was_value_ = false;
  return 0;
}

int Parser::OnHeaderValue(llhttp_t* p, const char* at, size_t len) {
  Parser* self = From(p);
  if (int r = self->TrackHeader(len)) return r;
  // A value span that starts a line with a blank is an obs-fold
  // continuation, which this llhttp (8.1.0) joins to the value and Node's
  // (9.x) refuses. (An empty value is an empty span after the line end.)
  char before = self->base_ != nullptr && at > self->base_ ? at[-1] : self->prev_last_byte_;
  if (!self->lenient_ && before == '\n' && len > 0 && (at[0] == ' ' || at[0] == '\t')) {
    return self->Fail(at, "HPE_INVALID_HEADER_TOKEN:Unexpected whitespace after header value");
  }
  if (self->values_.empty()) return 0;
  self->values_.back().append(at, len);
  self->last_was_value_ = true;
  return 0;
}

int Parser::OnHeadersComplete(llhttp_t* p) {
  Parser* self = From(p);
  self->headers_done_ = true;
  if (self->HoldHead()) return self->got_exception_ ? -1 : 0;
  HandleScope scope(self->isolate_);
  Local<Value> argv[kHeadArgs];
  self->HeadArgs(argv);
  Local<Value> ret;
  if (!self->Call(kOnHeadersComplete, kHeadArgs, argv).ToLocal(&ret)) return -1;
  if (ret->IsInt32()) {
    int v = ret.As<v8::Int32>()->Value();
    if (v == 1 || v == 2) return v;
  }
  return 0;
}

void Parser::HeadArgs(Local<Value>* argv) {
  Isolate* isolate = isolate_;
  Local<Value> undef = v8::Undefined(isolate);
  bool request = parser_.type == HTTP_REQUEST;
  argv[0] = Integer::New(isolate, parser_.http_major);
  argv[1] = Integer::New(isolate, parser_.http_minor);
  argv[2] = TakeHeaders();
  argv[3] = request ? Local<Value>(MethodName(isolate, parser_.method)) : undef;
  argv[4] = request ? Latin1(isolate, url_) : Local<Value>(String::Empty(isolate));
  argv[5] = request ? undef : Local<Value>(Integer::New(isolate, parser_.status_code));
  argv[6] = request ? undef : Latin1(isolate, status_message_);
  argv[7] = v8::Boolean::New(isolate, parser_.upgrade != 0);
  argv[8] = v8::Boolean::New(isolate, llhttp_should_keep_alive(&parser_) != 0);
  url_.clear();
  status_message_.clear();
}

int Parser::CheckChunkCrlf(const char* at) {
  static const char kCrlf[] = "\r\n";
  while (crlf_pending_ != 0 && at < end_) {
    if (*at != kCrlf[2 - crlf_pending_]) {
      crlf_pending_ = 0;
      // Before llhttp ran (a new buffer): fail it from the start.
      parser_.error = HPE_USER;
      parser_.error_pos = at;
      return Fail(at, "HPE_STRICT:Expected LF after chunk data");
    }
    crlf_pending_--;
    at++;
  }
  return 0;
}

int Parser::OnBody(llhttp_t* p, const char* at, size_t len) {
  Parser* self = From(p);
  if (self->base_ == nullptr) return 0;
  if ((p->flags & F_CHUNKED) && p->content_length == 0 && !self->lenient_) {
    self->crlf_pending_ = 2;
    if (self->CheckChunkCrlf(at + len) != 0) return HPE_USER;
  }
  HandleScope scope(self->isolate_);
  Local<Value> argv[3] = {
      Integer::NewFromUnsigned(self->isolate_, static_cast<uint32_t>(at - self->base_)),
      Integer::NewFromUnsigned(self->isolate_, static_cast<uint32_t>(len)),
      v8::Undefined(self->isolate_)};
  int argc = 2;
  if (self->consumed_data_ != nullptr) {
    argv[2] = self->Chunk();
    argc = 3;
  }
  return self->Call(kOnBody, argc, argv).IsEmpty() ? -1 : 0;
}

int Parser::OnMessageComplete(llhttp_t* p) {
  Parser* self = From(p);
  HandleScope scope(self->isolate_);
  // Trailers arrive between the body and here.
  if (!self->fields_.empty()) {
    Local<Value> argv[2] = {self->TakeHeaders(), String::Empty(self->isolate_)};
    if (self->Call(kOnHeaders, 2, argv).IsEmpty()) return -1;
  }
  self->header_nread_ = 0;
  self->message_start_ = 0;
  if (self->HoldComplete()) return 0;
  return self->Call(kOnMessageComplete, 0, nullptr).IsEmpty() ? -1 : 0;
}

Local<Value> Parser::TakeHeaders() {
  std::vector<Local<Value>>& items = header_items_;
  items.clear();
  for (size_t i = 0; i < fields_.size(); i++) {
    std::string& v = values_[i];
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    items.push_back(HeaderName(isolate_, fields_[i]));
    items.push_back(Latin1(isolate_, v));
  }
  fields_.clear();
  values_.clear();
  last_was_value_ = false;
  return Array::New(isolate_, items.data(), items.size());
}

v8::MaybeLocal<Value> Parser::Call(uint32_t index, int argc, Local<Value>* argv) {
  // What consume mode held back comes first (http_parser_consume.h).
  if (!PayHeld()) return {};
  return CallNow(index, argc, argv);
}

v8::MaybeLocal<Value> Parser::CallNow(uint32_t index, int argc, Local<Value>* argv) {
  if (got_exception_) return {};
  Local<Context> context = isolate_->GetCurrentContext();
  Local<Object> obj = object_.Get(isolate_);
  Local<Value> fn = obj->GetInternalField(kFirstCallbackField + index);
  if (!fn->IsFunction()) return v8::MaybeLocal<Value>(v8::Undefined(isolate_));
  // JS that parses again (execute(), finish()) gets its callbacks at once.
  bool hold = hold_callbacks_;
  hold_callbacks_ = false;
  v8::MaybeLocal<Value> r = fn.As<Function>()->Call(context, obj, argc, argv);
  hold_callbacks_ = hold;
  if (r.IsEmpty()) {
    got_exception_ = true;
    llhttp_set_error_reason(&parser_, "HPE_JS_EXCEPTION:JS Exception");
  }
  return r;
}

Local<Value> Parser::MakeError(llhttp_errno_t err, size_t nread) {
  Local<Context> context = isolate_->GetCurrentContext();
  Local<Object> e = v8::Exception::Error(OneByteString(isolate_, "Parse Error")).As<Object>();
  const char* reason = llhttp_get_error_reason(&parser_);
  if (reason == nullptr) reason = "";
  std::string code, text;
  const char* colon = err == HPE_USER ? strchr(reason, ':') : nullptr;
  if (colon != nullptr) {
    code.assign(reason, colon - reason);
    text = colon + 1;
  } else {
    code = llhttp_errno_name(err);
    text = reason;
  }
  e->Set(context, OneByteString(isolate_, "bytesParsed"),
         Integer::NewFromUnsigned(isolate_, static_cast<uint32_t>(nread))).Check();
  e->Set(context, OneByteString(isolate_, "code"), Latin1(isolate_, code)).Check();
  e->Set(context, OneByteString(isolate_, "reason"), Latin1(isolate_, text)).Check();
  return e;
}

// ---- the JS surface -----------------------------------------------------------

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
  // async_hooks: the parser's callbacks run in its context (as from consume).
  AsyncHooksScope hooks_scope(Environment::Get(args.GetIsolate()), args.This());
  Local<Value> ret;
  if (self->Execute(data, len).ToLocal(&ret)) args.GetReturnValue().Set(ret);
}

// finish() -> undefined | Error
static void Finish(const FunctionCallbackInfo<Value>& args) {
  Parser* self = This(args);
  AsyncHooksScope hooks_scope(Environment::Get(args.GetIsolate()), args.This());
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

// failHeld(kOnHeadersComplete | kOnMessageComplete): a held-back callback
// threw in kOnExecute; the parser fails as when one throws while parsing.
static void FailHeld(const FunctionCallbackInfo<Value>& args) {
  This(args)->FailHeld(args[0]->IsUint32() ? args[0].As<v8::Uint32>()->Value() : 0);
}

static void Pause(const FunctionCallbackInfo<Value>& args) { This(args)->Pause(); }
static void Resume(const FunctionCallbackInfo<Value>& args) { This(args)->Resume(); }
// close(), free(), remove(): the parser is done with its connection
// (async_hooks: its destroy).
static void Close(const FunctionCallbackInfo<Value>& args) {
  Environment::Get(args.GetIsolate())->EmitAsyncDestroy(args.This());
}

// this[kOnX] for the callback indexes: kept in the object's internal fields
// (see kFirstCallbackField); other indexes are ordinary elements.
static void CallbackGet(uint32_t index, const v8::PropertyCallbackInfo<Value>& info) {
  if (index >= kCallbackCount) return;
  Local<Value> v = info.Holder()->GetInternalField(kFirstCallbackField + index);
  if (!v->IsUndefined()) info.GetReturnValue().Set(v);
}

static void CallbackSet(uint32_t index, Local<Value> value,
                        const v8::PropertyCallbackInfo<Value>& info) {
  if (index >= kCallbackCount) return;
  info.Holder()->SetInternalField(kFirstCallbackField + index, value);
  info.GetReturnValue().Set(value);
}

static void CallbackQuery(uint32_t index, const v8::PropertyCallbackInfo<Integer>& info) {
  if (index >= kCallbackCount) return;
  if (!info.Holder()->GetInternalField(kFirstCallbackField + index)->IsUndefined()) {
    info.GetReturnValue().Set(v8::None);
  }
}

static void CallbackDelete(uint32_t index, const v8::PropertyCallbackInfo<v8::Boolean>& info) {
  if (index >= kCallbackCount) return;
  info.Holder()->SetInternalField(kFirstCallbackField + index, v8::Undefined(info.GetIsolate()));
  info.GetReturnValue().Set(true);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, kInternalFieldCount);
  t->InstanceTemplate()->SetHandler(v8::IndexedPropertyHandlerConfiguration(
      CallbackGet, CallbackSet, CallbackQuery, CallbackDelete));
  t->SetClassName(OneByteString(isolate, "HTTPParser"));
  SetProtoMethod(isolate, t, "initialize", InitializeParser);
  SetProtoMethod(isolate, t, "execute", Execute);
  SetProtoMethod(isolate, t, "finish", Finish);
  SetProtoMethod(isolate, t, "consume", Consume);
  SetProtoMethod(isolate, t, "unconsume", Unconsume);
  SetProtoMethod(isolate, t, "lastMessageStart", LastMessageStart);
  SetProtoMethod(isolate, t, "headersCompleted", HeadersCompleted);
  SetProtoMethod(isolate, t, "failHeld", FailHeld);
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
  r->Register(FailHeld);
  r->Register(Pause);
  r->Register(Resume);
  r->Register(Close);
  r->Register(CallbackGet);
  r->Register(CallbackSet);
  r->Register(CallbackQuery);
  r->Register(CallbackDelete);
}

}  // namespace kiln::bindings::http_parser
