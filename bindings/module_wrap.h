// The isolate-wide half of bindings/module_wrap.cc: V8's host callbacks for
// import() and import.meta, set once per isolate at startup (runtime/start.cc).
// They only forward to hooks.importModuleDynamically / initializeImportMeta,
// so a CommonJS run that never imports pays nothing but setting two pointers.
#ifndef KILN_BINDINGS_MODULE_WRAP_H_
#define KILN_BINDINGS_MODULE_WRAP_H_

#include <v8.h>

namespace kiln::bindings::module_wrap {

void SetIsolateCallbacks(v8::Isolate* isolate);

}  // namespace kiln::bindings::module_wrap

#endif  // KILN_BINDINGS_MODULE_WRAP_H_
