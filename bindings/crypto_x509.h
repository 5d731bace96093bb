// X509Handle: the native side of crypto.X509Certificate (BoringSSL's X509).
// Strings are formatted as Node (OpenSSL 3) prints them: names one field a
// line ("C=US\nCN=x"), times as "Sep  3 21:40:37 2022 GMT", fingerprints as
// colon-separated upper-case hex, subjectAltName as "DNS:a, IP Address:b".
//
//   new X509Handle(bytes: PEM or DER)           (throws OpenSSL's error)
//   subject() issuer() subjectAltName() infoAccess() validFrom() validTo()
//   fingerprint(digest) serialNumber() keyUsage() raw() pem() publicKey()
//   (SPKI DER) checkCA() checkHost(name, flags) checkEmail(email, flags)
//   checkIP(ip) checkIssued(other) checkPrivateKey(key) verify(key)
//   nameEntries(which: 0 subject, 1 issuer) -> [[key, value]...]
#ifndef KILN_BINDINGS_CRYPTO_X509_H_
#define KILN_BINDINGS_CRYPTO_X509_H_

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <climits>
#include <string>

#include "bindings/crypto_keys.h"
#include "bindings/crypto_util.h"
#include "bindings/crypto_x509_names.h"

namespace kiln::bindings::crypto {

class X509Handle : public Wrapped<X509Handle> {
 public:
  X509Handle(Isolate* isolate, Local<Object> obj, X509* cert) : Wrapped(isolate, obj), cert_(cert) {}
  ~X509Handle() override { X509_free(cert_); }
  X509* cert() const { return cert_; }

  // new X509Handle(bytes): PEM or DER; throws OpenSSL's error.
  static void New(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    if (!IsConstructCall(args)) return;
    Bytes data;
    if (!ArgBytes(args, 0, "buffer", &data)) return;
    // PEM first, then DER; when both fail, report the PEM reader's error
    // (as OpenSSL does for Node).
    bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(data.data, data.size));
    X509* cert = PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr);
    if (cert == nullptr) {
      uint32_t pem_err = ERR_peek_last_error();
      ERR_clear_error();
      const uint8_t* p = data.data;
      cert = d2i_X509(nullptr, &p, static_cast<long>(data.size));
      if (cert == nullptr) {
        ERR_clear_error();
        isolate->ThrowException(OpenSSLErrorFor(isolate, pem_err, "Failed to parse certificate"));
        return;
      }
    }
    new X509Handle(isolate, args.This(), cert);
  }

  static void Subject(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h != nullptr)
      args.GetReturnValue().Set(Utf8(args.GetIsolate(), NameString(X509_get_subject_name(h->cert_))));
  }
  static void Issuer(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h != nullptr)
      args.GetReturnValue().Set(Utf8(args.GetIsolate(), NameString(X509_get_issuer_name(h->cert_))));
  }

  static void SubjectAltName(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<GENERAL_NAMES> names(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(h->cert_, NID_subject_alt_name, nullptr, nullptr)));
    if (!names) return;
    std::string out;
    for (size_t i = 0; i < sk_GENERAL_NAME_num(names.get()); i++) {
      if (i > 0) out += ", ";
      out += GeneralNameString(sk_GENERAL_NAME_value(names.get(), i));
    }
    args.GetReturnValue().Set(Utf8(args.GetIsolate(), out));
  }

  static void InfoAccess(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<AUTHORITY_INFO_ACCESS> aia(static_cast<AUTHORITY_INFO_ACCESS*>(
        X509_get_ext_d2i(h->cert_, NID_info_access, nullptr, nullptr)));
    if (!aia) return;
    std::string out;
    for (size_t i = 0; i < sk_ACCESS_DESCRIPTION_num(aia.get()); i++) {
      const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia.get(), i);
      char method[128];
      int nid = OBJ_obj2nid(ad->method);
      if (nid != NID_undef) snprintf(method, sizeof(method), "%s", OBJ_nid2ln(nid));
      else OBJ_obj2txt(method, sizeof(method), ad->method, 1);
      if (i > 0) out += "\n";
      out += std::string(method) + " - " + GeneralNameString(ad->location);
    }
    args.GetReturnValue().Set(Utf8(args.GetIsolate(), out));
  }

  static void ValidFrom(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h != nullptr)
      args.GetReturnValue().Set(Utf8(args.GetIsolate(), TimeString(X509_get0_notBefore(h->cert_))));
  }
  static void ValidTo(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h != nullptr)
      args.GetReturnValue().Set(Utf8(args.GetIsolate(), TimeString(X509_get0_notAfter(h->cert_))));
  }

  static void Fingerprint(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    const EVP_MD* md = DigestArg(args.GetIsolate(), args[0]);
    if (md == nullptr) md = EVP_sha1();
    uint8_t buf[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (!X509_digest(h->cert_, md, buf, &len)) return;
    std::string out;
    char hex[4];
    for (unsigned i = 0; i < len; i++) {
      snprintf(hex, sizeof(hex), "%02X", buf[i]);
      if (i > 0) out += ":";
      out += hex;
    }
    args.GetReturnValue().Set(Utf8(args.GetIsolate(), out));
  }

  static void SerialNumber(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<BIGNUM> bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(h->cert_), nullptr));
    if (!bn) return;
    char* hex = BN_bn2hex(bn.get());
    std::string s(hex);
    OPENSSL_free(hex);
    for (char& c : s) c = static_cast<char>(toupper(c));
    args.GetReturnValue().Set(Utf8(args.GetIsolate(), s));
  }

  // The extended key usage OIDs, or undefined.
  static void KeyUsage(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<EXTENDED_KEY_USAGE> eku(static_cast<EXTENDED_KEY_USAGE*>(
        X509_get_ext_d2i(h->cert_, NID_ext_key_usage, nullptr, nullptr)));
    if (!eku) return;
    std::vector<Local<Value>> oids;
    for (size_t i = 0; i < sk_ASN1_OBJECT_num(eku.get()); i++) {
      char buf[128];
      OBJ_obj2txt(buf, sizeof(buf), sk_ASN1_OBJECT_value(eku.get(), i), 1);
      oids.push_back(OneByteString(isolate, buf));
    }
    args.GetReturnValue().Set(v8::Array::New(isolate, oids.data(), oids.size()));
  }

  static void Raw(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    uint8_t* der = nullptr;
    int len = i2d_X509(h->cert_, &der);
    if (len < 0) return ThrowOpenSSLError(args.GetIsolate(), "Failed to encode certificate");
    args.GetReturnValue().Set(CopyToArrayBuffer(args.GetIsolate(), der, len));
    OPENSSL_free(der);
  }

  static void Pem(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), h->cert_);
    args.GetReturnValue().Set(Utf8(args.GetIsolate(), BioString(bio.get())));
  }

  // The SubjectPublicKeyInfo, DER (JS makes the KeyObject).
  static void PublicKey(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    uint8_t* spki = nullptr;
    int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(h->cert_), &spki);
    if (len <= 0) return ThrowOpenSSLError(isolate, "Failed to get public key");
    args.GetReturnValue().Set(CopyToArrayBuffer(isolate, spki, static_cast<size_t>(len)));
    OPENSSL_free(spki);
  }

  // What OpenSSL's X509_check_ca() == 1 means: basicConstraints says CA (and
  // a keyUsage, if any, allows certificate signing).
  static void CheckCA(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<BASIC_CONSTRAINTS> bc(static_cast<BASIC_CONSTRAINTS*>(
        X509_get_ext_d2i(h->cert_, NID_basic_constraints, nullptr, nullptr)));
    bool ca = bc && bc->ca;
    if (ca && (X509_get_extension_flags(h->cert_) & EXFLAG_KUSAGE) &&
        !(X509_get_key_usage(h->cert_) & KU_KEY_CERT_SIGN))
      ca = false;
    args.GetReturnValue().Set(ca);
  }

  static void CheckHost(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    String::Utf8Value name(isolate, args[0]);
    unsigned flags = args[1]->IsUint32() ? args[1].As<v8::Uint32>()->Value() : 0;
    char* peer = nullptr;
    int r = X509_check_host(h->cert_, *name, name.length(), flags, &peer);
    if (r == 1) {
      args.GetReturnValue().Set(Utf8(isolate, peer != nullptr ? peer : *name));
    } else if (r < 0) {
      ThrowError(isolate, "Invalid name", "ERR_CRYPTO_OPERATION_FAILED");
    }
    OPENSSL_free(peer);
  }

  static void CheckEmail(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    String::Utf8Value email(isolate, args[0]);
    unsigned flags = args[1]->IsUint32() ? args[1].As<v8::Uint32>()->Value() : 0;
    int r = X509_check_email(h->cert_, *email, email.length(), flags);
    if (r == 1) args.GetReturnValue().Set(args[0]);
    else if (r < 0) ThrowError(isolate, "Invalid email", "ERR_CRYPTO_OPERATION_FAILED");
  }

  static void CheckIP(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    String::Utf8Value ip(isolate, args[0]);
    int r = X509_check_ip_asc(h->cert_, *ip, 0);
    if (r == 1) args.GetReturnValue().Set(args[0]);
    else if (r < 0) ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Invalid IP string");
  }

  static void CheckIssued(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    X509Handle* issuer = Check(args[0]);
    if (h == nullptr) return;
    if (issuer == nullptr) return (void)ArgTypeError(args.GetIsolate(), "otherCert", "an X509 handle");
    args.GetReturnValue().Set(X509_check_issued(issuer->cert_, h->cert_) == X509_V_OK);
  }

  static void CheckPrivateKey(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    KeyObjectHandle* key = KeyObjectHandle::Check(args[0]);
    if (h == nullptr) return;
    if (key == nullptr || key->pkey() == nullptr)
      return (void)ArgTypeError(args.GetIsolate(), "pkey", "a key handle");
    args.GetReturnValue().Set(X509_check_private_key(h->cert_, key->pkey()) == 1);
    ERR_clear_error();
  }

  static void Verify(const FunctionCallbackInfo<Value>& args) {
    X509Handle* h = Unwrap(args);
    KeyObjectHandle* key = KeyObjectHandle::Check(args[0]);
    if (h == nullptr) return;
    if (key == nullptr || key->pkey() == nullptr)
      return (void)ArgTypeError(args.GetIsolate(), "pkey", "a key handle");
    args.GetReturnValue().Set(X509_verify(h->cert_, key->pkey()) > 0);
    ERR_clear_error();
  }

  // [[shortName, value], ...] of the subject (0) or issuer (1), for the
  // legacy object form.
  static void NameEntries(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    Local<Context> context = isolate->GetCurrentContext();
    X509Handle* h = Unwrap(args);
    if (h == nullptr) return;
    const X509_NAME* name = args[0]->IsTrue() || (args[0]->IsInt32() && args[0].As<v8::Int32>()->Value() == 1)
        ? X509_get_issuer_name(h->cert_) : X509_get_subject_name(h->cert_);
    Local<v8::Array> out = v8::Array::New(isolate);
    for (int i = 0; i < X509_NAME_entry_count(name); i++) {
      const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
      int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
      char key[128];
      if (nid != NID_undef) snprintf(key, sizeof(key), "%s", OBJ_nid2sn(nid));
      else OBJ_obj2txt(key, sizeof(key), X509_NAME_ENTRY_get_object(e), 1);
      uint8_t* utf8 = nullptr;
      int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
      if (len < 0) continue;
      Local<Value> pair[2] = {OneByteString(isolate, key),
                              Utf8(isolate, std::string(reinterpret_cast<char*>(utf8), len))};
      OPENSSL_free(utf8);
      out->Set(context, out->Length(), v8::Array::New(isolate, pair, 2)).Check();
    }
    args.GetReturnValue().Set(out);
  }

 private:
  X509* cert_;
};

inline void InitX509(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, X509Handle::New, kWrapFields);
  SetProtoMethod(isolate, t, "subject", X509Handle::Subject);
  SetProtoMethod(isolate, t, "issuer", X509Handle::Issuer);
  SetProtoMethod(isolate, t, "subjectAltName", X509Handle::SubjectAltName);
  SetProtoMethod(isolate, t, "infoAccess", X509Handle::InfoAccess);
  SetProtoMethod(isolate, t, "validFrom", X509Handle::ValidFrom);
  SetProtoMethod(isolate, t, "validTo", X509Handle::ValidTo);
  SetProtoMethod(isolate, t, "fingerprint", X509Handle::Fingerprint);
  SetProtoMethod(isolate, t, "serialNumber", X509Handle::SerialNumber);
  SetProtoMethod(isolate, t, "keyUsage", X509Handle::KeyUsage);
  SetProtoMethod(isolate, t, "raw", X509Handle::Raw);
  SetProtoMethod(isolate, t, "pem", X509Handle::Pem);
  SetProtoMethod(isolate, t, "publicKey", X509Handle::PublicKey);
  SetProtoMethod(isolate, t, "checkCA", X509Handle::CheckCA);
  SetProtoMethod(isolate, t, "checkHost", X509Handle::CheckHost);
  SetProtoMethod(isolate, t, "checkEmail", X509Handle::CheckEmail);
  SetProtoMethod(isolate, t, "checkIP", X509Handle::CheckIP);
  SetProtoMethod(isolate, t, "checkIssued", X509Handle::CheckIssued);
  SetProtoMethod(isolate, t, "checkPrivateKey", X509Handle::CheckPrivateKey);
  SetProtoMethod(isolate, t, "verify", X509Handle::Verify);
  SetProtoMethod(isolate, t, "nameEntries", X509Handle::NameEntries);
  SetValue(context, target, "X509Handle", t->GetFunction(context).ToLocalChecked());
  SetConstant(context, target, "X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT",
              X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT);
  SetConstant(context, target, "X509_CHECK_FLAG_NEVER_CHECK_SUBJECT",
              X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
  SetConstant(context, target, "X509_CHECK_FLAG_NO_WILDCARDS", X509_CHECK_FLAG_NO_WILDCARDS);
}

inline void RegisterX509(ExternalReferences* r) {
  r->Register(X509Handle::New);
  r->Register(X509Handle::Subject);
  r->Register(X509Handle::Issuer);
  r->Register(X509Handle::SubjectAltName);
  r->Register(X509Handle::InfoAccess);
  r->Register(X509Handle::ValidFrom);
  r->Register(X509Handle::ValidTo);
  r->Register(X509Handle::Fingerprint);
  r->Register(X509Handle::SerialNumber);
  r->Register(X509Handle::KeyUsage);
  r->Register(X509Handle::Raw);
  r->Register(X509Handle::Pem);
  r->Register(X509Handle::PublicKey);
  r->Register(X509Handle::CheckCA);
  r->Register(X509Handle::CheckHost);
  r->Register(X509Handle::CheckEmail);
  r->Register(X509Handle::CheckIP);
  r->Register(X509Handle::CheckIssued);
  r->Register(X509Handle::CheckPrivateKey);
  r->Register(X509Handle::Verify);
  r->Register(X509Handle::NameEntries);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_X509_H_
