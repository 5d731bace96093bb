#include "runtime/binding.h"
#include "runtime/bootstrap.h"

#include <cstring>

#define V(name) KILN_DECLARE_BINDING(name)
KILN_BINDINGS(V)
#undef V

namespace kiln {

using v8::Context;
using v8::FunctionCallback;
using v8::FunctionTemplate;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::String;
using v8::Value;


namespace {
struct BindingEntry {
  const char* name;
  void (*initialize)(Local<Context>, Local<Object>);
  void (*register_refs)(ExternalReferences*);
};

const BindingEntry kBindings[] = {
#define V(name) {#name, bindings::name::Initialize, bindings::name::RegisterExternalReferences},
    KILN_BINDINGS(V)
#undef V
};

std::vector<intptr_t>& Installed() {
  static thread_local std::vector<intptr_t> installed;
  return installed;
}
}  // namespace

const char* const kBindingNames[] = {
#define V(name) #name,
    KILN_BINDINGS(V)
#undef V
    nullptr};

const intptr_t* ExternalReferences::Get() {
  if (refs_.empty() || refs_.back() != 0) refs_.push_back(0);
  return refs_.data();
}

const intptr_t* AllExternalReferences() {
  static ExternalReferences* refs = [] {
    auto* r = new ExternalReferences();
    RegisterBootstrapReferences(r);
    for (const BindingEntry& b : kBindings) b.register_refs(r);
    return r;
  }();
  return refs->Get();
}

MaybeLocal<Object> CreateBinding(Local<Context> context, Local<String> name) {
  Isolate* isolate = context->GetIsolate();
  String::Utf8Value utf8(isolate, name);
  for (const BindingEntry& b : kBindings) {
    if (*utf8 && strcmp(b.name, *utf8) == 0) {
      Local<Object> target = Object::New(isolate);
      b.initialize(context, target);
      return target;
    }
  }
  std::string msg = std::string("No such module: ") + (*utf8 ? *utf8 : "");
  isolate->ThrowException(
      v8::Exception::Error(String::NewFromUtf8(isolate, msg.c_str()).ToLocalChecked()));
  return {};
}

Local<String> OneByteString(Isolate* isolate, const char* s, int len) {
  return String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(s),
                                v8::NewStringType::kInternalized, len)
      .ToLocalChecked();
}

void SetMethod(Local<Context> context, Local<Object> target, const char* name,
               FunctionCallback callback) {
  Isolate* isolate = context->GetIsolate();
  Installed().push_back(reinterpret_cast<intptr_t>(callback));
  Local<v8::Function> fn = FunctionTemplate::New(isolate, callback, Local<Value>(),
                                                 Local<v8::Signature>(), 0,
                                                 v8::ConstructorBehavior::kThrow)
                               ->GetFunction(context)
                               .ToLocalChecked();
  Local<String> key = OneByteString(isolate, name);
  fn->SetName(key);
  target->Set(context, key, fn).Check();
}

void SetConstant(Local<Context> context, Local<Object> target, const char* name, double value) {
  Isolate* isolate = context->GetIsolate();
  target->DefineOwnProperty(context, OneByteString(isolate, name), v8::Number::New(isolate, value),
                            static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontDelete))
      .Check();
}

void SetValue(Local<Context> context, Local<Object> target, const char* name, Local<Value> value) {
  target->Set(context, OneByteString(context->GetIsolate(), name), value).Check();
}

Local<FunctionTemplate> NewClass(Isolate* isolate, FunctionCallback callback, int internal_fields) {
  Installed().push_back(reinterpret_cast<intptr_t>(callback));
  Local<FunctionTemplate> t = FunctionTemplate::New(isolate, callback);
  t->InstanceTemplate()->SetInternalFieldCount(internal_fields);
  return t;
}

void SetProtoMethod(Isolate* isolate, Local<FunctionTemplate> t, const char* name,
                    FunctionCallback callback) {
  Installed().push_back(reinterpret_cast<intptr_t>(callback));
  Local<v8::Signature> sig = v8::Signature::New(isolate, t);
  Local<FunctionTemplate> m = FunctionTemplate::New(isolate, callback, Local<Value>(), sig, 0,
                                                    v8::ConstructorBehavior::kThrow);
  Local<String> key = OneByteString(isolate, name);
  m->SetClassName(key);
  t->PrototypeTemplate()->Set(key, m);
}

const std::vector<intptr_t>& InstalledCallbacks() { return Installed(); }

}  // namespace kiln
