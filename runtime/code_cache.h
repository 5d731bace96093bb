// V8 code caches of js_lib modules, one per builtin, in one buffer: the
// embedded caches of the modules the snapshot does not hold (made by
// snapshot/code_cache_builder, so that a first require('http') deserializes
// bytecode instead of compiling the source), and at build time the trained
// caches snapshot/builder bootstraps from (made by snapshot/trainer).
// Layout, all little-endian:
//   u32 count (= kBuiltinCount), count x { u32 offset, u32 length }, data
// where entry i belongs to kBuiltinSources[i]; length 0 means no cache.
// Offsets are 8-aligned, so V8 reads the caches in place.
#ifndef KILN_RUNTIME_CODE_CACHE_H_
#define KILN_RUNTIME_CODE_CACHE_H_

#include <v8.h>

#include <string>
#include <vector>

namespace kiln {

// The buffer CompileBuiltinModule consumes from; it must outlive every
// compile. A buffer of another size or count is ignored.
void SetBuiltinCodeCache(const char* data, size_t size);

// The cache of builtin `index` for a ScriptCompiler::Source to own (its
// bytes stay in the buffer), or null.
v8::ScriptCompiler::CachedData* FindBuiltinCodeCache(int index);

// Counts, for this thread, what became of the caches it was given.
void CountBuiltinCodeCache(bool rejected);
// How many caches this thread's compiles used and V8 refused.
void GetCodeCacheStats(int* consumed, int* rejected);

// Writes one cache per builtin (empty: none) to `path` in that layout.
bool WriteCodeCacheFile(const char* path, const std::vector<std::string>& caches);

// The code cache of a builtin's module function (the bytecode of what has
// been compiled in it so far), as the bytes WriteCodeCacheFile takes.
std::string CodeCacheOf(v8::Local<v8::Function> fn);

// The V8 flags every run sets before its own. A code cache is only accepted
// by an isolate whose flags hash as its maker's did, so the builders set
// these too.
void SetDefaultV8Flags();

}  // namespace kiln

#endif  // KILN_RUNTIME_CODE_CACHE_H_
