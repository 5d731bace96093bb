// How crypto_x509.h prints certificate names, as Node 20 does:
//   NameString         subject/issuer: one entry a line, RFC 2253 escapes
//   GeneralNameString  one subjectAltName / infoAccess entry ("DNS:x",
//                      "IP Address:1.2.3.4" ...)
// A name that could be misread in the comma-separated subjectAltName list
// (a comma, a quote, a backslash, a control character, a byte Latin-1 can't
// show) is printed as a JSON string literal instead, so that
// tls.checkServerIdentity can split the list safely: 'DNS:"a\u002c b"'.
#ifndef KILN_BINDINGS_CRYPTO_X509_NAMES_H_
#define KILN_BINDINGS_CRYPTO_X509_NAMES_H_

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/obj.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

inline std::string BioString(BIO* bio) {
  const uint8_t* data;
  size_t len;
  BIO_mem_contents(bio, &data, &len);
  return std::string(reinterpret_cast<const char*>(data), len);
}

inline Local<Value> Utf8(Isolate* isolate, const std::string& s) {
  return String::NewFromUtf8(isolate, s.data(), v8::NewStringType::kNormal,
                             static_cast<int>(s.size()))
      .ToLocalChecked();
}

// Node's flags for X509_NAME_print_ex: one entry a line, RFC 2253 escapes.
inline std::string NameString(const X509_NAME* name) {
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0,
                     ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_UTF8_CONVERT |
                         XN_FLAG_SEP_MULTILINE | XN_FLAG_FN_SN);
  return BioString(bio.get());
}

inline std::string TimeString(const ASN1_TIME* t) {
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  ASN1_TIME_print(bio.get(), t);
  return BioString(bio.get());
}

// Whether `s` can be printed as is: no character that separates or quotes
// list entries, and nothing unprintable (in UTF-8 text, bytes >= 0x80 are
// fine; otherwise only printable ASCII is).
inline bool IsPlainAltName(const std::string& s, bool utf8) {
  for (unsigned char c : s) {
    if (c == '"' || c == '\\' || c == ',' || c == '\'') return false;
    if (c < ' ' || c == 0x7f) return false;
    if (!utf8 && c > '~') return false;
  }
  return true;
}

// `prefix` (if any) and `s`, as is when plain, else as one JSON string.
inline std::string AltName(const std::string& s, bool utf8 = false,
                           const char* prefix = nullptr) {
  std::string body = prefix != nullptr ? std::string(prefix) + ":" : std::string();
  if (IsPlainAltName(s, utf8)) return body + s;
  std::string out = "\"" + body;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if ((c >= ' ' && c != ',' && c <= '~') || (utf8 && c >= 0x80)) {
      out += static_cast<char>(c);
    } else {
      char esc[8];
      snprintf(esc, sizeof(esc), "\\u%04x", c);
      out += esc;
    }
  }
  return out + "\"";
}

inline std::string AsnString(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     ASN1_STRING_length(s));
}

// An otherName, as OpenSSL 3's GENERAL_NAME_print names the kinds it knows
// (UTF8String values, or IA5String for SRVName); others are unsupported.
inline std::string OtherNameString(const OTHERNAME* other) {
  static const struct { const char* oid; const char* prefix; bool utf8; } kKinds[] = {
      {"1.3.6.1.5.5.7.8.9", "SmtpUTF8Mailbox", true},
      {"1.3.6.1.5.5.7.8.5", "XmppAddr", true},
      {"1.3.6.1.5.5.7.8.7", "SRVName", false},
      {"1.3.6.1.4.1.311.20.2.3", "UPN", true},
      {"1.3.6.1.5.5.7.8.8", "NAIRealm", true},
  };
  char oid[128];
  OBJ_obj2txt(oid, sizeof(oid), other->type_id, 1);
  for (const auto& k : kKinds) {
    if (strcmp(oid, k.oid) != 0) continue;
    int want = k.utf8 ? V_ASN1_UTF8STRING : V_ASN1_IA5STRING;
    if (other->value->type != want) break;
    const ASN1_STRING* v = k.utf8 ? other->value->value.utf8string : other->value->value.ia5string;
    return "othername:" + AltName(AsnString(v), k.utf8, k.prefix);
  }
  return "othername:<unsupported>";
}

inline std::string GeneralNameString(const GENERAL_NAME* gen) {
  switch (gen->type) {
    case GEN_DNS: return "DNS:" + AltName(AsnString(gen->d.dNSName));
    case GEN_EMAIL: return "email:" + AltName(AsnString(gen->d.rfc822Name));
    case GEN_URI: return "URI:" + AltName(AsnString(gen->d.uniformResourceIdentifier));
    case GEN_DIRNAME: {
      // RFC 2253, keeping UTF-8 and control characters for the JSON escaping.
      bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
      X509_NAME_print_ex(bio.get(), gen->d.directoryName, 0,
                         XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB & ~ASN1_STRFLGS_ESC_CTRL);
      return "DirName:" + AltName(BioString(bio.get()), true);
    }
    case GEN_IPADD: {
      const unsigned char* p = ASN1_STRING_get0_data(gen->d.iPAddress);
      int len = ASN1_STRING_length(gen->d.iPAddress);
      char buf[64];
      if (len == 4) {
        snprintf(buf, sizeof(buf), "%d.%d.%d.%d", p[0], p[1], p[2], p[3]);
        return std::string("IP Address:") + buf;
      }
      if (len == 16) {
        std::string s = "IP Address:";
        for (int i = 0; i < 16; i += 2) {
          snprintf(buf, sizeof(buf), i == 0 ? "%X" : ":%X", (p[i] << 8) | p[i + 1]);
          s += buf;
        }
        return s;
      }
      snprintf(buf, sizeof(buf), "IP Address:<invalid length=%d>", len);
      return buf;
    }
    case GEN_RID: {
      // Numeric even when OpenSSL knows a name, as Node prints it.
      char buf[128];
      OBJ_obj2txt(buf, sizeof(buf), gen->d.registeredID, 1);
      return std::string("Registered ID:") + buf;
    }
    case GEN_OTHERNAME: return OtherNameString(gen->d.otherName);
    case GEN_X400: return "X400Name:<unsupported>";
    case GEN_EDIPARTY: return "EdiPartyName:<unsupported>";
    default: return "othername:<unsupported>";
  }
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_X509_NAMES_H_
