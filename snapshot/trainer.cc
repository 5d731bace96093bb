// snapshot/trainer OUT [KILN ARGS...]: kiln without a snapshot (it links an
// empty blob, so it bootstraps from the embedded sources), compiling every
// builtin lazily. Run on snapshot/training.js, a typical program's start,
// it writes at exit the code cache of each builtin it loaded: bytecode for
// just the functions that run called. snapshot/builder bootstraps from these
// caches, so the snapshot carries those functions compiled and the rest
// lazy, instead of whole modules compiled or none.
#include <v8.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/code_cache.h"
#include "runtime/environment.h"
#include "runtime/kiln.h"

namespace {

const char* out_path;
std::vector<std::pair<int, v8::Global<v8::Function>>>* compiled;

void Record(int index, v8::Local<v8::Function> fn) {
  compiled->emplace_back(index, v8::Global<v8::Function>(v8::Isolate::GetCurrent(), fn));
}

void WriteCaches() {
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  v8::HandleScope scope(isolate);
  std::vector<std::string> caches(kiln::kBuiltinCount);
  for (auto& [index, fn] : *compiled) caches[index] = kiln::CodeCacheOf(fn.Get(isolate));
  if (!kiln::WriteCodeCacheFile(out_path, caches)) _exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s OUT [KILN ARGS...] SCRIPT\n", argv[0]);
    return 2;
  }
  out_path = argv[1];
  compiled = new std::vector<std::pair<int, v8::Global<v8::Function>>>();
  kiln::SetBuiltinCompileObserver(Record);
  kiln::Environment::SetProcessExitHook(WriteCaches);
  argv[1] = argv[0];  // kiln's command line: the rest
  return kiln::Start(argc - 1, argv + 1);
}
