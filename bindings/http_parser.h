// Parser: the C++ side of process.binding('http_parser').HTTPParser (see
// http_parser.cc for the JS surface): an llhttp parser that calls back into
// its JS object, tracks the header-section size limit and Node's hardening
// (header name tokens, bare CR line ends, chunk extension size), and in
// consume mode takes a socket handle's reads directly (StreamConsumer).
#ifndef KILN_BINDINGS_HTTP_PARSER_H_
#define KILN_BINDINGS_HTTP_PARSER_H_

#include <llhttp.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings/fd_stream.h"
#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::http_parser {

using v8::Array;
using v8::ArrayBufferView;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::HandleScope;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

enum Callback : uint32_t {
  kOnMessageBegin = 0,
  kOnHeaders = 1,
  kOnHeadersComplete = 2,
  kOnBody = 3,
  kOnMessageComplete = 4,
  kOnExecute = 5,
};

constexpr int kLenientHeaders = 1 << 0;
constexpr int kLenientChunkedLength = 1 << 1;
constexpr int kLenientKeepAlive = 1 << 2;
constexpr int kLenientAll = kLenientHeaders | kLenientChunkedLength | kLenientKeepAlive;

// RFC 9110 token characters: what a header name may consist of.
inline bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

class Parser : public stream_fd::StreamConsumer {
 public:
  Parser(Isolate* isolate, Local<Object> object) : isolate_(isolate) {
    object_.Reset(isolate, object);
    object_.SetWeak(this, OnGC, v8::WeakCallbackType::kParameter);
    object->SetAlignedPointerInInternalField(0, this);
    llhttp_settings_init(&settings_);
    settings_.on_message_begin = OnMessageBegin;
    settings_.on_url = OnUrl;
    settings_.on_status = OnStatus;
    settings_.on_header_field = OnHeaderField;
    settings_.on_header_value = OnHeaderValue;
    settings_.on_headers_complete = OnHeadersComplete;
    settings_.on_body = OnBody;
    settings_.on_message_complete = OnMessageComplete;
    settings_.on_chunk_header = OnChunkHeader;
    settings_.on_chunk_extension_name = OnChunkExtension;
    settings_.on_chunk_extension_value = OnChunkExtension;
    Init(HTTP_REQUEST, 16 * 1024, 0);
  }

  ~Parser() override { Unconsume(); }

  // Takes the reads of `stream` (false if something else does already).
  bool Consume(stream_fd::FdStream* stream) {
    if (stream->consumer() != nullptr && stream->consumer() != this) return false;
    Unconsume();
    stream_ = stream;
    stream->SetConsumer(this);
    return true;
  }

  void Unconsume() {
    if (stream_ != nullptr && stream_->consumer() == this) stream_->SetConsumer(nullptr);
    stream_ = nullptr;
  }

  void OnStreamGone(stream_fd::FdStream* stream) override {
    if (stream_ == stream) stream_ = nullptr;
  }

  // A read of the consumed stream: parse it, then tell JS (kOnExecute), as a
  // top-level callback (exceptions reported, ticks drained).
  void OnStreamData(stream_fd::FdStream*, const char* data, size_t n) override {
    Environment* env = Environment::Get(isolate_);
    HandleScope scope(isolate_);
    Local<Context> context = env->context();
    Context::Scope context_scope(context);
    Local<Object> self = object_.Get(isolate_);  // alive while we run
    consumed_data_ = data;
    consumed_len_ = n;
    chunk_.Reset();
    v8::TryCatch try_catch(isolate_);
    Local<Value> ret;
    if (Execute(data, n).ToLocal(&ret)) {
      Local<Value> fn;
      if (self->Get(context, kOnExecute).ToLocal(&fn) && fn->IsFunction()) {
        Local<Value> argv[3] = {ret, v8::Undefined(isolate_),
                                Integer::NewFromUnsigned(isolate_, static_cast<uint32_t>(n))};
        if (ret->IsObject() || parser_.upgrade) argv[1] = Chunk();
        if (fn.As<Function>()->Call(context, self, 3, argv).IsEmpty()) {
          // reported below, from try_catch
        }
      }
    }
    consumed_data_ = nullptr;
    chunk_.Reset();
    if (try_catch.HasCaught() && try_catch.CanContinue()) {
      env->TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    }
    env->TickAfterCallback();
  }

  static Parser* Unwrap(Local<Object> obj) {
    return static_cast<Parser*>(obj->GetAlignedPointerFromInternalField(0));
  }

  void Init(llhttp_type_t type, uint64_t max_header_size, int lenient) {
    llhttp_init(&parser_, type, &settings_);
    parser_.data = this;
    prev_last_byte_ = '\n';
    if (lenient & kLenientHeaders) llhttp_set_lenient_headers(&parser_, 1);
    if (lenient & kLenientChunkedLength) llhttp_set_lenient_chunked_length(&parser_, 1);
    if (lenient & kLenientKeepAlive) llhttp_set_lenient_keep_alive(&parser_, 1);
    lenient_ = lenient != 0;
    max_header_size_ = max_header_size;
    header_nread_ = 0;
    // A fresh connection counts as a message begun (headersTimeout).
    Environment* env = Environment::Get(isolate_);
    message_start_ = env != nullptr ? env->LoopNowMs() : 0;
    headers_done_ = false;
    ResetMessage();
  }

  // Returns bytes parsed, an Error, or empty with a JS exception pending.
  v8::MaybeLocal<Value> Execute(const char* data, size_t len) {
    base_ = data;
    got_exception_ = false;
    llhttp_errno_t err = len == 0 ? llhttp_finish(&parser_) : llhttp_execute(&parser_, data, len);
    size_t nread = len;
    if (err != HPE_OK) {
      const char* pos = llhttp_get_error_pos(&parser_);
      nread = pos != nullptr && pos >= data ? static_cast<size_t>(pos - data) : 0;
      if (err == HPE_PAUSED_UPGRADE) {
        err = HPE_OK;
        llhttp_resume_after_upgrade(&parser_);
      }
    }
    if (len > 0) prev_last_byte_ = data[len - 1];
    base_ = nullptr;
    if (got_exception_) return {};
    if (err == HPE_OK || err == HPE_PAUSED) {
      if (len == 0) return v8::Undefined(isolate_);
      return Integer::NewFromUnsigned(isolate_, static_cast<uint32_t>(nread));
    }
    return MakeError(err, nread);
  }

  // Loop time (ms) the current message began, 0 between messages.
  double message_start() const { return message_start_; }
  bool headers_done() const { return headers_done_; }

  void Pause() { llhttp_pause(&parser_); }
  void Resume() { llhttp_resume(&parser_); }

 private:
  static void OnGC(const v8::WeakCallbackInfo<Parser>& info) {
    Parser* self = info.GetParameter();
    self->object_.Reset();
    delete self;
  }

  static Parser* From(llhttp_t* p) { return static_cast<Parser*>(p->data); }

  void ResetMessage() {
    fields_.clear();
    values_.clear();
    url_.clear();
    status_message_.clear();
    last_was_value_ = false;
  }

  // Counts header-section bytes; fails past the limit, as Node does.
  int TrackHeader(size_t len) {
    header_nread_ += len;
    if (header_nread_ >= max_header_size_) {
      llhttp_set_error_reason(&parser_, "HPE_HEADER_OVERFLOW:Header overflow");
      return HPE_USER;
    }
    return 0;
  }

  static int OnMessageBegin(llhttp_t* p) {
    Parser* self = From(p);
    self->header_nread_ = 0;
    self->ResetMessage();
    self->headers_done_ = false;
    Environment* env = Environment::Get(self->isolate_);
    if (env != nullptr) self->message_start_ = env->LoopNowMs();
    return self->Call(kOnMessageBegin, 0, nullptr).IsEmpty() ? -1 : 0;
  }

  static int OnUrl(llhttp_t* p, const char* at, size_t len) {
    Parser* self = From(p);
    if (int r = self->TrackHeader(len)) return r;
    self->url_.append(at, len);
    return 0;
  }

  static int OnStatus(llhttp_t* p, const char* at, size_t len) {
    Parser* self = From(p);
    if (int r = self->TrackHeader(len)) return r;
    self->status_message_.append(at, len);
    return 0;
  }

  static int OnHeaderField(llhttp_t* p, const char* at, size_t len) {
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
    self->last_was_value_ = false;
    return 0;
  }

  static int OnHeaderValue(llhttp_t* p, const char* at, size_t len) {
    Parser* self = From(p);
    if (int r = self->TrackHeader(len)) return r;
    if (self->values_.empty()) return 0;
    self->values_.back().append(at, len);
    self->last_was_value_ = true;
    return 0;
  }

  static int OnHeadersComplete(llhttp_t* p) {
    Parser* self = From(p);
    Isolate* isolate = self->isolate_;
    HandleScope scope(isolate);
    self->headers_done_ = true;
    Local<Value> undef = v8::Undefined(isolate);
    bool request = p->type == HTTP_REQUEST;
    Local<Value> argv[9] = {
        Integer::New(isolate, p->http_major),
        Integer::New(isolate, p->http_minor),
        self->TakeHeaders(),
        request ? Latin1(isolate, llhttp_method_name(static_cast<llhttp_method_t>(p->method)))
                : undef,
        request ? Latin1(isolate, self->url_) : Local<Value>(String::Empty(isolate)),
        request ? undef : Local<Value>(Integer::New(isolate, p->status_code)),
        request ? undef : Latin1(isolate, self->status_message_),
        v8::Boolean::New(isolate, p->upgrade != 0),
        v8::Boolean::New(isolate, llhttp_should_keep_alive(p) != 0),
    };
    self->url_.clear();
    self->status_message_.clear();
    Local<Value> ret;
    if (!self->Call(kOnHeadersComplete, 9, argv).ToLocal(&ret)) return -1;
    if (ret->IsInt32()) {
      int v = ret.As<v8::Int32>()->Value();
      if (v == 1 || v == 2) return v;
    }
    return 0;
  }

  // Chunk extensions count against their own limit, as in Node.
  static int OnChunkHeader(llhttp_t* p) {
    From(p)->chunk_extensions_nread_ = 0;
    return 0;
  }

  static int OnChunkExtension(llhttp_t* p, const char*, size_t len) {
    Parser* self = From(p);
    self->chunk_extensions_nread_ += len;
    if (self->chunk_extensions_nread_ > kMaxChunkExtensionsSize) {
      llhttp_set_error_reason(&self->parser_,
                              "HPE_CHUNK_EXTENSIONS_OVERFLOW:Chunk extensions overflow");
      return HPE_USER;
    }
    return 0;
  }

  static int OnBody(llhttp_t* p, const char* at, size_t len) {
    Parser* self = From(p);
    if (self->base_ == nullptr) return 0;
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

  // The consumed read as an ArrayBuffer (copied once per read, on demand).
  Local<Value> Chunk() {
    if (chunk_.IsEmpty()) {
      std::unique_ptr<v8::BackingStore> store =
          v8::ArrayBuffer::NewBackingStore(isolate_, consumed_len_);
      // SAFETY: a fresh store of exactly consumed_len_ bytes.
      memcpy(store->Data(), consumed_data_, consumed_len_);
      chunk_.Reset(isolate_, v8::ArrayBuffer::New(isolate_, std::move(store)));
    }
    return chunk_.Get(isolate_);
  }

  static int OnMessageComplete(llhttp_t* p) {
    Parser* self = From(p);
    HandleScope scope(self->isolate_);
    // Trailers arrive between the body and here.
    if (!self->fields_.empty()) {
      Local<Value> argv[2] = {self->TakeHeaders(), String::Empty(self->isolate_)};
      if (self->Call(kOnHeaders, 2, argv).IsEmpty()) return -1;
    }
    self->header_nread_ = 0;
    self->message_start_ = 0;
    return self->Call(kOnMessageComplete, 0, nullptr).IsEmpty() ? -1 : 0;
  }

  static Local<Value> Latin1(Isolate* isolate, const std::string& s) {
    return String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(s.data()),
                                  v8::NewStringType::kNormal, static_cast<int>(s.size()))
        .ToLocalChecked();
  }

  static Local<Value> Latin1(Isolate* isolate, const char* s) {
    return OneByteString(isolate, s);
  }

  // [name, value, ...]; values lose trailing spaces and tabs.
  Local<Value> TakeHeaders() {
    Local<Context> context = isolate_->GetCurrentContext();
    Local<Array> list = Array::New(isolate_, static_cast<int>(fields_.size() * 2));
    for (size_t i = 0; i < fields_.size(); i++) {
      std::string& v = values_[i];
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
      list->Set(context, static_cast<uint32_t>(2 * i), Latin1(isolate_, fields_[i])).Check();
      list->Set(context, static_cast<uint32_t>(2 * i + 1), Latin1(isolate_, v)).Check();
    }
    fields_.clear();
    values_.clear();
    last_was_value_ = false;
    return list;
  }

  // Calls this[index](...argv) if it is a function. Empty when it threw (the
  // exception stays pending and parsing stops).
  v8::MaybeLocal<Value> Call(uint32_t index, int argc, Local<Value>* argv) {
    if (got_exception_) return {};
    Local<Context> context = isolate_->GetCurrentContext();
    Local<Object> obj = object_.Get(isolate_);
    Local<Value> fn;
    if (!obj->Get(context, index).ToLocal(&fn)) {
      got_exception_ = true;
      return {};
    }
    if (!fn->IsFunction()) return v8::MaybeLocal<Value>(v8::Undefined(isolate_));
    v8::MaybeLocal<Value> r = fn.As<Function>()->Call(context, obj, argc, argv);
    if (r.IsEmpty()) {
      got_exception_ = true;
      llhttp_set_error_reason(&parser_, "HPE_JS_EXCEPTION:JS Exception");
    }
    return r;
  }

  Local<Value> MakeError(llhttp_errno_t err, size_t nread) {
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

  Isolate* isolate_;
  Global<Object> object_;
  llhttp_t parser_;
  llhttp_settings_t settings_;
  std::vector<std::string> fields_, values_;
  std::string url_, status_message_;
  bool last_was_value_ = false;
  bool headers_done_ = false;
  bool got_exception_ = false;
  bool lenient_ = false;
  uint64_t max_header_size_ = 16 * 1024;
  double message_start_ = 0;
  uint64_t header_nread_ = 0;
  const char* base_ = nullptr;  // the buffer execute() is parsing
  stream_fd::FdStream* stream_ = nullptr;  // consumed, if any
  const char* consumed_data_ = nullptr;    // the read being parsed in consume mode
  size_t consumed_len_ = 0;
  Global<v8::ArrayBuffer> chunk_;          // that read as an ArrayBuffer, once made
  char prev_last_byte_ = '\n';  // the last byte of the previous buffer
  uint64_t chunk_extensions_nread_ = 0;
  static constexpr uint64_t kMaxChunkExtensionsSize = 16 * 1024;
};

}  // namespace kiln::bindings::http_parser

#endif  // KILN_BINDINGS_HTTP_PARSER_H_
