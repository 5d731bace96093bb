// The tls_wrap binding's TLSSession getters (tls_wrap.cc registers them):
// what a TLSSocket reports about its connection (certificates, protocol,
// cipher, ALPN, server name, verification result, key exchange, exported
// keying material) and setMaxSendFragment.
#ifndef KILN_BINDINGS_TLS_INFO_H_
#define KILN_BINDINGS_TLS_INFO_H_

#include "bindings/tls_args.h"

namespace kiln::bindings::tls_wrap {

using v8::Array;

// Node's (OpenSSL 3's) codes and wording for verification results.
struct VerifyText {
  long code;
  const char* name;
  const char* message;
};
inline constexpr VerifyText kVerifyTexts[] = {
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

inline void GetPeerCertificates(const FunctionCallbackInfo<Value>& args) {
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
inline void GetCertificate(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  X509* x = SSL_get_certificate(s->ssl());
  uint8_t* der = nullptr;
  int len = x != nullptr ? i2d_X509(x, &der) : 0;
  if (len <= 0) return;
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), der, len));
  OPENSSL_free(der);
}

inline void GetProtocol(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  if (!s->handshake_done()) return args.GetReturnValue().SetNull();
  args.GetReturnValue().Set(Str(args.GetIsolate(), SSL_get_version(s->ssl())));
}

inline void GetCipher(const FunctionCallbackInfo<Value>& args) {
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

inline void GetALPNProtocol(const FunctionCallbackInfo<Value>& args) {
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

inline void GetServername(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  const char* name = SSL_get_servername(s->ssl(), TLSEXT_NAMETYPE_host_name);
  if (name == nullptr) return args.GetReturnValue().Set(false);
  args.GetReturnValue().Set(Str(args.GetIsolate(), name));
}

inline void VerifyError(const FunctionCallbackInfo<Value>& args) {
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

// getEphemeralKeyInfo() -> {type, name, size} of the key exchange group, as
// Node reports it on clients ({} when there is none).
inline void GetEphemeralKeyInfo(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  Local<v8::Context> context = isolate->GetCurrentContext();
  Local<Object> out = Object::New(isolate);
  uint16_t group = s->handshake_done() ? SSL_get_curve_id(s->ssl()) : 0;
  const char* name = group != 0 ? SSL_get_curve_name(group) : nullptr;
  if (name != nullptr) {
    int bits = 0;
    switch (group) {
      case SSL_CURVE_X25519: bits = 253; break;
      case SSL_CURVE_SECP224R1: bits = 224; break;
      case SSL_CURVE_SECP256R1: bits = 256; name = "prime256v1"; break;
      case SSL_CURVE_SECP384R1: bits = 384; name = "secp384r1"; break;
      case SSL_CURVE_SECP521R1: bits = 521; name = "secp521r1"; break;
      default: break;
    }
    out->Set(context, OneByteString(isolate, "type"), Str(isolate, "ECDH")).Check();
    out->Set(context, OneByteString(isolate, "name"), Str(isolate, name)).Check();
    out->Set(context, OneByteString(isolate, "size"), v8::Integer::New(isolate, bits)).Check();
  }
  args.GetReturnValue().Set(out);
}

// exportKeyingMaterial(length, label[, context]) -> ArrayBuffer (RFC 5705).
inline void ExportKeyingMaterial(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  std::string label, ctx;
  if (s == nullptr || !GetString(args, 1, "label", &label)) return;
  if (!args[0]->IsUint32()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"length\" argument must be of type number");
  }
  bool use_context = !args[2]->IsUndefined();
  if (use_context && !GetString(args, 2, "context", &ctx)) return;
  uint32_t length = args[0].As<v8::Uint32>()->Value();
  std::vector<uint8_t> out(length);
  if (!SSL_export_keying_material(s->ssl(), out.data(), length, label.data(), label.size(),
                                  reinterpret_cast<const uint8_t*>(ctx.data()), ctx.size(),
                                  use_context)) {
    return crypto::ThrowOpenSSLError(args.GetIsolate(), "Key export failed");
  }
  args.GetReturnValue().Set(crypto::CopyToArrayBuffer(args.GetIsolate(), out.data(), length));
}

// setMaxSendFragment(size) -> bool; OpenSSL's range, 512 to 16384.
inline void SetMaxSendFragment(const FunctionCallbackInfo<Value>& args) {
  TLSSession* s = Session(args);
  if (s == nullptr) return;
  if (!args[0]->IsInt32()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "The \"size\" argument must be of type number");
  }
  int32_t size = args[0].As<v8::Int32>()->Value();
  bool ok = size >= 512 && size <= 16384 && SSL_set_max_send_fragment(s->ssl(), size) == 1;
  args.GetReturnValue().Set(ok);
}

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_INFO_H_
