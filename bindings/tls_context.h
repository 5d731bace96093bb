// SecureContext: a BoringSSL SSL_CTX as tls.createSecureContext() builds it
// (process.binding('tls_wrap').SecureContext; JS surface in tls_wrap.cc):
// protocol versions, key and certificate chain, trusted CAs (the system
// store, NODE_EXTRA_CA_CERTS, or the `ca` option), ciphers, curves, the
// server's ALPN protocols, peer verification that records the result
// instead of failing the handshake (JS decides: rejectUnauthorized), and the
// session resumption settings (ticket keys, timeout, session id context;
// the callbacks are in tls_session.h and tls_tickets.h).
#ifndef KILN_BINDINGS_TLS_CONTEXT_H_
#define KILN_BINDINGS_TLS_CONTEXT_H_

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs8.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "bindings/crypto_key_parse.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::tls_wrap {

using crypto::Wrapped;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

// Verification never fails the handshake here; SSL_get_verify_result keeps
// the first error for JS to judge.
inline int AcceptAnyPeer(int, X509_STORE_CTX*) { return 1; }

// The system's trust anchors, as Node bundles them (Debian's store).
inline constexpr const char* kSystemCaFile = "/etc/ssl/certs/ca-certificates.crt";
inline constexpr const char* kSystemCaDir = "/etc/ssl/certs";

// The certificate in `store` that issued `cert` (name and signature), or
// null; null too for a self-issued `cert`.
inline X509* FindIssuer(X509_STORE* store, X509* cert) {
  if (X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0) return nullptr;
  STACK_OF(X509_OBJECT)* objs = X509_STORE_get0_objects(store);
  for (size_t i = 0; objs != nullptr && i < sk_X509_OBJECT_num(objs); i++) {
    X509* c = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
    if (c == nullptr || X509_NAME_cmp(X509_get_subject_name(c), X509_get_issuer_name(cert)) != 0) {
      continue;
    }
    bssl::UniquePtr<EVP_PKEY> key(X509_get_pubkey(c));
    if (key && X509_verify(cert, key.get()) == 1) {
      ERR_clear_error();
      return c;
    }
  }
  ERR_clear_error();
  return nullptr;
}

class SecureContext : public Wrapped<SecureContext> {
 public:
  SecureContext(Isolate* isolate, Local<Object> object) : Wrapped(isolate, object) {
    ctx_.reset(SSL_CTX_new(TLS_method()));
    SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, AcceptAnyPeer);
    SSL_CTX_set_app_data(ctx_.get(), this);
    // As Node: no internal cache. Clients resume what JS hands back
    // (setSession); servers resume tickets, or session ids that the
    // 'resumeSession' listener loads.
    SSL_CTX_set_session_cache_mode(ctx_.get(), SSL_SESS_CACHE_BOTH | SSL_SESS_CACHE_NO_INTERNAL |
                                                   SSL_SESS_CACHE_NO_AUTO_CLEAR);
    SSL_CTX_set_alpn_select_cb(ctx_.get(), SelectAlpn, this);
    // Ticket keys of our own, in Node's layout (name, HMAC key, AES key),
    // so that getTicketKeys()/setTicketKeys() mean what they do in Node.
    RAND_bytes(ticket_keys_, sizeof(ticket_keys_));
  }

  // Sessions may outlive this object (they hold the SSL_CTX): leave them
  // nothing that points here.
  ~SecureContext() override {
    SSL_CTX_set_app_data(ctx_.get(), nullptr);
    SSL_CTX_set_alpn_select_cb(ctx_.get(), nullptr, nullptr);
  }

  SSL_CTX* ctx() const { return ctx_.get(); }

  static SecureContext* From(SSL_CTX* ctx) {
    return static_cast<SecureContext*>(SSL_CTX_get_app_data(ctx));
  }

  // 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3' -> protocol version; 0 if unknown.
  static uint16_t Version(const std::string& name) {
    if (name == "TLSv1") return TLS1_VERSION;
    if (name == "TLSv1.1") return TLS1_1_VERSION;
    if (name == "TLSv1.2") return TLS1_2_VERSION;
    if (name == "TLSv1.3") return TLS1_3_VERSION;
    return 0;
  }

  bool SetVersions(uint16_t min, uint16_t max) {
    return SSL_CTX_set_min_proto_version(ctx_.get(), min) &&
           SSL_CTX_set_max_proto_version(ctx_.get(), max);
  }

  // A PEM private key (encrypted ones with `pass`). False with the error
  // queue set. BoringSSL serves one certificate: the key picks, among the
  // certificates given, the one it belongs to; once a pair is made, further
  // keys (Node's RSA + ECDSA pairs) are accepted and not used.
  bool SetKey(const std::string& pem, crypto::Passphrase* pass) {
    bssl::UniquePtr<EVP_PKEY> key(crypto::ParsePrivatePem(pem, pass));
    if (!key) return false;
    if (has_pair_) return true;
    X509* current = SSL_CTX_get0_certificate(ctx_.get());
    if (current != nullptr && !X509_check_private_key(current, key.get())) {
      for (const std::string& cert : cert_pems_) {
        bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(cert.data(), cert.size()));
        bssl::UniquePtr<X509> leaf(PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr));
        if (leaf && X509_check_private_key(leaf.get(), key.get())) {
          if (!UseCert(cert)) return false;
          break;
        }
      }
      ERR_clear_error();
    }
    if (SSL_CTX_use_PrivateKey(ctx_.get(), key.get()) != 1) return false;
    has_pair_ = SSL_CTX_get0_certificate(ctx_.get()) != nullptr;
    return true;
  }

  // One or more PEM certificates: the first is ours, the rest its chain.
  // The first certificate given is used until a key picks another.
  bool SetCert(const std::string& pem) {
    bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
    bssl::UniquePtr<X509> leaf(PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr));
    if (!leaf) return false;
    cert_pems_.push_back(pem);
    if (cert_pems_.size() > 1) return true;
    return UseCert(pem);
  }

  // A PKCS#12 bundle: its key, certificate and chain (its CAs are also
  // trusted, as OpenSSL does for pfx). False with the error queue set.
  bool SetPfx(const std::string& der, const std::string& pass) {
    CBS cbs;
    CBS_init(&cbs, reinterpret_cast<const uint8_t*>(der.data()), der.size());
    EVP_PKEY* key = nullptr;
    bssl::UniquePtr<STACK_OF(X509)> certs(sk_X509_new_null());
    if (!PKCS12_get_key_and_certs(&key, certs.get(), &cbs, pass.c_str())) return false;
    bssl::UniquePtr<EVP_PKEY> owned_key(key);
    if (key == nullptr || sk_X509_num(certs.get()) == 0) return false;
    // The certificate matching the key is ours; the others form the chain.
    X509* leaf = nullptr;
    for (size_t i = 0; i < sk_X509_num(certs.get()); i++) {
      X509* x = sk_X509_value(certs.get(), i);
      if (X509_check_private_key(x, key)) leaf = x;
    }
    if (leaf == nullptr) leaf = sk_X509_value(certs.get(), 0);
    if (SSL_CTX_use_certificate(ctx_.get(), leaf) != 1 ||
        SSL_CTX_use_PrivateKey(ctx_.get(), key) != 1) {
      return false;
    }
    SSL_CTX_clear_chain_certs(ctx_.get());
    X509_STORE* store = SSL_CTX_get_cert_store(ctx_.get());
    for (size_t i = 0; i < sk_X509_num(certs.get()); i++) {
      X509* x = sk_X509_value(certs.get(), i);
      if (x == leaf) continue;
      SSL_CTX_add1_chain_cert(ctx_.get(), x);
      X509_STORE_add_cert(store, x);
    }
    ERR_clear_error();
    return true;
  }

  // Without an explicit chain, sends the issuers found among the trusted
  // certificates, up to the root (OpenSSL's automatic chain, which Node has).
  void BuildChain() {
    X509* leaf = SSL_CTX_get0_certificate(ctx_.get());
    STACK_OF(X509)* chain = nullptr;
    SSL_CTX_get0_chain_certs(ctx_.get(), &chain);
    if (leaf == nullptr || (chain != nullptr && sk_X509_num(chain) > 0)) return;
    X509_STORE* store = SSL_CTX_get_cert_store(ctx_.get());
    X509* cert = leaf;
    for (int depth = 0; depth < 10; depth++) {
      X509* issuer = FindIssuer(store, cert);
      if (issuer == nullptr) break;
      SSL_CTX_add1_chain_cert(ctx_.get(), issuer);
      cert = issuer;
    }
  }

  // Trusts the PEM certificates in `pem` (the `ca` option, or extra CAs).
  bool AddCACerts(const std::string& pem) {
    X509_STORE* store = SSL_CTX_get_cert_store(ctx_.get());
    bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
    int added = 0;
    for (;;) {
      bssl::UniquePtr<X509> x(PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr));
      if (!x) break;
      X509_STORE_add_cert(store, x.get());
      added++;
    }
    ERR_clear_error();
    return added > 0;
  }

  void AddRootCerts() {
    if (!SSL_CTX_load_verify_locations(ctx_.get(), kSystemCaFile, nullptr)) {
      SSL_CTX_load_verify_locations(ctx_.get(), nullptr, kSystemCaDir);
    }
    ERR_clear_error();
  }

  // OpenSSL cipher strings. TLS 1.3 suites (TLS_*) are fixed in BoringSSL:
  // checked, not applied. As in Node, a list of TLS 1.3 suites only means
  // TLS 1.3 only, and a part (1.2 list or 1.3 suites) with nothing known in
  // it fails: no cipher match.
  bool SetCiphers(const std::string& list) {
    static const char* const kTls13[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                         "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256",
                                         "TLS_AES_128_CCM_8_SHA256"};
    std::string kept;
    bool any13 = false, known13 = false;
    size_t pos = 0;
    while (pos <= list.size()) {
      size_t end = list.find(':', pos);
      if (end == std::string::npos) end = list.size();
      std::string item = list.substr(pos, end - pos);
      // "@SECLEVEL=n" is OpenSSL's; BoringSSL has no security levels.
      size_t at = item.find('@');
      if (at != std::string::npos) item.resize(at);
      if (item.compare(0, 4, "TLS_") == 0) {
        any13 = true;
        for (const char* name : kTls13) known13 = known13 || item == name;
      } else if (!item.empty()) {
        kept += (kept.empty() ? "" : ":") + item;
      }
      pos = end + 1;
    }
    if (any13 && !known13) {
      OPENSSL_PUT_ERROR(SSL, SSL_R_NO_CIPHER_MATCH);
      return false;
    }
    if (kept.empty()) {
      if (any13 && SSL_CTX_get_min_proto_version(ctx_.get()) < TLS1_3_VERSION &&
          SSL_CTX_get_max_proto_version(ctx_.get()) >= TLS1_3_VERSION) {
        SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_3_VERSION);
      }
      return true;
    }
    return SSL_CTX_set_cipher_list(ctx_.get(), kept.c_str()) == 1;
  }

  bool SetCurves(const std::string& curves) {
    if (curves == "auto") return true;
    return SSL_CTX_set1_curves_list(ctx_.get(), curves.c_str()) == 1;
  }

  // Whether `cert` itself is one of the trusted certificates: OpenSSL 3
  // accepts such a self-signed peer even if it may not sign (no keyCertSign),
  // where BoringSSL's chain building fails.
  bool Trusts(X509* cert) const {
    X509_STORE* store = SSL_CTX_get_cert_store(ctx_.get());
    STACK_OF(X509_OBJECT)* objs = X509_STORE_get0_objects(store);
    for (size_t i = 0; objs != nullptr && i < sk_X509_OBJECT_num(objs); i++) {
      X509* x = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
      if (x != nullptr && X509_cmp(x, cert) == 0) return true;
    }
    return false;
  }

  // The server's ALPN protocols, in wire format (length-prefixed names).
  void SetAlpn(const uint8_t* data, size_t len) { alpn_.assign(data, data + len); }

  static constexpr size_t kTicketKeysLength = 48;
  const uint8_t* ticket_keys() const { return ticket_keys_; }
  void SetTicketKeys(const uint8_t* keys) { memcpy(ticket_keys_, keys, kTicketKeysLength); }
  // Tickets are made by JS's onticketkeycallback instead (Node's internal
  // enableTicketKeyCallback()).
  bool js_ticket_callback() const { return js_ticket_callback_; }
  void EnableJsTicketCallback() { js_ticket_callback_ = true; }

  // Seconds a session (and a ticket) may be resumed, both TLS 1.2 and 1.3.
  void SetSessionTimeout(uint32_t seconds) {
    SSL_CTX_set_timeout(ctx_.get(), seconds);
    SSL_CTX_set_session_psk_dhe_timeout(ctx_.get(), seconds);
  }

  bool SetSessionIdContext(const std::string& sid) {
    return SSL_CTX_set_session_id_context(ctx_.get(), reinterpret_cast<const uint8_t*>(sid.data()),
                                          sid.size()) == 1;
  }

  // secureOptions: the SSL_OP_* bits BoringSSL shares with OpenSSL.
  void SetOptions(uint32_t options) {
    constexpr uint32_t kKnown = SSL_OP_NO_TICKET | SSL_OP_CIPHER_SERVER_PREFERENCE |
                                SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 | SSL_OP_NO_TLSv1_2 |
                                SSL_OP_NO_TLSv1_3 | SSL_OP_NO_QUERY_MTU | SSL_OP_NO_SSLv3;
    SSL_CTX_set_options(ctx_.get(), options & kKnown);
  }

 private:
  static int SelectAlpn(SSL*, const uint8_t** out, uint8_t* outlen, const uint8_t* in,
                        unsigned inlen, void* arg) {
    auto* self = static_cast<SecureContext*>(arg);
    if (self->alpn_.empty()) return SSL_TLSEXT_ERR_NOACK;
    // The server's preference order; no overlap means no ALPN (as Node,
    // which then fails the handshake: no_application_protocol).
    for (size_t i = 0; i < self->alpn_.size();) {
      uint8_t n = self->alpn_[i];
      for (unsigned j = 0; j < inlen;) {
        uint8_t m = in[j];
        if (m == n && j + 1 + m <= inlen && memcmp(in + j + 1, &self->alpn_[i + 1], n) == 0) {
          *out = in + j + 1;
          *outlen = m;
          return SSL_TLSEXT_ERR_OK;
        }
        j += 1 + m;
      }
      i += 1 + n;
    }
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }

  bool UseCert(const std::string& pem) {
    bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
    bssl::UniquePtr<X509> leaf(PEM_read_bio_X509_AUX(bio.get(), nullptr, nullptr, nullptr));
    if (!leaf || SSL_CTX_use_certificate(ctx_.get(), leaf.get()) != 1) return false;
    SSL_CTX_clear_chain_certs(ctx_.get());
    for (;;) {
      bssl::UniquePtr<X509> extra(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
      if (!extra) break;
      if (SSL_CTX_add1_chain_cert(ctx_.get(), extra.get()) != 1) return false;
    }
    ERR_clear_error();  // the end of the PEM data
    return true;
  }

  bssl::UniquePtr<SSL_CTX> ctx_;
  std::vector<uint8_t> alpn_;
  std::vector<std::string> cert_pems_;  // every certificate given, in order
  bool has_pair_ = false;               // a key and its certificate are set
  uint8_t ticket_keys_[kTicketKeysLength];
  bool js_ticket_callback_ = false;
};

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_CONTEXT_H_
