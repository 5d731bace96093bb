// The js_lib sources embedded in the binary (tools/js2c.py generates the
// table) and how they are compiled.
#ifndef KILN_RUNTIME_BUILTINS_H_
#define KILN_RUNTIME_BUILTINS_H_

#include <v8.h>

namespace kiln {

struct BuiltinSource {
  const char* id;      // "events", "internal/errors", ...
  const char* source;  // ASCII, NUL-terminated
  int length;
};
extern const BuiltinSource kBuiltinSources[];
extern const int kBuiltinCount;

const BuiltinSource* FindBuiltin(const char* id);

// Compiles builtin `id` as a function of `params` (e.g. the module wrapper's
// exports, require, module, process, binding, hooks). The source is an
// external string: no copy of the embedded text is made.
v8::MaybeLocal<v8::Function> CompileBuiltin(v8::Local<v8::Context> context, const char* id,
                                            int param_count, const char* const* params);

}  // namespace kiln

#endif  // KILN_RUNTIME_BUILTINS_H_
