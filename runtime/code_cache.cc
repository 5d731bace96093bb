#include "runtime/code_cache.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include "runtime/builtins.h"

namespace kiln {

using v8::ScriptCompiler;

static const char* code_cache = nullptr;
static size_t code_cache_size = 0;
// This thread's count of caches V8 took and refused (codeCacheStats()).
static thread_local int caches_consumed = 0, caches_rejected = 0;

void SetBuiltinCodeCache(const char* data, size_t size) {
  uint32_t count;
  if (size < sizeof(count)) return;
  memcpy(&count, data, sizeof(count));
  if (count != static_cast<uint32_t>(kBuiltinCount) || size < 4 + 8 * size_t(count)) return;
  code_cache = data;
  code_cache_size = size;
}

bool WriteCodeCacheFile(const char* path, const std::vector<std::string>& caches) {
  auto put32 = [](std::string* out, uint32_t v) {
    for (int i = 0; i < 4; i++) out->push_back(static_cast<char>(v >> (8 * i)));
  };
  std::string header, data;
  size_t offset = (4 + 8 * caches.size() + 7) & ~size_t{7};
  put32(&header, static_cast<uint32_t>(caches.size()));
  for (const std::string& c : caches) {
    put32(&header, c.empty() ? 0 : static_cast<uint32_t>(offset + data.size()));
    put32(&header, static_cast<uint32_t>(c.size()));
    data += c;
    data.resize((data.size() + 7) & ~size_t{7}, '\0');  // each cache 8-aligned
  }
  header.resize(offset, '\0');
  FILE* f = fopen(path, "wb");
  if (f == nullptr || fwrite(header.data(), 1, header.size(), f) != header.size() ||
      fwrite(data.data(), 1, data.size(), f) != data.size() || fclose(f) != 0) {
    perror(path);
    return false;
  }
  return true;
}

void GetCodeCacheStats(int* consumed, int* rejected) {
  *consumed = caches_consumed;
  *rejected = caches_rejected;
}

std::string CodeCacheOf(v8::Local<v8::Function> fn) {
  std::unique_ptr<ScriptCompiler::CachedData> cache(ScriptCompiler::CreateCodeCacheForFunction(fn));
  return std::string(reinterpret_cast<const char*>(cache->data), cache->length);
}

void SetDefaultV8Flags() {
  // The blob is part of the binary, so its checksum protects nothing and
  // costs ~0.7 ms per start.
  v8::V8::SetFlagsFromString("--no-verify-snapshot-checksum");
  // `import x from './x.json' assert { type: 'json' }`, as Node 20 has it.
  v8::V8::SetFlagsFromString("--harmony-import-assertions");
  // A young generation of 4 MB semi-spaces instead of 1 MB: V8 grows it only
  // for programs whose objects survive, so a server allocating per request
  // would scavenge every ~450 requests, each scavenge visiting the
  // snapshot's object caches as roots (~10% of an HTTP hello world's
  // instructions). Pages are touched only when used: a short script's RSS
  // and start do not change.
  v8::V8::SetFlagsFromString("--min-semi-space-size=4");
  // Twice V8's budget (920 bytes of bytecode) for what TurboFan inlines into
  // one function: Node-style code is deep stacks of small functions (an HTTP
  // request runs ~60), and a request's path then compiles into fewer
  // calls: -8% instructions per request for a hello world server.
  v8::V8::SetFlagsFromString("--max-inlined-bytecode-size-cumulative=2000");
}

ScriptCompiler::CachedData* FindBuiltinCodeCache(int index) {
  if (code_cache == nullptr) return nullptr;
  uint32_t entry[2];
  memcpy(entry, code_cache + 4 + 8 * size_t(index), sizeof(entry));
  if (entry[1] == 0 || size_t(entry[0]) + entry[1] > code_cache_size) return nullptr;
  return new ScriptCompiler::CachedData(reinterpret_cast<const uint8_t*>(code_cache + entry[0]),
                                        static_cast<int>(entry[1]),
                                        ScriptCompiler::CachedData::BufferNotOwned);
}

void CountBuiltinCodeCache(bool rejected) { (rejected ? caches_rejected : caches_consumed)++; }

}  // namespace kiln
