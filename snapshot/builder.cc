// snapshot/builder OUT [TRAINED_CACHE]: runs js_lib's bootstrap inside a
// v8::SnapshotCreator and writes the startup blob that kiln embeds. With the
// code caches snapshot/trainer made, each module of the bootstrap compiles
// from its cache: the functions a program's start calls reach the blob
// compiled, the rest lazy.
//
// The blob must hold no per-run state and be the same on every build: the
// flags below fix V8's seeds here only (at run time the isolate reseeds
// Math.random from entropy and rehashes its tables with a fresh hash seed).
#include <libplatform/libplatform.h>
#include <v8.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "runtime/binding.h"
#include "runtime/bootstrap.h"
#include "runtime/code_cache.h"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: %s OUT [TRAINED_CACHE]\n", argv[0]);
    return 2;
  }
  // As snapshot/train.sh runs the trainer: a cache is used only under the
  // flags it was made with.
  kiln::SetDefaultV8Flags();
  v8::V8::SetFlagsFromString(
      "--predictable --hash-seed=20261126 --random-seed=20261126 --no-flush-bytecode");
  static std::string trained;  // read in place by V8 while the bootstrap compiles
  if (argc == 3) {
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
      perror(argv[2]);
      return 1;
    }
    trained.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    kiln::SetBuiltinCodeCache(trained.data(), trained.size());
  }
  std::unique_ptr<v8::Platform> platform = v8::platform::NewSingleThreadedDefaultPlatform();
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();

  v8::StartupData blob;
  {
    // A missing external reference makes CreateBlob abort with
    // "Unknown external reference": the build fails, not a user's run.
    v8::SnapshotCreator creator(kiln::AllExternalReferences());
    v8::Isolate* isolate = creator.GetIsolate();
    {
      v8::HandleScope scope(isolate);
      v8::Local<v8::Context> context = v8::Context::New(isolate);
      v8::Context::Scope context_scope(context);
      v8::Local<v8::Object> hooks;
      if (!kiln::RunBootstrapOrReport(context, "snapshot/builder").ToLocal(&hooks)) return 1;
      // A refused cache (flags unlike the trainer's) would silently leave
      // its module lazy: fail the build instead.
      int consumed, rejected;
      kiln::GetCodeCacheStats(&consumed, &rejected);
      if (argc == 3 && (rejected != 0 || consumed == 0)) {
        fprintf(stderr, "snapshot/builder: %d trained caches used, %d refused\n", consumed,
                rejected);
        return 1;
      }
      creator.AddData(context, hooks);
      // The default context stays a plain V8 one: vm.createContext makes its
      // contexts from it. Kiln's own, bootstrapped context is context 0.
      creator.SetDefaultContext(v8::Context::New(isolate));
      if (creator.AddContext(context) != kiln::kMainContextSnapshotIndex) return 1;
    }
    blob = creator.CreateBlob(v8::SnapshotCreator::FunctionCodeHandling::kKeep);
  }
  FILE* f = fopen(argv[1], "wb");
  if (f == nullptr || fwrite(blob.data, 1, blob.raw_size, f) != size_t(blob.raw_size) ||
      fclose(f) != 0) {
    perror(argv[1]);
    return 1;
  }
  delete[] blob.data;
  return 0;
}
