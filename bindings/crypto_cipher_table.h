// The symmetric ciphers createCipheriv accepts, under OpenSSL 3's names
// (Node 20 reports those), and what getCipherInfo says about each. Most run
// on BoringSSL's EVP_CIPHER; the rest (chacha20, chacha20-poly1305, AES in
// CFB modes, AES key wrap, 3DES key wrap; AES-CCM and AES-OCB) are built
// from BoringSSL primitives (crypto_cipher_stream.h, crypto_cipher_aead.h).
#ifndef KILN_BINDINGS_CRYPTO_CIPHER_TABLE_H_
#define KILN_BINDINGS_CRYPTO_CIPHER_TABLE_H_

#include <openssl/cipher.h>
#include <openssl/nid.h>
#include <strings.h>

#include <vector>

#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

enum class Engine {
  kEvp, kChaCha20, kChaChaPoly, kCfb128, kCfb8, kAesWrap, kAesWrapPad, kAesCcm, kAesOcb, kDes3Wrap
};

struct CipherSpec {
  const char* name;      // as getCiphers() lists it (and createCipheriv accepts)
  const char* info_name; // getCipherInfo().name
  int nid;
  const char* mode;      // getCipherInfo().mode
  int block_size;        // 1 for stream-like modes; 0: not reported
  int iv_length;         // 0: none
  int key_length;
  Engine engine;
  const EVP_CIPHER* (*evp)();
  bool listed;
};

#define KILN_AES_ROWS(bits, cbcnid, ecbnid, ofbnid, cfbnid, cfb8nid, ctrnid, gcmnid, wrapnid,   \
                      wrappadnid, ccmnid, ocbnid)                                              \
  {"aes-" #bits "-ccm", "id-aes" #bits "-ccm", ccmnid, "ccm", 1, 12, bits / 8, Engine::kAesCcm, \
   nullptr, true},                                                                             \
  {"id-aes" #bits "-CCM", "id-aes" #bits "-ccm", ccmnid, "ccm", 1, 12, bits / 8,               \
   Engine::kAesCcm, nullptr, true},                                                            \
  {"aes-" #bits "-ocb", "aes-" #bits "-ocb", ocbnid, "ocb", 16, 12, bits / 8, Engine::kAesOcb, \
   nullptr, true},                                                                             \
  {"aes-" #bits "-cbc", "aes-" #bits "-cbc", cbcnid, "cbc", 16, 16, bits / 8, Engine::kEvp,    \
   EVP_aes_##bits##_cbc, true},                                                                \
  {"aes-" #bits "-cfb", "aes-" #bits "-cfb", cfbnid, "cfb", 1, 16, bits / 8, Engine::kCfb128,  \
   nullptr, true},                                                                             \
  {"aes-" #bits "-cfb8", "aes-" #bits "-cfb8", cfb8nid, "cfb", 1, 16, bits / 8, Engine::kCfb8, \
   nullptr, true},                                                                             \
  {"aes-" #bits "-ctr", "aes-" #bits "-ctr", ctrnid, "ctr", 1, 16, bits / 8, Engine::kEvp,     \
   EVP_aes_##bits##_ctr, true},                                                                \
  {"aes-" #bits "-ecb", "aes-" #bits "-ecb", ecbnid, "ecb", 16, 0, bits / 8, Engine::kEvp,     \
   EVP_aes_##bits##_ecb, true},                                                                \
  {"aes-" #bits "-gcm", "id-aes" #bits "-gcm", gcmnid, "gcm", 1, 12, bits / 8, Engine::kEvp,   \
   EVP_aes_##bits##_gcm, true},                                                                \
  {"aes-" #bits "-ofb", "aes-" #bits "-ofb", ofbnid, "ofb", 1, 16, bits / 8, Engine::kEvp,     \
   EVP_aes_##bits##_ofb, true},                                                                \
  {"aes" #bits, "aes-" #bits "-cbc", cbcnid, "cbc", 16, 16, bits / 8, Engine::kEvp,            \
   EVP_aes_##bits##_cbc, true},                                                                \
  {"id-aes" #bits "-GCM", "id-aes" #bits "-gcm", gcmnid, "gcm", 1, 12, bits / 8, Engine::kEvp, \
   EVP_aes_##bits##_gcm, true},                                                                \
  {"aes" #bits "-wrap", "id-aes" #bits "-wrap", wrapnid, "wrap", 8, 8, bits / 8,               \
   Engine::kAesWrap, nullptr, true},                                                           \
  {"id-aes" #bits "-wrap", "id-aes" #bits "-wrap", wrapnid, "wrap", 8, 8, bits / 8,            \
   Engine::kAesWrap, nullptr, true},                                                           \
  {"id-aes" #bits "-wrap-pad", "id-aes" #bits "-wrap-pad", wrappadnid, "wrap", 8, 4, bits / 8, \
   Engine::kAesWrapPad, nullptr, true},

inline const CipherSpec* CipherSpecs() {
  static const CipherSpec kSpecs[] = {
      KILN_AES_ROWS(128, 419, 418, 420, 421, 653, 904, 895, 788, 897, 896, 958)
      KILN_AES_ROWS(192, 423, 422, 424, 425, 654, 905, 898, 789, 900, 899, 959)
      KILN_AES_ROWS(256, 427, 426, 428, 429, 655, 906, 901, 790, 903, 902, 960)
      {"chacha20", "chacha20", 1019, "stream", 0, 16, 32, Engine::kChaCha20, nullptr, true},
      {"chacha20-poly1305", "chacha20-poly1305", 1018, "stream", 0, 12, 32, Engine::kChaChaPoly,
       nullptr, true},
      {"des-ede", "des-ede", 32, "ecb", 8, 0, 16, Engine::kEvp, EVP_des_ede, true},
      {"des-ede-cbc", "des-ede-cbc", 43, "cbc", 8, 8, 16, Engine::kEvp, EVP_des_ede_cbc, true},
      {"des-ede-ecb", "des-ede", 32, "ecb", 8, 0, 16, Engine::kEvp, EVP_des_ede, true},
      {"des-ede3", "des-ede3", 33, "ecb", 8, 0, 24, Engine::kEvp, EVP_des_ede3, true},
      {"des-ede3-cbc", "des-ede3-cbc", 44, "cbc", 8, 8, 24, Engine::kEvp, EVP_des_ede3_cbc, true},
      {"des-ede3-ecb", "des-ede3", 33, "ecb", 8, 0, 24, Engine::kEvp, EVP_des_ede3, true},
      {"des3", "des-ede3-cbc", 44, "cbc", 8, 8, 24, Engine::kEvp, EVP_des_ede3_cbc, true},
      {"des3-wrap", "id-smime-alg-cms3deswrap", 246, "wrap", 8, 0, 24, Engine::kDes3Wrap, nullptr,
       true},
      {"id-smime-alg-CMS3DESwrap", "id-smime-alg-cms3deswrap", 246, "wrap", 8, 0, 24,
       Engine::kDes3Wrap, nullptr, true},
      {nullptr, nullptr, 0, nullptr, 0, 0, 0, Engine::kEvp, nullptr, false},
  };
  return kSpecs;
}
#undef KILN_AES_ROWS

// OpenSSL 3 looks names up case-insensitively.
inline const CipherSpec* CipherByName(const char* name) {
  for (const CipherSpec* s = CipherSpecs(); s->name != nullptr; s++)
    if (strcasecmp(s->name, name) == 0) return s;
  return nullptr;
}

inline const CipherSpec* CipherByNid(int nid) {
  for (const CipherSpec* s = CipherSpecs(); s->name != nullptr; s++)
    if (s->nid == nid) return s;
  return nullptr;
}

inline bool IsGcm(const CipherSpec* s) { return s->mode[0] == 'g'; }
inline bool IsAead(const CipherSpec* s) {
  return IsGcm(s) || s->engine == Engine::kChaChaPoly || s->engine == Engine::kAesCcm ||
         s->engine == Engine::kAesOcb;
}

// getCipherInfo(name | nid) -> {mode, name, nid, blockSize?, ivLength?, keyLength}
inline void GetCipherInfo(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  const CipherSpec* s = nullptr;
  if (args[0]->IsString()) {
    String::Utf8Value name(isolate, args[0]);
    if (*name) s = CipherByName(*name);
  } else if (args[0]->IsInt32()) {
    s = CipherByNid(args[0].As<v8::Int32>()->Value());
  }
  if (s == nullptr) return;
  Local<Object> info = Object::New(isolate);
  auto set = [&](const char* k, Local<Value> v) {
    info->Set(context, OneByteString(isolate, k), v).Check();
  };
  set("mode", OneByteString(isolate, s->mode));
  set("name", OneByteString(isolate, s->info_name));
  set("nid", v8::Integer::New(isolate, s->nid));
  if (s->block_size > 0) set("blockSize", v8::Integer::New(isolate, s->block_size));
  if (s->iv_length > 0) set("ivLength", v8::Integer::New(isolate, s->iv_length));
  set("keyLength", v8::Integer::New(isolate, s->key_length));
  args.GetReturnValue().Set(info);
}

inline void GetCiphers(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::vector<Local<Value>> names;
  for (const CipherSpec* s = CipherSpecs(); s->name != nullptr; s++)
    if (s->listed) names.push_back(OneByteString(isolate, s->name));
  args.GetReturnValue().Set(v8::Array::New(isolate, names.data(), names.size()));
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CIPHER_TABLE_H_
