// Session tickets for a SecureContext, made the way Node makes them: with
// the context's own 48 bytes of keys (16 name, 16 HMAC-SHA256, 16 AES-128-CBC;
// getTicketKeys()/setTicketKeys()), or by JS when Node's internal
// enableTicketKeyCallback() was called: context.onticketkeycallback(name, iv,
// encrypt) returns [result, hmacKey, aesKey, name, iv] (name and iv only when
// encrypting). A decrypting result of 2 renews the ticket.
#ifndef KILN_BINDINGS_TLS_TICKETS_H_
#define KILN_BINDINGS_TLS_TICKETS_H_

#include <openssl/hmac.h>

#include "bindings/tls_session.h"

namespace kiln::bindings::tls_wrap {

constexpr size_t kTicketPartLength = 16;

// Copies `value`'s bytes (an ArrayBufferView) into `out`; false if it is not
// one or is shorter than `len`.
inline bool TicketBytes(Local<Value> value, uint8_t* out, size_t len) {
  if (!value->IsArrayBufferView()) return false;
  auto view = value.As<v8::ArrayBufferView>();
  if (view->ByteLength() < len) return false;
  view->CopyContents(out, len);
  return true;
}

// The JS ticket callback; -1 (abort) when it throws or answers badly.
inline int JsTicketKeys(SecureContext* sc, uint8_t* name, uint8_t* iv, uint8_t* hmac,
                        uint8_t* aes, bool enc) {
  Isolate* isolate = v8::Isolate::GetCurrent();
  HandleScope scope(isolate);
  Local<v8::Context> context = isolate->GetCurrentContext();
  Local<Object> obj = sc->object();
  Local<Value> fn;
  if (!obj->Get(context, OneByteString(isolate, "onticketkeycallback")).ToLocal(&fn) ||
      !fn->IsFunction()) {
    return -1;
  }
  Local<Value> argv[3] = {
      crypto::CopyToArrayBuffer(isolate, name, kTicketPartLength),
      crypto::CopyToArrayBuffer(isolate, iv, kTicketPartLength),
      v8::Boolean::New(isolate, enc),
  };
  // ArrayBuffers are not views: hand JS Uint8Arrays, as Node hands Buffers.
  for (int i = 0; i < 2; i++) {
    argv[i] = v8::Uint8Array::New(argv[i].As<ArrayBuffer>(), 0, kTicketPartLength);
  }
  Local<Value> ret;
  if (!fn.As<Function>()->Call(context, obj, 3, argv).ToLocal(&ret) || !ret->IsArray()) return -1;
  Local<v8::Array> arr = ret.As<v8::Array>();
  Local<Value> code, h, a;
  if (!arr->Get(context, 0).ToLocal(&code) || !arr->Get(context, 1).ToLocal(&h) ||
      !arr->Get(context, 2).ToLocal(&a) || !code->IsNumber()) {
    return -1;
  }
  int r = static_cast<int>(code.As<v8::Number>()->Value());
  if (r < 0) return r;
  if (!TicketBytes(h, hmac, kTicketPartLength) || !TicketBytes(a, aes, kTicketPartLength)) return -1;
  if (enc) {
    Local<Value> n, v;
    if (!arr->Get(context, 3).ToLocal(&n) || !arr->Get(context, 4).ToLocal(&v) ||
        !TicketBytes(n, name, kTicketPartLength) || !TicketBytes(v, iv, kTicketPartLength)) {
      return -1;
    }
  }
  return r;
}

// SSL_CTX_set_tlsext_ticket_key_cb's callback (see ssl.h for the contract).
inline int TicketKeyCallback(SSL* ssl, uint8_t* name, uint8_t* iv, EVP_CIPHER_CTX* ectx,
                             HMAC_CTX* hctx, int enc) {
  auto* session = static_cast<TLSSession*>(SSL_get_app_data(ssl));
  if (session == nullptr || session->destroyed()) return -1;
  SecureContext* sc = session->ticket_context();
  uint8_t hmac[kTicketPartLength], aes[kTicketPartLength];
  int r = 1;
  if (sc->js_ticket_callback()) {
    if (enc) RAND_bytes(iv, kTicketPartLength);
    r = JsTicketKeys(sc, name, iv, hmac, aes, enc != 0);
    if (r <= 0) return enc ? -1 : r;
  } else {
    const uint8_t* keys = sc->ticket_keys();
    if (enc) {
      memcpy(name, keys, kTicketPartLength);
      RAND_bytes(iv, kTicketPartLength);
    } else if (memcmp(name, keys, kTicketPartLength) != 0) {
      return 0;  // another key's ticket: a full handshake
    }
    memcpy(hmac, keys + kTicketPartLength, kTicketPartLength);
    memcpy(aes, keys + 2 * kTicketPartLength, kTicketPartLength);
  }
  if (!HMAC_Init_ex(hctx, hmac, kTicketPartLength, EVP_sha256(), nullptr)) return -1;
  int ok = enc ? EVP_EncryptInit_ex(ectx, EVP_aes_128_cbc(), nullptr, aes, iv)
               : EVP_DecryptInit_ex(ectx, EVP_aes_128_cbc(), nullptr, aes, iv);
  if (!ok) return -1;
  if (enc) session->TicketIssued();
  if (!enc && r == 2) session->RenewTicket();
  return r;
}

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_TICKETS_H_
