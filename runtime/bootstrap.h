// Creating the main context and running js_lib's bootstrap in it. The
// snapshot builder does this once at build time; `kiln --no-snapshot` does it
// at every start.
#ifndef KILN_RUNTIME_BOOTSTRAP_H_
#define KILN_RUNTIME_BOOTSTRAP_H_

#include <v8.h>

#include "runtime/binding.h"

namespace kiln {

// Index of the `hooks` object in the snapshot's context data
// (SnapshotCreator::AddData / Context::GetDataFromSnapshotOnce).
constexpr size_t kHooksSnapshotIndex = 0;
// Index of the bootstrapped main context among the snapshot's contexts
// (SnapshotCreator::AddContext / Context::FromSnapshot). The snapshot's default
// context is a plain one, for vm.createContext.
constexpr size_t kMainContextSnapshotIndex = 0;

// Builds `process`, runs js_lib/internal/bootstrap/realm.js (which loads
// internal/bootstrap/node.js) and returns the filled `hooks` object. Reads no
// per-run state.
v8::MaybeLocal<v8::Object> RunBootstrap(v8::Local<v8::Context> context);

// RunBootstrap, printing to stderr what it threw, after "`who`: the
// bootstrap threw:" (the builders and --no-snapshot report the same way).
v8::MaybeLocal<v8::Object> RunBootstrapOrReport(v8::Local<v8::Context> context, const char* who);

// The C++ callbacks RunBootstrap itself installs (not owned by a binding).
void RegisterBootstrapReferences(ExternalReferences* refs);

}  // namespace kiln

#endif  // KILN_RUNTIME_BOOTSTRAP_H_
