// process.binding('module_wrap'): ES modules on V8's Module API, for the
// loader in js_lib/internal/modules/esm. JS resolves specifiers and reads
// files; this file compiles source text modules, makes synthetic ones
// (CommonJS, builtins, JSON) whose exports JS sets when V8 evaluates them,
// links each module to the modules JS found for its requests, instantiates
// and evaluates. V8's import() and import.meta callbacks (module_wrap.h) go
// to hooks.importModuleDynamically and hooks.initializeImportMeta.
//
//   new ModuleWrap(url, source[, lineOffset, columnOffset])   source text
//   new ModuleWrap(url, exportNames, evaluate)                 synthetic; V8
//       calls evaluate() with `this` the wrap, which calls setExport()
//   getRequests() -> [[specifier, attributes], ...]  in source order
//   link(wraps)        wraps[i] answers getRequests()[i]
//   instantiate(), evaluate() -> promise, getNamespace(), getStatus(),
//   getError(), isGraphAsync(), setExport(name, value)
#include "bindings/module_wrap.h"

#include <map>
#include <string>
#include <unordered_map>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::module_wrap {

using v8::Array;
using v8::Context;
using v8::Data;
using v8::FixedArray;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Global;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Module;
using v8::ModuleRequest;
using v8::Object;
using v8::Promise;
using v8::ScriptCompiler;
using v8::ScriptOrigin;
using v8::String;
using v8::TryCatch;
using v8::Value;

namespace {

// Internal field 1 of every wrap object holds &kTag: how a ModuleWrap is told
// from other objects passed in by user code.
alignas(8) char kTag;  // aligned: V8 stores only aligned pointers
enum { kWrapField, kTagField, kFieldCount };

// The key under which a request's module is linked: the specifier and the
// import assertions, as V8 tells requests apart. `assertions` is either
// [key, value, offset, ...] (stride 3) or [key, value, ...] (stride 2).
std::string RequestKey(Isolate* isolate, Local<Context> context, Local<String> specifier,
                       Local<FixedArray> assertions, int stride) {
  String::Utf8Value spec(isolate, specifier);
  std::string key(*spec, spec.length());
  for (int i = 0; i + 1 < assertions->Length(); i += stride) {
    Local<Data> k = assertions->Get(context, i), v = assertions->Get(context, i + 1);
    if (!k->IsValue() || !v->IsValue()) continue;
    String::Utf8Value ks(isolate, k.As<Value>()), vs(isolate, v.As<Value>());
    key += '\0';
    key.append(*ks, ks.length());
    key += '=';
    key.append(*vs, vs.length());
  }
  return key;
}

class ModuleWrap {
 public:
  ModuleWrap(Isolate* isolate, Local<Object> object, Local<Module> module)
      : module_(isolate, module), object_(isolate, object), hash_(module->GetIdentityHash()) {
    object->SetAlignedPointerInInternalField(kWrapField, this);
    object->SetAlignedPointerInInternalField(kTagField, &kTag);
    object_.SetWeak(this, OnGC, v8::WeakCallbackType::kParameter);
    ByHash().emplace(hash_, this);
  }

  // Null unless `v` is a wrap object.
  static ModuleWrap* FromValue(Local<Value> v) {
    if (!v->IsObject()) return nullptr;
    Local<Object> o = v.As<Object>();
    if (o->InternalFieldCount() != kFieldCount ||
        o->GetAlignedPointerFromInternalField(kTagField) != &kTag)
      return nullptr;
    return static_cast<ModuleWrap*>(o->GetAlignedPointerFromInternalField(kWrapField));
  }

  static ModuleWrap* FromModule(Isolate* isolate, Local<Module> module) {
    auto range = ByHash().equal_range(module->GetIdentityHash());
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second->module_.Get(isolate) == module) return it->second;
    }
    return nullptr;
  }

  Local<Module> module(Isolate* isolate) const { return module_.Get(isolate); }
  Local<Object> object(Isolate* isolate) const { return object_.Get(isolate); }

  Global<Function> evaluate_;                      // synthetic modules only
  std::map<std::string, Global<Module>> linked_;   // RequestKey -> module

 private:
  // One isolate per process: the module -> wrap index is process-wide. Lives
  // until exit, so never destroyed (no exit-time destructor order issues).
  static std::unordered_multimap<int, ModuleWrap*>& ByHash() {
    static thread_local auto* map = new std::unordered_multimap<int, ModuleWrap*>();
    return *map;
  }

  static void OnGC(const v8::WeakCallbackInfo<ModuleWrap>& info) {
    ModuleWrap* self = info.GetParameter();
    auto range = ByHash().equal_range(self->hash_);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second == self) {
        ByHash().erase(it);
        break;
      }
    }
    delete self;
  }

  Global<Module> module_;
  Global<Object> object_;
  int hash_;
};

void ThrowError(Isolate* isolate, const char* code, const char* message) {
  Local<Context> context = isolate->GetCurrentContext();
  Local<Object> e = v8::Exception::Error(OneByteString(isolate, message)).As<Object>();
  e->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, code)).Check();
  isolate->ThrowException(e);
}

ModuleWrap* This(const FunctionCallbackInfo<Value>& args) {
  ModuleWrap* w = ModuleWrap::FromValue(args.This());
  if (w == nullptr) ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
  return w;
}

// The module of `this`; false (an exception pending) if `this` is no wrap.
bool ThisModule(const FunctionCallbackInfo<Value>& args, Local<Module>* module) {
  ModuleWrap* w = This(args);
  if (w == nullptr) return false;
  *module = w->module(args.GetIsolate());
  return true;
}

// V8 calls this while evaluating a synthetic module: runs its JS evaluate().
MaybeLocal<Value> SyntheticEvaluationSteps(Local<Context> context, Local<Module> module) {
  Isolate* isolate = context->GetIsolate();
  ModuleWrap* w = ModuleWrap::FromModule(isolate, module);
  if (w == nullptr || w->evaluate_.IsEmpty()) {
    ThrowError(isolate, "ERR_INTERNAL_ASSERTION", "synthetic module without a wrap");
    return {};
  }
  if (w->evaluate_.Get(isolate)->Call(context, w->object(isolate), 0, nullptr).IsEmpty())
    return {};
  Local<Promise::Resolver> resolver;
  if (!Promise::Resolver::New(context).ToLocal(&resolver) ||
      resolver->Resolve(context, v8::Undefined(isolate)).IsNothing())
    return {};
  return resolver->GetPromise();
}

// new ModuleWrap(url, source[, lineOffset, columnOffset])
// new ModuleWrap(url, exportNames, evaluate)
void New(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall())
    return ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                          "Class constructor ModuleWrap cannot be invoked without 'new'");
  CHECK_ARG(args, 0, IsString, "of type string");
  Local<Context> context = isolate->GetCurrentContext();
  Local<String> url = args[0].As<String>();
  Local<Module> module;
  if (args[1]->IsString()) {
    int line = args[2]->IsInt32() ? args[2].As<v8::Int32>()->Value() : 0;
    int column = args[3]->IsInt32() ? args[3].As<v8::Int32>()->Value() : 0;
    ScriptOrigin origin(isolate, url, line, column, false, -1, Local<Value>(), false, false,
                        true /* is_module */);
    ScriptCompiler::Source source(args[1].As<String>(), origin);
    if (!ScriptCompiler::CompileModule(isolate, &source).ToLocal(&module)) return;
  } else if (args[1]->IsArray() && args[2]->IsFunction()) {
    Local<Array> list = args[1].As<Array>();
    std::vector<Local<String>> names;
    for (uint32_t i = 0; i < list->Length(); i++) {
      Local<Value> name;
      if (!list->Get(context, i).ToLocal(&name)) return;
      if (!name->IsString())
        return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "export names must be strings");
      for (Local<String> seen : names) {
        if (seen->StringEquals(name.As<String>()))
          return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "duplicate export name");
      }
      names.push_back(name.As<String>());
    }
    module = Module::CreateSyntheticModule(isolate, url, names, SyntheticEvaluationSteps);
  } else {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "The \"1\" argument must be a string or an array of export names");
  }
  ModuleWrap* w = new ModuleWrap(isolate, args.This(), module);
  if (module->IsSyntheticModule()) w->evaluate_.Reset(isolate, args[2].As<Function>());
}

// getRequests() -> [[specifier, attributes], ...]
void GetRequests(const FunctionCallbackInfo<Value>& args) {
  ModuleWrap* w = This(args);
  if (w == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  Local<FixedArray> requests = w->module(isolate)->GetModuleRequests();
  Local<Array> out = Array::New(isolate, requests->Length());
  for (int i = 0; i < requests->Length(); i++) {
    Local<ModuleRequest> req = requests->Get(context, i).As<ModuleRequest>();
    Local<FixedArray> assertions = req->GetImportAssertions();
    Local<Object> attrs = Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
    for (int j = 0; j + 1 < assertions->Length(); j += 3) {
      Local<Data> k = assertions->Get(context, j), v = assertions->Get(context, j + 1);
      if (k->IsValue() && v->IsValue() &&
          attrs->CreateDataProperty(context, k.As<v8::Name>(), v.As<Value>()).IsNothing())
        return;
    }
    Local<Value> pair[] = {req->GetSpecifier(), attrs};
    if (out->Set(context, i, Array::New(isolate, pair, 2)).IsNothing()) return;
  }
  args.GetReturnValue().Set(out);
}

// link(wraps): wraps[i] is the module for getRequests()[i].
void Link(const FunctionCallbackInfo<Value>& args) {
  ModuleWrap* w = This(args);
  if (w == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsArray, "an Array");
  Local<Context> context = isolate->GetCurrentContext();
  Local<Array> list = args[0].As<Array>();
  Local<FixedArray> requests = w->module(isolate)->GetModuleRequests();
  if (static_cast<int>(list->Length()) != requests->Length())
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "one module per request expected");
  std::map<std::string, Global<Module>> linked;
  for (int i = 0; i < requests->Length(); i++) {
    Local<Value> v;
    if (!list->Get(context, i).ToLocal(&v)) return;
    ModuleWrap* dep = ModuleWrap::FromValue(v);
    if (dep == nullptr)
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "link() takes ModuleWraps");
    Local<ModuleRequest> req = requests->Get(context, i).As<ModuleRequest>();
    std::string key =
        RequestKey(isolate, context, req->GetSpecifier(), req->GetImportAssertions(), 3);
    linked[key].Reset(isolate, dep->module(isolate));
  }
  w->linked_.swap(linked);
}

MaybeLocal<Module> ResolveCallback(Local<Context> context, Local<String> specifier,
                                   Local<FixedArray> assertions, Local<Module> referrer) {
  Isolate* isolate = context->GetIsolate();
  ModuleWrap* w = ModuleWrap::FromModule(isolate, referrer);
  if (w != nullptr) {
    auto it = w->linked_.find(RequestKey(isolate, context, specifier, assertions, 3));
    if (it != w->linked_.end()) return it->second.Get(isolate);
  }
  String::Utf8Value spec(isolate, specifier);
  std::string msg = std::string("request for '") + (*spec ? *spec : "") + "' is not linked";
  ThrowError(isolate, "ERR_VM_MODULE_LINK_FAILURE", msg.c_str());
  return {};
}

void Instantiate(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Module> module;
  if (!ThisModule(args, &module)) return;
  if (module->GetStatus() == Module::kErrored) {
    isolate->ThrowException(module->GetException());
    return;
  }
  bool ok;
  if (module->InstantiateModule(isolate->GetCurrentContext(), ResolveCallback).To(&ok))
    args.GetReturnValue().Set(ok);
}

// The module of `this` when it is at least instantiated; false (an
// exception pending) otherwise.
bool ThisInstantiated(const FunctionCallbackInfo<Value>& args, Local<Module>* module) {
  if (!ThisModule(args, module)) return false;
  if ((*module)->GetStatus() >= Module::kInstantiated) return true;
  ThrowError(args.GetIsolate(), "ERR_MODULE_NOT_INSTANTIATED", "Module is not instantiated");
  return false;
}

// evaluate() -> promise of the evaluation (settled already unless the graph
// has top-level await).
void Evaluate(const FunctionCallbackInfo<Value>& args) {
  Local<Module> module;
  Local<Value> result;
  if (ThisInstantiated(args, &module) &&
      module->Evaluate(args.GetIsolate()->GetCurrentContext()).ToLocal(&result))
    args.GetReturnValue().Set(result);
}

void GetNamespace(const FunctionCallbackInfo<Value>& args) {
  Local<Module> module;
  if (ThisInstantiated(args, &module)) args.GetReturnValue().Set(module->GetModuleNamespace());
}

void IsGraphAsync(const FunctionCallbackInfo<Value>& args) {
  Local<Module> module;
  if (ThisInstantiated(args, &module)) args.GetReturnValue().Set(module->IsGraphAsync());
}

void GetStatus(const FunctionCallbackInfo<Value>& args) {
  Local<Module> module;
  if (ThisModule(args, &module))
    args.GetReturnValue().Set(static_cast<int32_t>(module->GetStatus()));
}

// getError() -> the exception of a module that failed, else undefined.
void GetError(const FunctionCallbackInfo<Value>& args) {
  Local<Module> module;
  if (ThisModule(args, &module) && module->GetStatus() == Module::kErrored)
    args.GetReturnValue().Set(module->GetException());
}

// setExport(name, value): synthetic modules only, from their evaluate().
void SetExport(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Module> module;
  if (!ThisModule(args, &module)) return;
  CHECK_ARG(args, 0, IsString, "of type string");
  if (!module->IsSyntheticModule())
    return ThrowTypeError(isolate, "ERR_INVALID_STATE", "not a synthetic module");
  (void)module->SetSyntheticModuleExport(isolate, args[0].As<String>(), args[1]);
}

// ---- host callbacks -----------------------------------------------------------

MaybeLocal<Promise> ImportModuleDynamically(Local<Context> context, Local<Data>,
                                            Local<Value> resource_name,
                                            Local<String> specifier,
                                            Local<FixedArray> assertions) {
  Isolate* isolate = context->GetIsolate();
  Environment* env = Environment::Get(isolate);
  Local<Function> hook;
  if (env != nullptr) hook = env->import_module_dynamically();
  if (hook.IsEmpty()) {
    ThrowError(isolate, "ERR_UNSUPPORTED_OPERATION", "import() is not available yet");
    return {};
  }
  Local<Object> attrs = Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
  for (int i = 0; i + 1 < assertions->Length(); i += 2) {
    Local<Data> k = assertions->Get(context, i), v = assertions->Get(context, i + 1);
    if (k->IsValue() && v->IsValue() &&
        attrs->CreateDataProperty(context, k.As<v8::Name>(), v.As<Value>()).IsNothing())
      return {};
  }
  if (resource_name.IsEmpty()) resource_name = v8::Undefined(isolate);
  Local<Value> argv[] = {specifier, resource_name, attrs};
  Local<Value> result;
  if (!hook->Call(context, v8::Undefined(isolate), 3, argv).ToLocal(&result)) return {};
  if (result->IsPromise()) return result.As<Promise>();
  Local<Promise::Resolver> resolver;
  if (!Promise::Resolver::New(context).ToLocal(&resolver) ||
      resolver->Resolve(context, result).IsNothing())
    return {};
  return resolver->GetPromise();
}

void InitializeImportMeta(Local<Context> context, Local<Module> module, Local<Object> meta) {
  Isolate* isolate = context->GetIsolate();
  Environment* env = Environment::Get(isolate);
  ModuleWrap* w = ModuleWrap::FromModule(isolate, module);
  if (env == nullptr || w == nullptr || env->initialize_import_meta().IsEmpty()) return;
  Local<Value> argv[] = {meta, w->object(isolate)};
  // V8 gives this callback no way to fail: an exception here is dropped.
  TryCatch try_catch(isolate);
  (void)env->initialize_import_meta()->Call(context, v8::Undefined(isolate), 2, argv);
}

}  // namespace

void SetIsolateCallbacks(Isolate* isolate) {
  isolate->SetHostImportModuleDynamicallyCallback(ImportModuleDynamically);
  isolate->SetHostInitializeImportMetaObjectCallback(InitializeImportMeta);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<v8::FunctionTemplate> t = NewClass(isolate, New, kFieldCount);
  t->SetClassName(OneByteString(isolate, "ModuleWrap"));
  SetProtoMethod(isolate, t, "getRequests", GetRequests);
  SetProtoMethod(isolate, t, "link", Link);
  SetProtoMethod(isolate, t, "instantiate", Instantiate);
  SetProtoMethod(isolate, t, "evaluate", Evaluate);
  SetProtoMethod(isolate, t, "getNamespace", GetNamespace);
  SetProtoMethod(isolate, t, "getStatus", GetStatus);
  SetProtoMethod(isolate, t, "getError", GetError);
  SetProtoMethod(isolate, t, "isGraphAsync", IsGraphAsync);
  SetProtoMethod(isolate, t, "setExport", SetExport);
  SetValue(context, target, "ModuleWrap", t->GetFunction(context).ToLocalChecked());
  SetConstant(context, target, "kUninstantiated", Module::kUninstantiated);
  SetConstant(context, target, "kInstantiating", Module::kInstantiating);
  SetConstant(context, target, "kInstantiated", Module::kInstantiated);
  SetConstant(context, target, "kEvaluating", Module::kEvaluating);
  SetConstant(context, target, "kEvaluated", Module::kEvaluated);
  SetConstant(context, target, "kErrored", Module::kErrored);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(GetRequests);
  r->Register(Link);
  r->Register(Instantiate);
  r->Register(Evaluate);
  r->Register(GetNamespace);
  r->Register(GetStatus);
  r->Register(GetError);
  r->Register(IsGraphAsync);
  r->Register(SetExport);
}

}  // namespace kiln::bindings::module_wrap
