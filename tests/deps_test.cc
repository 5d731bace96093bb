// The third-party libraries link and work: BoringSSL (static, hidden),
// llhttp, zlib and libev.
#include <ev.h>
#include <gtest/gtest.h>
#include <llhttp.h>
#include <openssl/digest.h>
#include <zlib.h>

#include <cstring>
#include <string>

TEST(Deps, BoringSslSha256) {
  uint8_t out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ASSERT_TRUE(EVP_Digest("abc", 3, out, &len, EVP_sha256(), nullptr));
  std::string hex;
  for (unsigned i = 0; i < len; i++) {
    char b[3];
    snprintf(b, sizeof(b), "%02x", out[i]);
    hex += b;
  }
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static int OnUrl(llhttp_t* p, const char* at, size_t len) {
  static_cast<std::string*>(p->data)->assign(at, len);
  return 0;
}

TEST(Deps, LlhttpParsesRequest) {
  llhttp_settings_t settings;
  llhttp_settings_init(&settings);
  settings.on_url = OnUrl;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_REQUEST, &settings);
  std::string url;
  parser.data = &url;
  const char req[] = "GET /hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\n";
  ASSERT_EQ(llhttp_execute(&parser, req, strlen(req)), HPE_OK);
  EXPECT_EQ(url, "/hello?x=1");
  EXPECT_EQ(llhttp_get_method(&parser), HTTP_GET);
  const char bad[] = "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n";
  llhttp_init(&parser, HTTP_REQUEST, &settings);
  parser.data = &url;  // llhttp_init clears it
  EXPECT_NE(llhttp_execute(&parser, bad, strlen(bad)), HPE_OK);  // request smuggling
}

TEST(Deps, ZlibRoundTrip) {
  const char in[] = "kiln kiln kiln kiln kiln kiln";
  uLongf clen = compressBound(sizeof(in));
  Bytef comp[128];
  ASSERT_EQ(compress(comp, &clen, reinterpret_cast<const Bytef*>(in), sizeof(in)), Z_OK);
  char out[64];
  uLongf olen = sizeof(out);
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(out), &olen, comp, clen), Z_OK);
  EXPECT_STREQ(out, in);
}

TEST(Deps, LibevVersion) { EXPECT_EQ(ev_version_major(), EV_VERSION_MAJOR); }
