// process.binding('types'): the brand checks behind util.types. Each function
// takes one value of any type and returns a boolean (false when called with
// no argument), so there is nothing to validate: every input is legal.
// Typed-array checks live in JS (js_lib/internal/util/types.js).
#include "runtime/binding.h"

namespace kiln::bindings::types {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Object;
using v8::Value;

// Same names and order as Node's internalBinding('types'): the order is
// visible to users through Object.keys(util.types).
#define KILN_VALUE_TYPES(V) \
  V(External)               \
  V(Date)                   \
  V(ArgumentsObject)        \
  V(BigIntObject)           \
  V(BooleanObject)          \
  V(NumberObject)           \
  V(StringObject)           \
  V(SymbolObject)           \
  V(NativeError)            \
  V(RegExp)                 \
  V(AsyncFunction)          \
  V(GeneratorFunction)      \
  V(GeneratorObject)        \
  V(Promise)                \
  V(Map)                    \
  V(Set)                    \
  V(MapIterator)            \
  V(SetIterator)            \
  V(WeakMap)                \
  V(WeakSet)                \
  V(ArrayBuffer)            \
  V(DataView)               \
  V(SharedArrayBuffer)      \
  V(Proxy)                  \
  V(ModuleNamespaceObject)

#define V(type)                                               \
  static void Is##type(const FunctionCallbackInfo<Value>& args) { \
    args.GetReturnValue().Set(args[0]->Is##type());           \
  }
KILN_VALUE_TYPES(V)
#undef V

static void IsAnyArrayBuffer(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(args[0]->IsArrayBuffer() || args[0]->IsSharedArrayBuffer());
}

static void IsBoxedPrimitive(const FunctionCallbackInfo<Value>& args) {
  Local<Value> v = args[0];
  args.GetReturnValue().Set(v->IsNumberObject() || v->IsStringObject() || v->IsBooleanObject() ||
                            v->IsBigIntObject() || v->IsSymbolObject());
}

void Initialize(Local<Context> context, Local<Object> target) {
#define V(type) SetFastMethod(context, target, "is" #type, Is##type);
  KILN_VALUE_TYPES(V)
#undef V
  SetFastMethod(context, target, "isAnyArrayBuffer", IsAnyArrayBuffer);
  SetFastMethod(context, target, "isBoxedPrimitive", IsBoxedPrimitive);
}

void RegisterExternalReferences(ExternalReferences* refs) {
#define V(type) refs->Register(Is##type);
  KILN_VALUE_TYPES(V)
#undef V
  refs->Register(IsAnyArrayBuffer);
  refs->Register(IsBoxedPrimitive);
}

#undef KILN_VALUE_TYPES

}  // namespace kiln::bindings::types
