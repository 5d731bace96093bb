// The js_lib sources embedded in the binary (tools/js2c.py generates the
// table) and how they are compiled.
#ifndef KILN_RUNTIME_BUILTINS_H_
#define KILN_RUNTIME_BUILTINS_H_

#include <v8.h>

namespace kiln {

// One embedded js_lib file, and the V8 resource of its source string. The
// resources are static and registered as external references, so the
// snapshot refers to the text in the binary instead of carrying a copy that
// every run would deserialize (~700 KB).
class BuiltinSource : public v8::String::ExternalOneByteStringResource {
 public:
  constexpr BuiltinSource(const char* id, const char* source, size_t length)
      : id_(id), source_(source), length_(length) {}
  const char* id() const { return id_; }  // "events", "internal/errors", ...
  const char* data() const override { return source_; }  // ASCII
  size_t length() const override { return length_; }
  void Dispose() override {}  // static storage: never freed

 private:
  const char* id_;
  const char* source_;
  size_t length_;
};
extern BuiltinSource kBuiltinSources[];
extern const int kBuiltinCount;

BuiltinSource* FindBuiltin(const char* id);

// Called with each builtin module CompileBuiltinModule compiles, and then
// modules compile lazily whatever the loader asks (snapshot/trainer records
// them, to make caches of just the functions a run calls).
using BuiltinCompileObserver = void (*)(int index, v8::Local<v8::Function> fn);
void SetBuiltinCompileObserver(BuiltinCompileObserver observer);

// Compiles builtin `id` as a function of `params` (e.g. the module wrapper's
// exports, require, module, process, binding, hooks). The source is an
// external string: no copy of the embedded text is made.
v8::MaybeLocal<v8::Function> CompileBuiltin(v8::Local<v8::Context> context, const char* id,
                                            int param_count, const char* const* params,
                                            bool eager = false);

// A js_lib module as the internal loader runs it: a function of
// (exports, require, module, process, binding, hooks). Compiled from the
// module's code cache when runtime/code_cache.h has one.
v8::MaybeLocal<v8::Function> CompileBuiltinModule(v8::Local<v8::Context> context, const char* id,
                                                  bool eager);

}  // namespace kiln

#endif  // KILN_RUNTIME_BUILTINS_H_
