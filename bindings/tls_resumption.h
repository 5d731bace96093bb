// The tls_wrap binding's session resumption methods (tls_wrap.cc registers
// them). See tls_session.h for the callbacks and tls_tickets.h for tickets.
//   SecureContext: getTicketKeys() -> ArrayBuffer(48), setTicketKeys(bytes48),
//     enableTicketKeyCallback(), setSessionTimeout(seconds),
//     setSessionIdContext(string), setOptions(secureOptions)
//   TLSSession: isSessionReused(), getSession() -> ArrayBuffer | undefined,
//     setSession(bytes) -> bool, getTLSTicket() -> ArrayBuffer | undefined,
//     loadSession(bytes | undefined), newSessionDone(),
//     enableSessionCallbacks()
#ifndef KILN_BINDINGS_TLS_RESUMPTION_H_
#define KILN_BINDINGS_TLS_RESUMPTION_H_

#include "bindings/tls_args.h"

namespace kiln::bindings::tls_wrap {

inline void GetTicketKeys(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc == nullptr) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), sc->ticket_keys(),
                                                      SecureContext::kTicketKeysLength));
}

inline void SetTicketKeys(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc == nullptr) return;
  if (!args[0]->IsArrayBufferView() ||
      args[0].As<v8::ArrayBufferView>()->ByteLength() != SecureContext::kTicketKeysLength) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE",
                          "Session ticket keys must be a 48-byte buffer");
  }
  uint8_t keys[SecureContext::kTicketKeysLength];
  args[0].As<v8::ArrayBufferView>()->CopyContents(keys, sizeof(keys));
  sc->SetTicketKeys(keys);
}

inline void EnableTicketKeyCallback(const FunctionCallbackInfo<Value>& args) {
  if (SecureContext* sc = Ctx(args)) sc->EnableJsTicketCallback();
}

inline void SetSessionTimeout(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc == nullptr) return;
  if (!args[0]->IsUint32()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"timeout\" argument must be a non-negative integer");
  }
  sc->SetSessionTimeout(args[0].As<v8::Uint32>()->Value());
}

inline void SetSessionIdContext(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string sid;
  if (sc == nullptr || !GetString(args, 0, "sessionIdContext", &sid)) return;
  if (!sc->SetSessionIdContext(sid)) {
    crypto::ThrowOpenSSLError(args.GetIsolate(), "Failed to set session id context");
  }
}

inline void SetOptions(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc == nullptr) return;
  if (!args[0]->IsNumber()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"options\" argument must be of type number");
  }
  sc->SetOptions(static_cast<uint32_t>(args[0].As<v8::Number>()->Value()));
}

inline void IsSessionReused(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) args.GetReturnValue().Set(SSL_session_reused(s->ssl()) == 1);
}

inline void GetSession(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) ReturnSession(args, s->CurrentSession());
}

// A session from its bytes (SSL_SESSION_to_bytes), or null.
inline bssl::UniquePtr<SSL_SESSION> ParseSession(const std::string& bytes, SSL* ssl) {
  bssl::UniquePtr<SSL_SESSION> session(SSL_SESSION_from_bytes(
      reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), SSL_get_SSL_CTX(ssl)));
  ERR_clear_error();
  return session;
}

inline void SetSession(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string bytes;
  if (s == nullptr || !GetString(args, 0, "session", &bytes)) return;
  bssl::UniquePtr<SSL_SESSION> session = ParseSession(bytes, s->ssl());
  args.GetReturnValue().Set(session != nullptr && s->SetSession(std::move(session)));
}

inline void GetTLSTicket(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  SSL_SESSION* session = s != nullptr ? s->CurrentSession() : nullptr;
  if (session == nullptr) return;
  const uint8_t* ticket = nullptr;
  size_t len = 0;
  SSL_SESSION_get0_ticket(session, &ticket, &len);
  if (ticket == nullptr || len == 0) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), ticket, len));
}

// loadSession(bytes): the session a server's 'resumeSession' listener found
// (anything else: none); resume() continues the handshake.
inline void LoadSession(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr || !args[0]->IsArrayBufferView()) return;
  std::string bytes;
  if (!GetString(args, 0, "session", &bytes)) return;
  s->LoadSession(ParseSession(bytes, s->ssl()));
}

inline void NewSessionDone(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->NewSessionDone();
}

inline void EnableSessionCallbacks(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->EnableSessionCallbacks();
}

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_RESUMPTION_H_
