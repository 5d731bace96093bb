// TLSSession: one TLS connection's BoringSSL state over memory BIOs
// (process.binding('tls_wrap').TLSSession; JS surface in tls_wrap.cc). The
// bytes from the network go in with receive(); what BoringSSL produces comes
// out through callbacks on the JS object, called synchronously:
//   onencrypted(arrayBuffer)   bytes for the network
//   oncleartext(arrayBuffer)   decrypted application data
//   onhandshake()              the handshake is complete
//   onsni(servername)          a server's handshake waits for a context
//                              (setContext(ctx) then resume())
//   onresumesession(id)        a server's handshake waits for the session
//                              with this id (loadSession(bytes) then resume())
//   onnewsession(bytes)        a client got a session it can resume
//   onnewsession(id, bytes)    a server made a session (its encrypted output
//                              waits for newSessionDone())
//   onkeylog(line)             a key log line (after enableKeylog())
//   onclose()                  the peer sent close_notify
//   onerror(error)             a fatal TLS error (an OpenSSL-style Error)
// JS may call back into the session from these; after destroy() nothing
// more is done or called.
#ifndef KILN_BINDINGS_TLS_SESSION_H_
#define KILN_BINDINGS_TLS_SESSION_H_

#include "bindings/tls_context.h"
#include "bindings/tls_errors.h"

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
    ticket_context_ = sc;
    SSL_CTX_sess_set_new_cb(sc->ctx(), OnNewSession);
    if (server) {
      SSL_set_accept_state(ssl_.get());
      SSL_set_verify(ssl_.get(), SSL_VERIFY_NONE, nullptr);
      SSL_CTX_set_select_certificate_cb(sc->ctx(), SelectCertificate);
      SSL_CTX_sess_set_get_cb(sc->ctx(), LookupSession);
      SSL_set_info_callback(ssl_.get(), OnInfo);
    } else {
      SSL_set_connect_state(ssl_.get());
      SSL_set_verify(ssl_.get(), SSL_VERIFY_PEER, AcceptAnyPeer);
    }
  }

  SSL* ssl() const { return ssl_.get(); }
  bool destroyed() const { return destroyed_; }
  bool handshake_done() const { return handshake_done_; }

  // Servers: ask for the client's certificate (verified by JS). With
  // `require`, a client without one fails the handshake, as in Node.
  void RequestCert(bool require) {
    int mode = SSL_VERIFY_PEER | (require ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0);
    SSL_set_verify(ssl_.get(), mode, AcceptAnyPeer);
  }
  // Servers: give the SNI decision to JS (onsni) before choosing a context.
  void EnableSNI() { sni_enabled_ = true; }
  // Servers: report new sessions and ask JS for the ones a client names by
  // id (the 'newSession' and 'resumeSession' events).
  void EnableSessionCallbacks() { session_callbacks_ = true; }

  // The context for the rest of this handshake (SNI); null keeps the default.
  // The session id context stays the server's, as in Node. A context with
  // no certificate fails the handshake (a handshake_failure alert): false.
  bool SetContext(SecureContext* sc) {
    if (sc == nullptr) return true;
    if (SSL_CTX_get0_certificate(sc->ctx()) == nullptr) {
      SSL_send_fatal_alert(ssl_.get(), SSL_AD_HANDSHAKE_FAILURE);
      ERR_clear_error();
      Flush();
      return false;
    }
    size_t len = 0;
    const uint8_t* sid = SSL_get0_session_id_context(ssl_.get(), &len);
    std::string saved(reinterpret_cast<const char*>(sid), len);
    SSL_set_SSL_CTX(ssl_.get(), sc->ctx());
    SSL_set_session_id_context(ssl_.get(), reinterpret_cast<const uint8_t*>(saved.data()),
                               saved.size());
    sni_context_.Reset(isolate_, sc->object());
    return true;
  }

  // Servers: the session for the id that onresumesession named.
  void LoadSession(bssl::UniquePtr<SSL_SESSION> session) { loaded_ = std::move(session); }

  // Clients: the session to offer.
  bool SetSession(bssl::UniquePtr<SSL_SESSION> session) {
    if (SSL_set_session(ssl_.get(), session.get()) != 1) return false;
    offered_ = std::move(session);
    return true;
  }

  // What getSession() returns, as Node's (OpenSSL's) SSL_get_session: the
  // newest resumable session a client got, else the one it resumed, else the
  // connection's own.
  SSL_SESSION* CurrentSession() const {
    if (!server_ && latest_) return latest_.get();
    if (!server_ && offered_ && SSL_session_reused(ssl_.get())) return offered_.get();
    return SSL_get_session(ssl_.get());
  }

  SecureContext* ticket_context() const { return ticket_context_; }
  // The ticket callback's report: a ticket was made (enc) or will be renewed.
  void TicketIssued() { tickets_issued_++; }
  void RenewTicket() { renew_ticket_ = true; }

  // The 'keylog' event: NSS key log lines as the handshake makes them.
  void EnableKeylog() { keylog_enabled_ = true; }

  // SSL_CTX_set_keylog_callback's callback (every SecureContext has it).
  static void OnKeylog(const SSL* ssl, const char* line) {
    TLSSession* self = From(ssl);
    if (self != nullptr && self->keylog_enabled_) self->keylog_lines_.emplace_back(line);
  }

  void NewSessionDone() {
    awaiting_new_session_ = false;
    Flush();
  }

  void Start() { Cycle(); }
  // Continues a handshake that waited for JS (onsni, onresumesession).
  void Resume() {
    if (waiting_ == kWaitSession) session_looked_up_ = true;
    if (waiting_ == kWaitSni) sni_done_ = true;
    waiting_ = kWaitNone;
    Cycle();
  }

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
  enum Waiting { kWaitNone, kWaitSession, kWaitSni };

  static TLSSession* From(const SSL* ssl) { return static_cast<TLSSession*>(SSL_get_app_data(ssl)); }

  // The select-certificate hook: pause the handshake for JS, first to load
  // the session a client names by id (no ticket), then to choose a context
  // for its server name. Node asks in the same order.
  static ssl_select_cert_result_t SelectCertificate(const SSL_CLIENT_HELLO* hello) {
    TLSSession* self = From(hello->ssl);
    if (self == nullptr) return ssl_select_cert_success;
    if (self->waiting_ != kWaitNone) return ssl_select_cert_retry;
    if (self->session_callbacks_ && !self->session_looked_up_) {
      const uint8_t* ticket = nullptr;
      size_t ticket_len = 0;
      bool has_ticket = SSL_early_callback_ctx_extension_get(hello, TLSEXT_TYPE_session_ticket,
                                                             &ticket, &ticket_len) &&
                        ticket_len > 0;
      if (hello->session_id_len > 0 && !has_ticket) {
        self->hello_session_id_.assign(hello->session_id,
                                       hello->session_id + hello->session_id_len);
        return self->Wait(kWaitSession);
      }
      self->session_looked_up_ = true;
    }
    if (self->sni_enabled_ && !self->sni_done_) {
      const char* name = SSL_get_servername(hello->ssl, TLSEXT_NAMETYPE_host_name);
      if (name != nullptr) {
        self->sni_name_ = name;
        return self->Wait(kWaitSni);
      }
      self->sni_done_ = true;
    }
    return ssl_select_cert_success;
  }

  ssl_select_cert_result_t Wait(Waiting what) {
    waiting_ = what;
    wait_reported_ = false;
    return ssl_select_cert_retry;
  }

  // Servers: the session that JS loaded for the client's id (TLS 1.2).
  static SSL_SESSION* LookupSession(SSL* ssl, const uint8_t*, int, int* copy) {
    *copy = 0;  // the reference is handed over
    TLSSession* self = From(ssl);
    return self != nullptr ? self->loaded_.release() : nullptr;
  }

  // New sessions are reported to JS after the BoringSSL call that made them.
  static int OnNewSession(SSL* ssl, SSL_SESSION* session) {
    TLSSession* self = From(ssl);
    if (self == nullptr || (self->server_ && !self->session_callbacks_)) return 0;
    self->new_sessions_.emplace_back(session);  // takes the reference
    return 1;
  }

  // A TLS 1.3 server that resumed a ticket sends no new ones unless the
  // ticket callback renewed it, as OpenSSL (BoringSSL would send two).
  static void OnInfo(const SSL* ssl, int where, int) {
    TLSSession* self = From(ssl);
    if (self == nullptr || (where & SSL_CB_ACCEPT_LOOP) != SSL_CB_ACCEPT_LOOP) return;
    if (SSL_session_reused(ssl) && SSL_version(ssl) >= TLS1_3_VERSION && !self->renew_ticket_) {
      SSL_set_options(const_cast<SSL*>(ssl), SSL_OP_NO_TICKET);
    }
  }

  // Hands the sessions made since the last call to JS: onnewsession. A
  // TLS 1.3 server's tickets count as sessions, as in OpenSSL.
  bool ReportSessions() {
    if (server_ && session_callbacks_ && SSL_version(ssl_.get()) >= TLS1_3_VERSION) {
      for (; tickets_issued_ > 0; tickets_issued_--) {
        SSL_SESSION* s = SSL_get_session(ssl_.get());
        if (s != nullptr) new_sessions_.emplace_back(bssl::UpRef(s).release());
      }
    }
    tickets_issued_ = 0;
    while (!new_sessions_.empty() && !destroyed_) {
      bssl::UniquePtr<SSL_SESSION> session = std::move(new_sessions_.front());
      new_sessions_.erase(new_sessions_.begin());
      HandleScope scope(isolate_);
      uint8_t* data = nullptr;
      size_t len = 0;
      if (!SSL_SESSION_to_bytes(session.get(), &data, &len)) continue;
      Local<Value> bytes = crypto::CopyToArrayBuffer(isolate_, data, len);
      OPENSSL_free(data);
      if (!server_) {
        latest_ = bssl::UpRef(session);  // getSession() in the listener: this one
        if (!Call("onnewsession", 1, &bytes)) return false;
        continue;
      }
      // A session id; TLS 1.3 tickets get a random one, as OpenSSL's.
      unsigned id_len = 0;
      const uint8_t* id = SSL_SESSION_get_id(session.get(), &id_len);
      uint8_t random_id[SSL_MAX_SSL_SESSION_ID_LENGTH];
      if (id_len == 0) {
        RAND_bytes(random_id, sizeof(random_id));
        id = random_id;
        id_len = sizeof(random_id);
      }
      Local<Value> argv[2] = {crypto::CopyToArrayBuffer(isolate_, id, id_len), bytes};
      awaiting_new_session_ = true;
      if (!Call("onnewsession", 2, argv)) return false;
    }
    return !destroyed_;
  }

  // Drives the handshake, then reads what decrypts, then flushes output.
  void Cycle() {
    if (destroyed_) return;
    if (!handshake_done_) {
      int r = SSL_do_handshake(ssl_.get());
      if (!keylog_lines_.empty() && !ReportKeylog()) return;
      if (r != 1) {
        int err = SSL_get_error(ssl_.get(), r);
        // Bytes that are not TLS get no alert back, as from OpenSSL.
        if (err == SSL_ERROR_SSL && server_ && NotTls(ERR_peek_error())) (void)BIO_reset(out_);
        Flush();
        if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return;
        if (err == SSL_ERROR_PENDING_CERTIFICATE) {
          ReportWait();
          return;
        }
        Fail("SSL_do_handshake");
        return;
      }
      handshake_done_ = true;
      if (!ReportSessions()) return;
      // JS judges the peer before our last flight goes out: a client that
      // rejects the server's certificate never sends its Finished (as Node).
      if (!Call("onhandshake", 0, nullptr)) return;
      Flush();
    }
    uint8_t buf[16384];
    for (;;) {
      if (destroyed_) return;
      int n = SSL_read(ssl_.get(), buf, sizeof(buf));
      if ((!new_sessions_.empty() || tickets_issued_ > 0) && !ReportSessions()) return;  // TLS 1.3 tickets
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

  // onkeylog(line) for each line, with the newline Node adds.
  bool ReportKeylog() {
    std::vector<std::string> lines;
    lines.swap(keylog_lines_);
    for (std::string& line : lines) {
      HandleScope scope(isolate_);
      line += '\n';
      Local<Value> arg = crypto::CopyToArrayBuffer(isolate_, line.data(), line.size());
      if (!Call("onkeylog", 1, &arg)) return false;
    }
    return true;
  }

  // Tells JS what the paused handshake waits for, once.
  void ReportWait() {
    if (waiting_ == kWaitNone || wait_reported_) return;
    wait_reported_ = true;
    HandleScope scope(isolate_);
    if (waiting_ == kWaitSession) {
      Local<Value> arg = crypto::CopyToArrayBuffer(isolate_, hello_session_id_.data(),
                                                   hello_session_id_.size());
      Call("onresumesession", 1, &arg);
    } else {
      Local<Value> arg = String::NewFromUtf8(isolate_, sni_name_.c_str()).ToLocalChecked();
      Call("onsni", 1, &arg);
    }
  }

  // Hands what BoringSSL wrote to JS, in one buffer; held while a server
  // waits for JS to store a new session (as Node).
  void Flush() {
    if (destroyed_ || awaiting_new_session_) return;
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
    Local<Value> err = TlsError(isolate_, fallback);
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
  bool sni_done_ = false;
  bool session_callbacks_ = false;
  bool session_looked_up_ = false;
  bool awaiting_new_session_ = false;
  bool keylog_enabled_ = false;
  std::vector<std::string> keylog_lines_;  // not yet reported
  bool renew_ticket_ = false;
  Waiting waiting_ = kWaitNone;
  bool wait_reported_ = false;
  int tickets_issued_ = 0;
  std::string sni_name_;
  std::vector<uint8_t> hello_session_id_;
  SecureContext* ticket_context_;  // the server's own (SNI may change the SSL_CTX)
  bssl::UniquePtr<SSL_SESSION> loaded_;   // servers: from loadSession()
  bssl::UniquePtr<SSL_SESSION> offered_;  // clients: from setSession()
  bssl::UniquePtr<SSL_SESSION> latest_;   // clients: the newest one received
  std::vector<bssl::UniquePtr<SSL_SESSION>> new_sessions_;  // not yet reported
};

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_SESSION_H_
