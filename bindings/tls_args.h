// Argument helpers shared by the tls_wrap binding's files (tls_wrap.cc,
// tls_info.h, tls_resumption.h): receivers and string/buffer arguments are
// checked and a TypeError thrown instead of crashing.
#ifndef KILN_BINDINGS_TLS_ARGS_H_
#define KILN_BINDINGS_TLS_ARGS_H_

#include "bindings/tls_tickets.h"

namespace kiln::bindings::tls_wrap {

// args[i] as bytes: a string (UTF-8) or an ArrayBufferView.
inline bool GetString(const FunctionCallbackInfo<Value>& args, int i, const char* name,
                      std::string* out) {
  if (args[i]->IsString()) {
    String::Utf8Value s(args.GetIsolate(), args[i]);
    out->assign(*s, s.length());
    return true;
  }
  if (args[i]->IsArrayBufferView()) {
    auto view = args[i].As<v8::ArrayBufferView>();
    out->resize(view->ByteLength());
    view->CopyContents(out->data(), out->size());
    return true;
  }
  std::string msg = std::string("The \"") + name + "\" argument must be a string or a buffer";
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", msg.c_str());
  return false;
}

inline Local<Value> Str(Isolate* isolate, const char* s) {
  if (s == nullptr) return v8::Undefined(isolate);
  return String::NewFromUtf8(isolate, s).ToLocalChecked();
}

inline TLSSession* Session(const FunctionCallbackInfo<Value>& args) {
  return TLSSession::Unwrap(args);
}

inline SecureContext* Ctx(const FunctionCallbackInfo<Value>& args) {
  return SecureContext::Unwrap(args);
}

// Serializes `session` into a new ArrayBuffer; undefined for none.
inline void ReturnSession(const FunctionCallbackInfo<Value>& args, SSL_SESSION* session) {
  uint8_t* data = nullptr;
  size_t len = 0;
  if (session == nullptr || !SSL_SESSION_to_bytes(session, &data, &len)) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), data, len));
  OPENSSL_free(data);
}

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_ARGS_H_
