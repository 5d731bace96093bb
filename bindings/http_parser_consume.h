// Consume mode of the HTTP parser (bindings/http_parser.cc): the parser takes
// a socket handle's reads in C++ and makes one call into JS per read.
//
// A read usually holds one whole request. Parsed as it comes, it would call
// JS three times (kOnHeadersComplete, kOnMessageComplete, kOnExecute) and
// the tick callback a fourth; each C++ -> JS call costs about 2 k
// instructions. Nothing runs between those calls but the parser, so a
// request's head (unless it upgrades: JS then decides what the rest of the
// bytes are) and its end are held back and handed to kOnExecute, which
// makes them first, and kOnExecute goes to the tick callback, which makes
// it before draining the nextTick queue (Environment::CallThenTick). Any
// other callback (a body, trailers, the next pipelined head) makes the held
// calls first, and JS that parses again from a callback is not held back,
// so JS sees the calls in the order parsing made them. When a held call
// throws, JS calls failHeld() and the parser fails as it would have had the
// callback thrown while parsing.
#ifndef KILN_BINDINGS_HTTP_PARSER_CONSUME_H_
#define KILN_BINDINGS_HTTP_PARSER_CONSUME_H_

#include "bindings/http_parser.h"

namespace kiln::bindings::http_parser {

inline bool Parser::HoldHead() {
  if (!hold_callbacks_ || parser_.type != HTTP_REQUEST || parser_.upgrade) return false;
  // A previous pipelined message's calls come first.
  if (!PayHeld()) return true;  // got_exception_ is set
  // SAFETY: held_head_ lives in OnStreamData's handle scope (no scope here).
  HeadArgs(held_head_);
  held_flags_ = parser_.http_major | parser_.http_minor << 8 |
                (llhttp_should_keep_alive(&parser_) != 0 ? kHeldKeepAlive : 0);
  head_held_ = true;
  return true;
}

inline bool Parser::HoldComplete() {
  if (!hold_callbacks_ || got_exception_) return false;
  complete_held_ = true;
  return true;
}

inline bool Parser::PayHeld() {
  if (head_held_) {
    head_held_ = false;
    if (CallNow(kOnHeadersComplete, kHeadArgs, held_head_).IsEmpty()) return false;
  }
  if (complete_held_) {
    complete_held_ = false;
    if (CallNow(kOnMessageComplete, 0, nullptr).IsEmpty()) return false;
  }
  return true;
}

inline void Parser::FailHeld(uint32_t index) {
  // As llhttp words it when the callback returns an error.
  if (index == kOnHeadersComplete) {
    parser_.error = HPE_CB_HEADERS_COMPLETE;
    llhttp_set_error_reason(&parser_, "User callback error");
  } else {
    parser_.error = HPE_CB_MESSAGE_COMPLETE;
    llhttp_set_error_reason(&parser_, "`on_message_complete` callback error");
  }
}

void Parser::OnStreamData(stream_fd::FdStream* stream, const char* data, size_t n) {
  Environment* env = Environment::Get(isolate_);
  HandleScope scope(isolate_);
  Local<Context> context = env->context();
  Context::Scope context_scope(context);
  // As MakeCallback: in the AsyncLocalStorage frame of the socket.
  AsyncFrameScope frame_scope(env, stream->object());
  Local<Object> self = object_.Get(isolate_);  // alive while we run
  // async_hooks: the parser's callbacks run in its context.
  AsyncHooksScope hooks_scope(env, self);
  consumed_data_ = data;
  consumed_len_ = n;
  chunk_.Reset();
  v8::TryCatch try_catch(isolate_);
  Local<Value> ret;
  hold_callbacks_ = true;
  v8::MaybeLocal<Value> parsed = Execute(data, n);
  hold_callbacks_ = false;
  Local<Value> fn = self->GetInternalField(kFirstCallbackField + kOnExecute);
  if (parsed.ToLocal(&ret) && fn->IsFunction()) {
    Local<Value> undef = v8::Undefined(isolate_);
    // kOnExecute(ret, chunk, nread, onHead, onComplete, headers, method, url,
    // flags): a held head is a request's, so only these of its arguments
    // vary (flags: major | minor << 8 | kHeldKeepAlive), passed as they are
    // rather than in an array made per request.
    Local<Value> argv[9] = {ret, undef, Integer::NewFromUnsigned(isolate_, static_cast<uint32_t>(n)),
                            undef, undef, undef, undef, undef, undef};
    if (ret->IsObject() || parser_.upgrade) argv[1] = Chunk();
    if (head_held_) {
      head_held_ = false;
      Local<Value> on_head = self->GetInternalField(kFirstCallbackField + kOnHeadersComplete);
      if (on_head->IsFunction()) {
        argv[3] = on_head;
        argv[5] = held_head_[2];
        argv[6] = held_head_[3];
        argv[7] = held_head_[4];
        argv[8] = Integer::New(isolate_, held_flags_);
      }
    }
    if (complete_held_) {
      complete_held_ = false;
      Local<Value> on_complete = self->GetInternalField(kFirstCallbackField + kOnMessageComplete);
      if (on_complete->IsFunction()) argv[4] = on_complete;
    }
    consumed_data_ = nullptr;
    chunk_.Reset();
    // The last thing this read does, so the ticks go in the same call.
    return env->CallThenTick(fn.As<Function>(), self, 9, argv);
  }
  if (!parsed.IsEmpty()) PayHeld();
  head_held_ = complete_held_ = false;
  consumed_data_ = nullptr;
  chunk_.Reset();
  if (try_catch.HasCaught() && try_catch.CanContinue()) {
    env->TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
  }
  env->TickAfterCallback();
}

}  // namespace kiln::bindings::http_parser

#endif  // KILN_BINDINGS_HTTP_PARSER_CONSUME_H_
