// snapshot/code_cache_builder OUT: V8 code caches of the js_lib modules the
// snapshot does not hold (http, crypto, zlib, ...), in the layout
// runtime/builtins.h describes. kiln embeds OUT and consumes an entry at a
// module's first require instead of parsing and compiling its source.
//
// A cache is only accepted by an isolate whose V8 flags hash as this one's,
// so this runs with the flags every run sets, plus a fixed --random-seed
// (left out of that hash), from which V8 derives its hash seed: the same
// caches on every build.
#include <libplatform/libplatform.h>
#include <v8.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "runtime/binding.h"
#include "runtime/bootstrap.h"
#include "runtime/builtins.h"
#include "runtime/code_cache.h"
#include "runtime/errors.h"

namespace {

// The ids in hooks.moduleLoadList ("NativeModule <id>"): what the bootstrap
// loaded, and so what the snapshot holds.
std::set<std::string> LoadedModules(v8::Local<v8::Context> context, v8::Local<v8::Object> hooks) {
  v8::Isolate* isolate = context->GetIsolate();
  std::set<std::string> ids{"internal/bootstrap/realm"};  // compiled by C++, other parameters
  v8::Local<v8::Value> list =
      hooks->Get(context, kiln::OneByteString(isolate, "moduleLoadList")).ToLocalChecked();
  v8::Local<v8::Array> array = list.As<v8::Array>();
  const std::string prefix = "NativeModule ";
  for (uint32_t i = 0; i < array->Length(); i++) {
    v8::String::Utf8Value entry(isolate, array->Get(context, i).ToLocalChecked());
    std::string s(*entry, entry.length());
    if (s.compare(0, prefix.size(), prefix) == 0) ids.insert(s.substr(prefix.size()));
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUT\n", argv[0]);
    return 2;
  }
  kiln::SetDefaultV8Flags();
  v8::V8::SetFlagsFromString("--random-seed=20261126");
  // Not the single-threaded platform: it needs --single-threaded, a flag.
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(1);
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();

  v8::Isolate::CreateParams params;
  params.array_buffer_allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  v8::Isolate* isolate = v8::Isolate::New(params);
  std::vector<std::string> caches(kiln::kBuiltinCount);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    v8::Context::Scope context_scope(context);
    v8::Local<v8::Object> hooks;
    if (!kiln::RunBootstrapOrReport(context, "snapshot/code_cache_builder").ToLocal(&hooks))
      return 1;
    v8::TryCatch try_catch(isolate);
    std::set<std::string> in_snapshot = LoadedModules(context, hooks);
    for (int i = 0; i < kiln::kBuiltinCount; i++) {
      const char* id = kiln::kBuiltinSources[i].id();
      if (in_snapshot.count(id) != 0) continue;
      // Every function compiled now, as Node's builtin code cache: a cache
      // holds the bytecode of the functions compiled when it was made.
      v8::Local<v8::Function> fn;
      if (!kiln::CompileBuiltinModule(context, id, true).ToLocal(&fn)) {
        fprintf(stderr, "snapshot/code_cache_builder: %s does not compile:\n", id);
        kiln::PrintCaughtException(isolate, context, try_catch.Exception(), try_catch.Message());
        return 1;
      }
      caches[i] = kiln::CodeCacheOf(fn);
    }
  }
  return kiln::WriteCodeCacheFile(argv[1], caches) ? 0 : 1;
}
