// TLS errors as Node reports them (OpenSSL 3's wording and codes), for the
// tls_wrap binding's sessions.
#ifndef KILN_BINDINGS_TLS_ERRORS_H_
#define KILN_BINDINGS_TLS_ERRORS_H_

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

#include "bindings/crypto_util.h"

namespace kiln::bindings::tls_wrap {

using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

// Node's error for a failed TLS operation: OpenSSL 3's wording
// ("error:0A000410:SSL routines::sslv3 alert handshake failure") and code
// ERR_SSL_<REASON>.
inline Local<Value> TlsError(Isolate* isolate, const char* fallback) {
  uint32_t err = ERR_get_error();
  ERR_clear_error();
  if (err == 0 || ERR_GET_LIB(err) != ERR_LIB_SSL) {
    return crypto::OpenSSLErrorFor(isolate, err, fallback);
  }
  const char* rs = ERR_reason_error_string(err);
  std::string text = rs != nullptr ? rs : "unknown error";
  for (char& c : text) c = c == '_' ? ' ' : static_cast<char>(tolower(c));
  if (text == "tlsv1 alert certificate required") text = "tlsv13 alert certificate required";
  char packed[16];
  snprintf(packed, sizeof(packed), "%08X", 0x0A000000u | ERR_GET_REASON(err));  // lib 20: SSL
  Local<Value> e = crypto::OsslError(isolate, packed, "SSL routines", text);
  std::string code = "ERR_SSL_";
  for (char c : text) code += c == ' ' ? '_' : static_cast<char>(toupper(c));
  crypto::SetStringProp(isolate, e.As<Object>(), "code", code.c_str());
  return e;
}

// Input that is not TLS at all (OpenSSL answers it with no alert).
inline bool NotTls(uint32_t err) {
  if (ERR_GET_LIB(err) != ERR_LIB_SSL) return false;
  int r = ERR_GET_REASON(err);
  return r == SSL_R_WRONG_VERSION_NUMBER || r == SSL_R_HTTP_REQUEST ||
         r == SSL_R_HTTPS_PROXY_REQUEST;
}

}  // namespace kiln::bindings::tls_wrap

#endif  // KILN_BINDINGS_TLS_ERRORS_H_
