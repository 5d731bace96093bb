// TLSSession: one TLS connection's BoringSSL state over memory BIOs
// (process.binding('tls_wrap').TLSSession; JS surface in tls_wrap.cc). The
// bytes from the network go in with receive(); what BoringSSL produces comes
// out through callbacks on the JS object, called synchronously:
//   onencrypted(arrayBuffer)   bytes for the network
//   oncleartext(arrayBuffer)   decrypted application data
//   onhandshake()              the handshake is complete
//   onsni(servername)          a server's handshake waits for a context
//                              (setContext(ctx) then resume())
//   onclose()                  the peer sent close_notify
//   onerror(error)             a fatal TLS error (an OpenSSL-style Error)
// JS may call back into the session from these; after destroy() nothing
// more is done or called.
#ifndef KILN_BINDINGS_TLS_SESSION_H_
#define KILN_BINDINGS_TLS_SESSION_H_

#include "bindings/tls_context.h"

namespace kiln::bindings::tls_wrap {

using v8::ArrayBuffer;
using v8::Function;
using v8::HandleScope;
using v8::String;

class TLSSession : public Wrapped<TLSSession> {
 public:
  TLSSession(Isolate* isolate, Local<Object> object, SecureContext* sc, bool server)
      : Wrapped(isolate, object), server_(server) {
    context_.Reset(isolate, sc->object());  // its callbacks must outlive us
    ssl_.reset(SSL_new(sc->ctx()));
    BIO* in = BIO_new(BIO_s_mem());
    BIO* out = BIO_new(BIO_s_mem());
    in_ = in;
    out_ = out;
    SSL_set_bio(ssl_.get(), in, out);  // the SSL owns both
    SSL_set_app_data(ssl_.get(), this);
    if (server) {
      SSL_set_accept_state(ssl_.get());
      SSL_set_verify(ssl_.get(), SSL_VERIFY_NONE, nullptr);
      SSL_CTX_set_select_certificate_cb(sc->ctx(), SelectCertificate);
    } else {
      SSL_set_connect_state(ssl_.get());
      SSL_set_verify(ssl_.get(), SSL_VERIFY_PEER, AcceptAnyPeer);
    }
  }

  SSL* ssl() const { return ssl_.get(); }
  bool destroyed() const { return destroyed_; }
  bool handshake_done() const { return handshake_done_; }

  // Servers: ask for the client's certificate (verified, not required).
  void RequestCert() { SSL_set_verify(ssl_.get(), SSL_VERIFY_PEER, AcceptAnyPeer); }
  // Servers: give the SNI decision to JS (onsni) before choosing a context.
  void EnableSNI() { sni_enabled_ = true; }

  // The context for the rest of this handshake (SNI); null keeps the default.
  void SetContext(SecureContext* sc) {
    if (sc != nullptr) {
      SSL_set_SSL_CTX(ssl_.get(), sc->ctx());
      sni_context_.Reset(isolate_, sc->object());
    }
    sni_state_ = kSniDone;
  }

  void Start() { Cycle(); }
  void Resume() { Cycle(); }

  void Receive(const uint8_t* data, size_t len) {
    if (destroyed_) return;
    if (len > 0) BIO_write(in_, data, static_cast<int>(len));
    Cycle();
  }

  // Encrypts application data; false (onerror called) on a fatal error.
  void Write(const uint8_t* data, size_t len) {
    if (destroyed_) return;
    while (len > 0) {
      int n = SSL_write(ssl_.get(), data, static_cast<int>(len > (1u << 30) ? 1u << 30 : len));
      if (n <= 0) {
        int err = SSL_get_error(ssl_.get(), n);
        Flush();
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) Fail("SSL_write");
        return;
      }
      data += n;
      len -= n;
    }
    Flush();
  }

  void Shutdown() {
    if (destroyed_ || !handshake_done_) return;
    SSL_shutdown(ssl_.get());
    ERR_clear_error();
    Flush();
  }

  void Destroy() { destroyed_ = true; }

 private:
  enum SniState { kSniNone, kSniWaiting, kSniDone };

  // The select-certificate hook: pause the handshake once for JS to choose
  // a context for the client's server name.
  static ssl_select_cert_result_t SelectCertificate(const SSL_CLIENT_HELLO* hello) {
    auto* self = static_cast<TLSSession*>(SSL_get_app_data(hello->ssl));
    if (self == nullptr || !self->sni_enabled_ || self->sni_state_ == kSniDone) {
      return ssl_select_cert_success;
    }
    const char* name = SSL_get_servername(hello->ssl, TLSEXT_NAMETYPE_host_name);
    if (name == nullptr) return ssl_select_cert_success;
    self->sni_name_ = name;
    self->sni_state_ = kSniWaiting;
    return ssl_select_cert_retry;
  }

  // Drives the handshake, then reads what decrypts, then flushes output.
  void Cycle() {
    if (destroyed_) return;
    if (!handshake_done_) {
      int r = SSL_do_handshake(ssl_.get());
      if (r != 1) {
        int err = SSL_get_error(ssl_.get(), r);
        Flush();
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return;
        if (err == SSL_ERROR_PENDING_CERTIFICATE) {
          if (sni_state_ == kSniWaiting && !sni_reported_) {
            sni_reported_ = true;
            HandleScope scope(isolate_);
            Local<Value> arg = String::NewFromUtf8(isolate_, sni_name_.c_str()).ToLocalChecked();
            Call("onsni", 1, &arg);
          }
          return;
        }
        Fail("SSL_do_handshake");
        return;
      }
      handshake_done_ = true;
      // JS judges the peer before our last flight goes out: a client that
      // rejects the server's certificate never sends its Finished (as Node).
      if (!Call("onhandshake", 0, nullptr)) return;
      Flush();
    }
    uint8_t buf[16384];
    for (;;) {
      if (destroyed_) return;
      int n = SSL_read(ssl_.get(), buf, sizeof(buf));
      if (n > 0) {
        HandleScope scope(isolate_);
        Local<Value> arg = crypto::CopyToArrayBuffer(isolate_, buf, n);
        if (!Call("oncleartext", 1, &arg)) return;
        continue;
      }
      int err = SSL_get_error(ssl_.get(), n);
      Flush();
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return;
      if (err == SSL_ERROR_ZERO_RETURN) {
        Call("onclose", 0, nullptr);
        return;
      }
      Fail("SSL_read");
      return;
    }
  }

  // Hands what BoringSSL wrote to JS, in one buffer.
  void Flush() {
    if (destroyed_) return;
    size_t pending = BIO_pending(out_);
    if (pending == 0) return;
    HandleScope scope(isolate_);
    Local<ArrayBuffer> ab = ArrayBuffer::New(isolate_, pending);
    // SAFETY: a fresh buffer of `pending` bytes, filled from the BIO.
    int n = BIO_read(out_, ab->GetBackingStore()->Data(), static_cast<int>(pending));
    if (n <= 0) return;
    Local<Value> arg = ab;
    Call("onencrypted", 1, &arg);
  }

  void Fail(const char* fallback) {
    HandleScope scope(isolate_);
    Local<Value> err = crypto::OpenSSLError(isolate_, fallback);
    Call("onerror", 1, &err);
  }

  // this[name](...argv); false once destroyed or when it threw (the
  // exception stays pending for the JS caller).
  bool Call(const char* name, int argc, Local<Value>* argv) {
    if (destroyed_) return false;
    Local<v8::Context> context = isolate_->GetCurrentContext();
    Local<Object> obj = object();
    Local<Value> fn;
    if (!obj->Get(context, OneByteString(isolate_, name)).ToLocal(&fn)) return false;
    if (!fn->IsFunction()) return true;
    if (fn.As<Function>()->Call(context, obj, argc, argv).IsEmpty()) {
      destroyed_ = true;  // a throwing callback ends the session
      return false;
    }
    return !destroyed_;
  }

  v8::Global<Object> context_;      // the SecureContext's JS object, kept alive
  v8::Global<Object> sni_context_;  // and the one SNI chose
  bssl::UniquePtr<SSL> ssl_;
  BIO* in_;   // network -> SSL
  BIO* out_;  // SSL -> network
  bool server_;
  bool handshake_done_ = false;
  bool destroyed_ = false;
  bool sni_enabled_ = false;
  bool sni_reported_ = false;
  SniState sni_state_ = kSniNone;
  std::string sni_name_;
};

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_SESSION_H_
