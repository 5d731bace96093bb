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
//     requestCert() enableSNI() setContext(ctx | null)
//     getPeerCertificates() -> [DER ArrayBuffer, ...] (leaf first)
//     getCertificate() -> DER ArrayBuffer of our own certificate
//     getProtocol() getCipher() getALPNProtocol() getServername()
//     verifyError() -> null | {code, message}   isSessionReused()
//     getSession() -> ArrayBuffer | undefined   setSession(bytes) -> bool
//
// Every argument is checked; wrong receivers and types throw.
#include "bindings/tls_session.h"

namespace kiln::bindings::tls_wrap {

using v8::Array;

using v8::FunctionTemplate;
using v8::Integer;

namespace {

bool GetString(const FunctionCallbackInfo<Value>& args, int i, const char* name,
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

Local<Value> Str(Isolate* isolate, const char* s) {
  if (s == nullptr) return v8::Undefined(isolate);
  return String::NewFromUtf8(isolate, s).ToLocalChecked();
}

// Node's (OpenSSL 3's) codes and wording for verification results.
struct VerifyText {
  long code;
  const char* name;
  const char* message;
};
constexpr VerifyText kVerifyTexts[] = {
    {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "UNABLE_TO_GET_ISSUER_CERT",
     "unable to get issuer certificate"},
    {X509_V_ERR_UNABLE_TO_GET_CRL, "UNABLE_TO_GET_CRL", "unable to get certificate CRL"},
    {X509_V_ERR_CERT_SIGNATURE_FAILURE, "CERT_SIGNATURE_FAILURE", "certificate signature failure"},
    {X509_V_ERR_CERT_NOT_YET_VALID, "CERT_NOT_YET_VALID", "certificate is not yet valid"},
    {X509_V_ERR_CERT_HAS_EXPIRED, "CERT_HAS_EXPIRED", "certificate has expired"},
    {X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "DEPTH_ZERO_SELF_SIGNED_CERT",
     "self-signed certificate"},
    {X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "SELF_SIGNED_CERT_IN_CHAIN",
     "self-signed certificate in certificate chain"},
    {X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
     "unable to get local issuer certificate"},
    {X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
     "unable to verify the first certificate"},
    {X509_V_ERR_CERT_REVOKED, "CERT_REVOKED", "certificate revoked"},
    {X509_V_ERR_INVALID_CA, "INVALID_CA", "invalid CA certificate"},
    {X509_V_ERR_PATH_LENGTH_EXCEEDED, "PATH_LENGTH_EXCEEDED", "path length constraint exceeded"},
    {X509_V_ERR_INVALID_PURPOSE, "INVALID_PURPOSE", "unsupported certificate purpose"},
    {X509_V_ERR_CERT_UNTRUSTED, "CERT_UNTRUSTED", "certificate not trusted"},
    {X509_V_ERR_CERT_REJECTED, "CERT_REJECTED", "certificate rejected"},
    {X509_V_ERR_HOSTNAME_MISMATCH, "HOSTNAME_MISMATCH", "Hostname mismatch"},
};

TLSSession* Session(const FunctionCallbackInfo<Value>& args) {
  return TLSSession::Unwrap(args);
}

SecureContext* Ctx(const FunctionCallbackInfo<Value>& args) {
  return SecureContext::Unwrap(args);
}

// Throws the OpenSSL error queue as an Error.
void ThrowSsl(Isolate* isolate, const char* fallback) { crypto::ThrowOpenSSLError(isolate, fallback); }

}  // namespace

// ---- SecureContext ----------------------------------------------------------------

static void NewContext(const FunctionCallbackInfo<Value>& args) {
  if (!crypto::IsConstructCall(args)) return;
  new SecureContext(args.GetIsolate(), args.This());
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
  if (!sc->SetKey(pem, &pass)) ThrowSsl(args.GetIsolate(), "error:1E08010C:DECODER routines::unsupported");
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
  if (TLSSession* s = Session(args)) s->RequestCert();
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
  s->SetContext(sc);
}

static void GetPeerCertificates(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  Local<v8::Context> context = isolate->GetCurrentContext();
  Local<Array> out = Array::New(isolate);
  STACK_OF(X509)* peer = SSL_get_peer_full_cert_chain(s->ssl());
  std::vector<X509*> chain;
  for (size_t i = 0; peer != nullptr && i < sk_X509_num(peer); i++) {
    chain.push_back(sk_X509_value(peer, i));
  }
  // Complete the chain from the trust store (the verified chain, as Node
  // reports it: issuers the peer did not send).
  X509_STORE* store = SSL_CTX_get_cert_store(SSL_get_SSL_CTX(s->ssl()));
  while (!chain.empty() && chain.size() < 10) {
    X509* issuer = FindIssuer(store, chain.back());
    if (issuer == nullptr) break;
    chain.push_back(issuer);
  }
  for (X509* x : chain) {
    uint8_t* der = nullptr;
    int len = i2d_X509(x, &der);
    if (len <= 0) continue;
    out->Set(context, static_cast<uint32_t>(out->Length()),
             crypto::CopyToArrayBuffer(isolate, der, len)).Check();
    OPENSSL_free(der);
  }
  args.GetReturnValue().Set(out);
}

// getCertificate() -> DER ArrayBuffer of our own certificate | undefined
static void GetCertificate(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  X509* x = SSL_get_certificate(s->ssl());
  uint8_t* der = nullptr;
  int len = x != nullptr ? i2d_X509(x, &der) : 0;
  if (len <= 0) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), der, len));
  OPENSSL_free(der);
}

static void GetProtocol(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  if (!s->handshake_done()) return args.GetReturnValue().SetNull();
  args.GetReturnValue().Set(Str(args.GetIsolate(), SSL_get_version(s->ssl())));
}

static void GetCipher(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  const SSL_CIPHER* c = SSL_get_current_cipher(s->ssl());
  if (c == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  Local<Object> out = Object::New(isolate);
  Local<v8::Context> context = isolate->GetCurrentContext();
  uint16_t version = SSL_version(s->ssl());
  out->Set(context, OneByteString(isolate, "name"), Str(isolate, SSL_CIPHER_get_name(c))).Check();
  out->Set(context, OneByteString(isolate, "standardName"),
           Str(isolate, SSL_CIPHER_standard_name(c))).Check();
  out->Set(context, OneByteString(isolate, "version"),
           Str(isolate, version >= TLS1_3_VERSION ? "TLSv1.3" : "TLSv1/SSLv3")).Check();
  args.GetReturnValue().Set(out);
}

static void GetALPNProtocol(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  const uint8_t* data;
  unsigned len;
  SSL_get0_alpn_selected(s->ssl(), &data, &len);
  if (len == 0) return args.GetReturnValue().Set(false);
  args.GetReturnValue().Set(String::NewFromOneByte(args.GetIsolate(), data,
                                                   v8::NewStringType::kNormal, len)
                                .ToLocalChecked());
}

static void GetServername(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  const char* name = SSL_get_servername(s->ssl(), TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return args.GetReturnValue().Set(false);
  args.GetReturnValue().Set(Str(args.GetIsolate(), name));
}

static void VerifyError(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  // No certificate from the peer: "unable to get issuer certificate", as Node.
  bssl::UniquePtr<X509> peer(SSL_get_peer_certificate(s->ssl()));
  long r = peer ? SSL_get_verify_result(s->ssl()) : X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT;
  if (r != X509_V_OK && peer &&
      X509_NAME_cmp(X509_get_subject_name(peer.get()), X509_get_issuer_name(peer.get())) == 0) {
    SecureContext* sc = SecureContext::From(SSL_get_SSL_CTX(s->ssl()));
    if (sc != nullptr && sc->Trusts(peer.get())) r = X509_V_OK;
  }
  if (r == X509_V_OK) return args.GetReturnValue().SetNull();
  const char* name = "UNSPECIFIED";
  const char* message = X509_verify_cert_error_string(r);
  for (const VerifyText& t : kVerifyTexts) {
    if (t.code == r) {
      name = t.name;
      message = t.message;
    }
  }
  Local<Object> out = Object::New(isolate);
  Local<v8::Context> context = isolate->GetCurrentContext();
  out->Set(context, OneByteString(isolate, "code"), Str(isolate, name)).Check();
  out->Set(context, OneByteString(isolate, "message"), Str(isolate, message)).Check();
  args.GetReturnValue().Set(out);
}

static void IsSessionReused(const FunctionCallbackInfo<Value>& args) {
  if (TLSSession* s = Session(args)) args.GetReturnValue().Set(SSL_session_reused(s->ssl()) == 1);
}

static void GetSession(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  SSL_SESSION* session = SSL_get_session(s->ssl());
  uint8_t* data = nullptr;
  size_t len = 0;
  if (session == nullptr || !SSL_SESSION_to_bytes(session, &data, &len)) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), data, len));
  OPENSSL_free(data);
}

static void SetSession(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string bytes;
  if (s == nullptr || !GetString(args, 0, "session", &bytes)) return;
  bssl::UniquePtr<SSL_SESSION> session(SSL_SESSION_from_bytes(
      reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), SSL_get_SSL_CTX(s->ssl())));
  ERR_clear_error();
  args.GetReturnValue().Set(session != nullptr && SSL_set_session(s->ssl(), session.get()) == 1);
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
}

}  // namespace kiln::bindings::tls_wrap
