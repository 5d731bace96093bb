// The native binding registry: every C++ module reachable from JS through
// process.binding(name). Each binding lives in bindings/<name>.cc and defines,
// in namespace kiln::bindings::<name>:
//
//   void Initialize(v8::Local<v8::Context> context, v8::Local<v8::Object> target);
//     fills `target` with the binding's functions and constants. Runs once per
//     binding, on first use (possibly inside the snapshot builder, so it must
//     not read per-run state).
//   void RegisterExternalReferences(kiln::ExternalReferences* refs);
//     lists every C++ function Initialize exposes. A missing entry fails the
//     snapshot build and tests/binding_refs_test, not a user's run.
//
// Arguments are validated in JS (js_lib/internal/validators.js); bindings are
// also reachable by user code, so they check types too and throw a TypeError
// instead of crashing (CHECK_ARG below).
#ifndef KILN_RUNTIME_BINDING_H_
#define KILN_RUNTIME_BINDING_H_

#include <v8.h>
#include <vector>

namespace kiln {

// KILN_BINDINGS(V): one V(name) per bindings/<name>.cc, alphabetical.
// Generated at build time from the file names (tools/gen_binding_list.sh), so
// adding a binding is adding its file.
#include "bindings_list.h"

// Collects the addresses of native callbacks for v8::SnapshotCreator and
// Isolate::CreateParams::external_references. Order must be the same at build
// and at run time: it is, since both walk the same list in the same order.
class ExternalReferences {
 public:
  template <typename T>
  void Register(T* fn) { refs_.push_back(reinterpret_cast<intptr_t>(fn)); }
  // Zero-terminated array, valid for the life of the process.
  const intptr_t* Get();
  const std::vector<intptr_t>& refs() const { return refs_; }
 private:
  std::vector<intptr_t> refs_;
};

// The registry's one table, built once per process.
const intptr_t* AllExternalReferences();

// Builds binding `name` into a new object; empty (with a JS exception
// pending) if no such binding exists.
v8::MaybeLocal<v8::Object> CreateBinding(v8::Local<v8::Context> context,
                                         v8::Local<v8::String> name);

// Every binding name, for process.binding's error message and tests.
extern const char* const kBindingNames[];

// ---- helpers for binding files ----------------------------------------------
// Each function installed with SetMethod is also recorded (in test builds) so
// tests/binding_refs_test can check it was registered as an external reference.
void SetMethod(v8::Local<v8::Context> context, v8::Local<v8::Object> target,
               const char* name, v8::FunctionCallback callback);
// Like SetMethod, for functions that never allocate JS objects or call into JS
// (no side effects): kept as a separate name so the intent is visible.
#define SetFastMethod SetMethod
void SetConstant(v8::Local<v8::Context> context, v8::Local<v8::Object> target,
                 const char* name, double value);
void SetValue(v8::Local<v8::Context> context, v8::Local<v8::Object> target,
              const char* name, v8::Local<v8::Value> value);
// A constructor-style class: `new Name(...)` calls `callback`; instances get
// `internal_fields` internal fields. Returns the template to add prototype methods.
v8::Local<v8::FunctionTemplate> NewClass(v8::Isolate* isolate, v8::FunctionCallback callback,
                                         int internal_fields);
void SetProtoMethod(v8::Isolate* isolate, v8::Local<v8::FunctionTemplate> t,
                    const char* name, v8::FunctionCallback callback);
// For tests: every callback passed to SetMethod/NewClass/SetProtoMethod so far.
const std::vector<intptr_t>& InstalledCallbacks();

v8::Local<v8::String> OneByteString(v8::Isolate* isolate, const char* s, int len = -1);

// Throws TypeError(message) with .code = code. Returns nothing; callers return.
void ThrowTypeError(v8::Isolate* isolate, const char* code, const char* message);
// Throws an Error for a failed syscall, Node's way:
// "ENOENT: no such file or directory, open 'x'" with errno (negative), code,
// syscall and, when given, path/dest.
void ThrowErrnoException(v8::Isolate* isolate, int err, const char* syscall,
                         const char* path = nullptr, const char* dest = nullptr);
v8::Local<v8::Object> ErrnoException(v8::Isolate* isolate, int err, const char* syscall,
                                     const char* path = nullptr, const char* dest = nullptr);
// "ENOENT", "EACCES", ... for a positive errno value.
const char* ErrnoCode(int err);

}  // namespace kiln

// Argument checks for binding callbacks: bad input from user code throws a
// TypeError (ERR_INVALID_ARG_TYPE) and returns, never crashes.
#define CHECK_ARG(args, i, Is, what)                                              \
  do {                                                                            \
    if (!(args)[i]->Is()) {                                                       \
      ::kiln::ThrowTypeError((args).GetIsolate(), "ERR_INVALID_ARG_TYPE",         \
                             "The \"" #i "\" argument must be " what);            \
      return;                                                                     \
    }                                                                             \
  } while (0)

#define KILN_DECLARE_BINDING(name)                                          \
  namespace kiln::bindings::name {                                          \
  void Initialize(v8::Local<v8::Context>, v8::Local<v8::Object>);           \
  void RegisterExternalReferences(::kiln::ExternalReferences*);             \
  }

#endif  // KILN_RUNTIME_BINDING_H_
