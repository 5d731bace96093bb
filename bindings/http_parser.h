// Parser: the C++ side of process.binding('http_parser').HTTPParser (see
// http_parser.cc for the JS surface): an llhttp parser that calls back into
// its JS object, tracks the header-section size limit and Node's hardening
// (header name tokens, bare CR line ends, obs-fold, empty header names, the
// CRLF after chunk data, chunk extension size: what llhttp 9 refuses), and in
// consume mode takes a socket handle's reads directly (StreamConsumer).
#ifndef KILN_BINDINGS_HTTP_PARSER_H_
#define KILN_BINDINGS_HTTP_PARSER_H_

#include <llhttp.h>

#include <cstring>
#include <string>
#include <vector>

#include "bindings/fd_stream.h"
#include "bindings/http_strings.h"
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
  kCallbackCount = 6,
};

// The JS object keeps its callbacks (this[kOnX], through an indexed
// interceptor, http_parser.cc) in internal fields kFirstCallbackField + kOnX:
// read per message without a property lookup, and traced with the object
// (a closure that holds the parser does not keep it alive).
constexpr int kFirstCallbackField = 1;
constexpr int kInternalFieldCount = kFirstCallbackField + kCallbackCount;

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
    settings_.on_header_field_complete = OnHeaderFieldComplete;
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
  // top-level callback (exceptions reported, ticks drained), in one call
  // into JS with the callbacks held back meanwhile (http_parser_consume.h).
  void OnStreamData(stream_fd::FdStream*, const char* data, size_t n) override;
  // From llhttp's callbacks: true if that call is held back for kOnExecute.
  bool HoldHead();
  bool HoldComplete();
  // Makes the held-back calls now, in order; false on a JS exception.
  bool PayHeld();
  // A held-back callback threw in JS: fail as llhttp does when one throws.
  void FailHeld(uint32_t index);

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
    crlf_pending_ = 0;
    max_header_size_ = max_header_size;
    header_nread_ = 0;
    // A fresh connection counts as a message begun (headersTimeout).
    Environment* env = Environment::Get(isolate_);
    message_start_ = env != nullptr ? env->LoopNowMs() : 0;
    headers_done_ = false;
    ResetMessage();
  }

  // Returns bytes parsed, an Error, or empty with a JS exception pending.
  v8::MaybeLocal<Value> Execute(const char* data, size_t len);

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

  // Header names and values (with the hardening checks), and the end of
  // the head (JS's kOnHeadersComplete); in http_parser.cc.
  static int OnHeaderField(llhttp_t* p, const char* at, size_t len);
  static int OnHeaderValue(llhttp_t* p, const char* at, size_t len);
  static int OnHeadersComplete(llhttp_t* p);
  // kOnHeadersComplete's arguments for the head just parsed (takes them).
  static constexpr int kHeadArgs = 9;
  void HeadArgs(Local<Value>* argv);

  // ':' ended a header name: an empty one is refused (this llhttp lets it by).
  static int OnHeaderFieldComplete(llhttp_t* p) {
    Parser* self = From(p);
    if (!self->lenient_ && (self->fields_.empty() || self->fields_.back().empty())) {
      return self->Fail(self->field_end_, "HPE_INVALID_HEADER_TOKEN:Invalid header token");
    }
    return 0;
  }

  // Fails parsing at `at` (bytesParsed; null: where llhttp stopped) with
  // `reason` ("CODE:text"), also from callbacks whose errors llhttp words
  // itself.
  int Fail(const char* at, const char* reason) {
    error_at_ = at;
    error_reason_ = reason;
    llhttp_set_error_reason(&parser_, reason);
    return HPE_USER;
  }

  // A chunk's data must be followed by exactly CRLF; this llhttp takes any
  // two bytes there (so "2\r\nabcd..." reads "cd" as the line end: a
  // smuggling vector), Node's refuses. Checks the bytes of [at, end_) that
  // are due, remembering what is still to come in the next buffer.
  // Returns 0 or HPE_USER.
  int CheckChunkCrlf(const char* at);

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

  // Body bytes to JS (kOnBody), checking the CRLF after each chunk's data.
  static int OnBody(llhttp_t* p, const char* at, size_t len);

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

  static int OnMessageComplete(llhttp_t* p);

  static Local<Value> Latin1(Isolate* isolate, const std::string& s) {
    return String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(s.data()),
                                  v8::NewStringType::kNormal, static_cast<int>(s.size()))
        .ToLocalChecked();
  }

  static Local<Value> Latin1(Isolate* isolate, const char* s) {
    return OneByteString(isolate, s);
  }

  // [name, value, ...]; values lose trailing spaces and tabs. Common
  // header names come from a cache of internalized strings.
  Local<Value> TakeHeaders();

  // Calls this[index](...argv) if it is a function. Empty when it threw (the
  // exception stays pending and parsing stops).
  v8::MaybeLocal<Value> Call(uint32_t index, int argc, Local<Value>* argv);
  // The same without paying what is held back first.
  v8::MaybeLocal<Value> CallNow(uint32_t index, int argc, Local<Value>* argv);

  Local<Value> MakeError(llhttp_errno_t err, size_t nread);

  Isolate* isolate_;
  Global<Object> object_;
  llhttp_t parser_;
  llhttp_settings_t settings_;
  std::vector<std::string> fields_, values_;
  std::vector<Local<Value>> header_items_;  // TakeHeaders' scratch space
  std::string url_, status_message_;
  bool last_was_value_ = false;
  bool headers_done_ = false;
  bool got_exception_ = false;
  bool lenient_ = false;
  uint64_t max_header_size_ = 16 * 1024;
  double message_start_ = 0;
  uint64_t header_nread_ = 0;
  const char* base_ = nullptr;  // the buffer execute() is parsing
  const char* end_ = nullptr;   // and its end
  const char* error_at_ = nullptr;  // where a failing callback put the error
  const char* error_reason_ = nullptr;  // and its reason, if set by Fail()
  const char* field_end_ = nullptr;  // the end of the last header name span
  int crlf_pending_ = 0;        // bytes of a chunk's CRLF not yet seen
  stream_fd::FdStream* stream_ = nullptr;  // consumed, if any
  const char* consumed_data_ = nullptr;    // the read being parsed in consume mode
  size_t consumed_len_ = 0;
  // Consume mode's held-back callbacks (http_parser_consume.h).
  bool hold_callbacks_ = false;     // set while OnStreamData parses
  bool head_held_ = false;          // a kOnHeadersComplete call, with held_head_
  int held_flags_ = 0;              // its version and keep-alive, for kOnExecute
  static constexpr int kHeldKeepAlive = 1 << 16;
  bool complete_held_ = false;      // a kOnMessageComplete call, after it
  Local<Value> held_head_[kHeadArgs];  // in OnStreamData's handle scope
  Global<v8::ArrayBuffer> chunk_;          // that read as an ArrayBuffer, once made
  char prev_last_byte_ = '\n';  // the last byte of the previous buffer
  uint64_t chunk_extensions_nread_ = 0;
  static constexpr uint64_t kMaxChunkExtensionsSize = 16 * 1024;
};

}  // namespace kiln::bindings::http_parser

#endif  // KILN_BINDINGS_HTTP_PARSER_H_
