// Internalized strings the HTTP parser hands to JS over and over: method
// names and the header names most requests carry. Made once per process, on
// first use (at run time: never in the snapshot); a name not in the table
// becomes a fresh string as before. Saves an allocation per header and lets
// V8 skip hashing the name when JS uses it as a property key.
#ifndef KILN_BINDINGS_HTTP_STRINGS_H_
#define KILN_BINDINGS_HTTP_STRINGS_H_

#include <llhttp.h>

#include <cstring>
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::http_parser {

// Header names as clients commonly spell them (matched case-sensitively: a
// miss costs only a fresh string).
inline constexpr const char* kCommonHeaderNames[] = {
    "Host", "host", "User-Agent", "user-agent", "Accept", "accept", "Accept-Encoding",
    "accept-encoding", "Accept-Language", "accept-language", "Connection", "connection",
    "Content-Type", "content-type", "Content-Length", "content-length", "Cookie", "cookie",
    "Cache-Control", "cache-control", "Transfer-Encoding", "transfer-encoding", "Date", "date",
    "Origin", "origin", "Referer", "referer", "Authorization", "authorization", "Upgrade",
    "Keep-Alive", "Server", "Set-Cookie", "ETag", "Last-Modified", "If-None-Match",
    "If-Modified-Since", "X-Powered-By", "X-Forwarded-For",
};
inline constexpr size_t kCommonHeaderCount =
    sizeof(kCommonHeaderNames) / sizeof(kCommonHeaderNames[0]);
inline constexpr int kMethodCount = 64;  // more than llhttp's method numbers

struct HttpStrings {
  v8::Eternal<v8::String> methods[kMethodCount];
  v8::Eternal<v8::String> headers[kCommonHeaderCount];
  size_t header_len[kCommonHeaderCount];
};
inline thread_local HttpStrings* g_http_strings = nullptr;

inline v8::Local<v8::String> Internalized(v8::Isolate* isolate, const char* s, size_t len) {
  return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(s),
                                    v8::NewStringType::kInternalized, static_cast<int>(len))
      .ToLocalChecked();
}

inline HttpStrings* Strings(v8::Isolate* isolate) {
  if (g_http_strings == nullptr) {
    g_http_strings = new HttpStrings();
    for (size_t i = 0; i < kCommonHeaderCount; i++) {
      size_t len = strlen(kCommonHeaderNames[i]);
      g_http_strings->header_len[i] = len;
      g_http_strings->headers[i].Set(isolate, Internalized(isolate, kCommonHeaderNames[i], len));
    }
  }
  return g_http_strings;
}

// llhttp's name of method `m` ('GET', ...).
inline v8::Local<v8::String> MethodName(v8::Isolate* isolate, int m) {
  HttpStrings* s = Strings(isolate);
  const char* name = llhttp_method_name(static_cast<llhttp_method_t>(m));
  if (m < 0 || m >= kMethodCount) return Internalized(isolate, name, strlen(name));
  if (s->methods[m].IsEmpty()) s->methods[m].Set(isolate, Internalized(isolate, name, strlen(name)));
  return s->methods[m].Get(isolate);
}

// `name` as a JS string: the cached one when it is a common header name.
inline v8::Local<v8::String> HeaderName(v8::Isolate* isolate, const std::string& name) {
  HttpStrings* s = Strings(isolate);
  for (size_t i = 0; i < kCommonHeaderCount; i++) {
    if (s->header_len[i] == name.size() &&
        memcmp(kCommonHeaderNames[i], name.data(), name.size()) == 0) {
      return s->headers[i].Get(isolate);
    }
  }
  return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(name.data()),
                                    v8::NewStringType::kNormal, static_cast<int>(name.size()))
      .ToLocalChecked();
}

}  // namespace kiln::bindings::http_parser

#endif  // KILN_BINDINGS_HTTP_STRINGS_H_
