// process.binding('tls_wrap'): TLS on BoringSSL for js_lib/tls.js.
//
//   new SecureContext()
//     setVersions(min, max)  'TLSv1'..'TLSv1.3'      -> bool
//     setKey(pem[, passphrase]) / setCert(pemChain) / addCACert(pem) /
//       setPFX(der[, passphrase])          (these throw OpenSSL-style errors)
//     addRootCerts(), buildChain() (issuers from the trust store, when no
//       chain was given), setCiphers(list), setCurves(list),
//       setALPNProtocols(wireBytes)
//   new TLSSession(secureContext, isServer)      see bindings/tls_session.h
//     start() receive(bytes) write(bytes | string) shutdown() resume()
//     destroy() setServername(name) setALPNProtocols(wireBytes)
//     requestCert(rejectUnauthorized) enableSNI() enableKeylog()
//     setContext(ctx | null) -> bool
//     getters and setMaxSendFragment: bindings/tls_info.h
//   session resumption (both classes): bindings/tls_resumption.h
//
// Every argument is checked; wrong receivers and types throw.
#include "bindings/tls_info.h"
#include "bindings/tls_resumption.h"

namespace kiln::bindings::tls_wrap {

using v8::FunctionTemplate;
using v8::Integer;

namespace {

// Throws the OpenSSL error queue as an Error.
void ThrowSsl(Isolate* isolate, const char* fallback) { crypto::ThrowOpenSSLError(isolate, fallback); }

}  // namespace

// ---- SecureContext ----------------------------------------------------------------

static void NewContext(const FunctionCallbackInfo<Value>& args) {
  if (!crypto::IsConstructCall(args)) return;
  auto* sc = new SecureContext(args.GetIsolate(), args.This());
  SSL_CTX_set_tlsext_ticket_key_cb(sc->ctx(), TicketKeyCallback);
  SSL_CTX_set_keylog_callback(sc->ctx(), TLSSession::OnKeylog);
}

static void SetVersions(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string min, max;
  if (sc == nullptr || !GetString(args, 0, "min", &min) || !GetString(args, 1, "max", &max)) return;
  uint16_t lo = SecureContext::Version(min), hi = SecureContext::Version(max);
  args.GetReturnValue().Set(lo != 0 && hi != 0 && sc->SetVersions(lo, hi));
}

static void SetKey(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string pem;
  if (sc == nullptr || !GetString(args, 0, "key", &pem)) return;
  crypto::Passphrase pass;
  if (!args[1]->IsUndefined() && !args[1]->IsNull()) {
    if (!GetString(args, 1, "passphrase", &pass.value)) return;
    pass.given = true;
  }
  if (sc->SetKey(pem, &pass)) return;
  // A key for another certificate: OpenSSL 3's wording.
  uint32_t err = ERR_peek_error();
  if (ERR_GET_LIB(err) == ERR_LIB_X509 && (ERR_GET_REASON(err) == X509_R_KEY_VALUES_MISMATCH ||
                                           ERR_GET_REASON(err) == X509_R_KEY_TYPE_MISMATCH)) {
    ERR_clear_error();
    args.GetIsolate()->ThrowException(crypto::OsslError(
        args.GetIsolate(), "05800074", "x509 certificate routines", "key values mismatch"));
    return;
  }
  // An encrypted key that did not decrypt (no passphrase, or a wrong one).
  if (pem.find("ENCRYPTED") != std::string::npos) {
    ERR_clear_error();
    args.GetIsolate()->ThrowException(
        crypto::OsslError(args.GetIsolate(), "1C800064", "Provider routines", "bad decrypt"));
    return;
  }
  ThrowSsl(args.GetIsolate(), "error:1E08010C:DECODER routines::unsupported");
}

static void SetCert(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string pem;
  if (sc == nullptr || !GetString(args, 0, "cert", &pem)) return;
  if (!sc->SetCert(pem)) ThrowSsl(args.GetIsolate(), "error:0480006C:PEM routines::no start line");
}

// setPFX(der[, passphrase])
static void SetPFX(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string der, pass;
  if (sc == nullptr || !GetString(args, 0, "pfx", &der)) return;
  if (!args[1]->IsUndefined() && !args[1]->IsNull() && !GetString(args, 1, "passphrase", &pass))
    return;
  if (!sc->SetPfx(der, pass)) ThrowSsl(args.GetIsolate(), "Unable to load PFX certificate");
}

static void AddCACert(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string pem;
  if (sc == nullptr || !GetString(args, 0, "ca", &pem)) return;
  if (!sc->AddCACerts(pem)) ThrowSsl(args.GetIsolate(), "error:0480006C:PEM routines::no start line");
}

static void BuildChain(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc != nullptr) sc->BuildChain();
}

static void AddRootCerts(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  if (sc != nullptr) sc->AddRootCerts();
}

static void SetCiphers(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string list;
  if (sc == nullptr || !GetString(args, 0, "ciphers", &list)) return;
  if (!sc->SetCiphers(list)) ThrowSsl(args.GetIsolate(), "error:0A0000B9:SSL routines::no cipher match");
}

static void SetCurves(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string list;
  if (sc == nullptr || !GetString(args, 0, "curves", &list)) return;
  if (!sc->SetCurves(list)) ThrowSsl(args.GetIsolate(), "Failed to set ECDH curve");
}

// The _external getter Node's SecureContext has (the native pointer):
// throws for another receiver.
static void GetExternal(const FunctionCallbackInfo<Value>& args) {
  if (SecureContext* sc = Ctx(args)) args.GetReturnValue().Set(v8::External::New(args.GetIsolate(), sc));
}

static void SetContextALPN(const FunctionCallbackInfo<Value>& args) {
  SecureContext* sc = Ctx(args);
  std::string wire;
  if (sc == nullptr || !GetString(args, 0, "protocols", &wire)) return;
  sc->SetAlpn(reinterpret_cast<const uint8_t*>(wire.data()), wire.size());
}

// ---- TLSSession -----------------------------------------------------------------

static void NewSession(const FunctionCallbackInfo<Value>& args) {
  if (!crypto::IsConstructCall(args)) return;
  SecureContext* sc = SecureContext::Check(args[0]);
  if (sc == nullptr) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"context\" argument must be a SecureContext");
  }
  new TLSSession(args.GetIsolate(), args.This(), sc, args[1]->IsTrue());
}

static void Start(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->Start();
}

static void Resume(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->Resume();
}

static void Receive(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  if (!args[0]->IsArrayBufferView()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"data\" argument must be an ArrayBufferView");
  }
  auto view = args[0].As<v8::ArrayBufferView>();
  std::string copy(view->ByteLength(), '\0');  // JS may detach it from a callback
  view->CopyContents(copy.data(), copy.size());
  s->Receive(reinterpret_cast<const uint8_t*>(copy.data()), copy.size());
}

static void Write(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string data;
  if (s == nullptr || !GetString(args, 0, "data", &data)) return;
  s->Write(reinterpret_cast<const uint8_t*>(data.data()), data.size());
}

static void Shutdown(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->Shutdown();
}

static void Destroy(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->Destroy();
}

static void SetServername(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string name;
  if (s == nullptr || !GetString(args, 0, "servername", &name)) return;
  if (!name.empty()) SSL_set_tlsext_host_name(s->ssl(), name.c_str());
}

static void SetSessionALPN(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string wire;
  if (s == nullptr || !GetString(args, 0, "protocols", &wire)) return;
  SSL_set_alpn_protos(s->ssl(), reinterpret_cast<const uint8_t*>(wire.data()), wire.size());
}

static void RequestCert(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->RequestCert(args[0]->IsTrue());
}

static void EnableKeylog(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->EnableKeylog();
}

static void EnableSNI(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) s->EnableSNI();
}

static void SetSessionContext(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  SecureContext* sc = SecureContext::Check(args[0]);
  if (sc == nullptr && !args[0]->IsNullOrUndefined()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"context\" argument must be a SecureContext");
  }
  args.GetReturnValue().Set(s->SetContext(sc));
}

void Initialize(Local<v8::Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> c = NewClass(isolate, NewContext, crypto::kWrapFields);
  c->SetClassName(OneByteString(isolate, "SecureContext"));
  SetProtoMethod(isolate, c, "setVersions", SetVersions);
  SetProtoMethod(isolate, c, "setKey", SetKey);
  SetProtoMethod(isolate, c, "setCert", SetCert);
  SetProtoMethod(isolate, c, "addCACert", AddCACert);
  SetProtoMethod(isolate, c, "setPFX", SetPFX);
  SetProtoMethod(isolate, c, "addRootCerts", AddRootCerts);
  SetProtoMethod(isolate, c, "buildChain", BuildChain);
  SetProtoMethod(isolate, c, "setCiphers", SetCiphers);
  SetProtoMethod(isolate, c, "setCurves", SetCurves);
  SetProtoMethod(isolate, c, "setALPNProtocols", SetContextALPN);
  SetProtoMethod(isolate, c, "getTicketKeys", GetTicketKeys);
  SetProtoMethod(isolate, c, "setTicketKeys", SetTicketKeys);
  SetProtoMethod(isolate, c, "enableTicketKeyCallback", EnableTicketKeyCallback);
  SetProtoMethod(isolate, c, "setSessionTimeout", SetSessionTimeout);
  SetProtoMethod(isolate, c, "setSessionIdContext", SetSessionIdContext);
  SetProtoMethod(isolate, c, "setOptions", SetOptions);
  c->PrototypeTemplate()->SetAccessorProperty(OneByteString(isolate, "_external"),
                                              FunctionTemplate::New(isolate, GetExternal));
  SetValue(context, target, "SecureContext", c->GetFunction(context).ToLocalChecked());

  Local<FunctionTemplate> t = NewClass(isolate, NewSession, crypto::kWrapFields);
  t->SetClassName(OneByteString(isolate, "TLSSession"));
  SetProtoMethod(isolate, t, "start", Start);
  SetProtoMethod(isolate, t, "resume", Resume);
  SetProtoMethod(isolate, t, "receive", Receive);
  SetProtoMethod(isolate, t, "write", Write);
  SetProtoMethod(isolate, t, "shutdown", Shutdown);
  SetProtoMethod(isolate, t, "destroy", Destroy);
  SetProtoMethod(isolate, t, "setServername", SetServername);
  SetProtoMethod(isolate, t, "setALPNProtocols", SetSessionALPN);
  SetProtoMethod(isolate, t, "requestCert", RequestCert);
  SetProtoMethod(isolate, t, "enableSNI", EnableSNI);
  SetProtoMethod(isolate, t, "enableKeylog", EnableKeylog);
  SetProtoMethod(isolate, t, "setContext", SetSessionContext);
  SetProtoMethod(isolate, t, "getPeerCertificates", GetPeerCertificates);
  SetProtoMethod(isolate, t, "getCertificate", GetCertificate);
  SetProtoMethod(isolate, t, "getProtocol", GetProtocol);
  SetProtoMethod(isolate, t, "getCipher", GetCipher);
  SetProtoMethod(isolate, t, "getALPNProtocol", GetALPNProtocol);
  SetProtoMethod(isolate, t, "getServername", GetServername);
  SetProtoMethod(isolate, t, "verifyError", VerifyError);
  SetProtoMethod(isolate, t, "isSessionReused", IsSessionReused);
  SetProtoMethod(isolate, t, "getSession", GetSession);
  SetProtoMethod(isolate, t, "setSession", SetSession);
  SetProtoMethod(isolate, t, "getTLSTicket", GetTLSTicket);
  SetProtoMethod(isolate, t, "loadSession", LoadSession);
  SetProtoMethod(isolate, t, "newSessionDone", NewSessionDone);
  SetProtoMethod(isolate, t, "enableSessionCallbacks", EnableSessionCallbacks);
  SetProtoMethod(isolate, t, "getEphemeralKeyInfo", GetEphemeralKeyInfo);
  SetProtoMethod(isolate, t, "exportKeyingMaterial", ExportKeyingMaterial);
  SetProtoMethod(isolate, t, "setMaxSendFragment", SetMaxSendFragment);
  SetValue(context, target, "TLSSession", t->GetFunction(context).ToLocalChecked());
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(NewContext);
  r->Register(SetVersions);
  r->Register(SetKey);
  r->Register(SetCert);
  r->Register(AddCACert);
  r->Register(SetPFX);
  r->Register(AddRootCerts);
  r->Register(BuildChain);
  r->Register(SetCiphers);
  r->Register(SetCurves);
  r->Register(SetContextALPN);
  r->Register(GetTicketKeys);
  r->Register(SetTicketKeys);
  r->Register(EnableTicketKeyCallback);
  r->Register(SetSessionTimeout);
  r->Register(SetSessionIdContext);
  r->Register(SetOptions);
  r->Register(GetExternal);
  r->Register(NewSession);
  r->Register(Start);
  r->Register(Resume);
  r->Register(Receive);
  r->Register(Write);
  r->Register(Shutdown);
  r->Register(Destroy);
  r->Register(SetServername);
  r->Register(SetSessionALPN);
  r->Register(RequestCert);
  r->Register(EnableSNI);
  r->Register(EnableKeylog);
  r->Register(SetSessionContext);
  r->Register(GetPeerCertificates);
  r->Register(GetCertificate);
  r->Register(GetProtocol);
  r->Register(GetCipher);
  r->Register(GetALPNProtocol);
  r->Register(GetServername);
  r->Register(VerifyError);
  r->Register(IsSessionReused);
  r->Register(GetSession);
  r->Register(SetSession);
  r->Register(GetTLSTicket);
  r->Register(LoadSession);
  r->Register(NewSessionDone);
  r->Register(EnableSessionCallbacks);
  r->Register(GetEphemeralKeyInfo);
  r->Register(ExportKeyingMaterial);
  r->Register(SetMaxSendFragment);
}

}  // namespace kiln::bindings::tls_wrap
