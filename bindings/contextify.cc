// process.binding('contextify'): compiling and running code, in the main
// context (the CommonJS loader, -e/-p, the REPL) and for the vm module:
//   compileFunction    a function whose body is `code` (the CJS wrapper and
//                      vm.compileFunction), optionally in another context
//   ContextifyScript   a compiled script that can run in any context
//   makeContext        a new V8 context whose global forwards to a sandbox
// A contextified sandbox carries, under a private symbol, the new context's
// global proxy; the context keeps the sandbox in its embedder data. Both are
// ordinary heap references, so the pair is collected together.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <zlib.h>

#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/errors.h"

namespace kiln::bindings::contextify {

using v8::Array;
using v8::Boolean;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Name;
using v8::Object;
using v8::ObjectTemplate;
using v8::Private;
using v8::PropertyAttribute;
using v8::PropertyCallbackInfo;
using v8::PropertyDescriptor;
using v8::ScriptCompiler;
using v8::ScriptOrigin;
using v8::String;
using v8::TryCatch;
using v8::UnboundScript;
using v8::Value;

// Embedder data slot of a vm context holding its sandbox object.
constexpr int kSandboxSlot = 1;

static Local<Private> PrivateKey(Isolate* isolate, const char* name) {
  return Private::ForApi(isolate, OneByteString(isolate, name));
}
static Local<Private> ContextKey(Isolate* isolate) {
  return PrivateKey(isolate, "kiln:contextify:context");
}

// ---- error decoration ---------------------------------------------------------
// Node prefixes the stack of an error thrown by vm code (when displayErrors)
// with "file:line\nsource\n   ^\n\n". The arrow is taken where the error was
// first seen (the innermost vm call) and applied once.
static void RememberArrow(Isolate* isolate, Local<Context> context, const TryCatch& try_catch) {
  Local<Value> err = try_catch.Exception();
  if (err.IsEmpty() || !err->IsObject() || try_catch.Message().IsEmpty()) return;
  Local<Object> obj = err.As<Object>();
  Local<Private> key = PrivateKey(isolate, "kiln:contextify:arrow");
  if (obj->HasPrivate(context, key).FromMaybe(true)) return;
  Local<String> arrow = GetErrorSource(isolate, context, try_catch.Message());
  (void)obj->SetPrivate(context, key, arrow);
}

static void DecorateError(Isolate* isolate, Local<Context> context, Local<Value> err) {
  if (!err->IsObject()) return;
  Local<Object> obj = err.As<Object>();
  Local<Private> decorated = PrivateKey(isolate, "kiln:contextify:decorated");
  Local<Value> arrow, stack;
  if (obj->HasPrivate(context, decorated).FromMaybe(true) ||
      !obj->GetPrivate(context, PrivateKey(isolate, "kiln:contextify:arrow")).ToLocal(&arrow) ||
      !arrow->IsString() || arrow.As<String>()->Length() == 0)
    return;
  TryCatch ignore(isolate);  // a throwing `stack` getter leaves the error as it is
  if (!obj->Get(context, OneByteString(isolate, "stack")).ToLocal(&stack) || !stack->IsString())
    return;
  Local<String> text = String::Concat(
      isolate, String::Concat(isolate, arrow.As<String>(), OneByteString(isolate, "\n")),
      stack.As<String>());
  if (obj->Set(context, OneByteString(isolate, "stack"), text).FromMaybe(false))
    (void)obj->SetPrivate(context, decorated, v8::True(isolate));
}

// isDecorated(err): whether the stack already starts with the source arrow.
static void IsDecorated(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  bool r = args[0]->IsObject() &&
           args[0].As<Object>()
               ->HasPrivate(isolate->GetCurrentContext(),
                            PrivateKey(isolate, "kiln:contextify:decorated"))
               .FromMaybe(false);
  args.GetReturnValue().Set(r);
}

// After a failed compile or run: remember where, decorate when asked, rethrow.
static void Rethrow(Isolate* isolate, Local<Context> context, TryCatch* try_catch,
                    bool display_errors) {
  if (try_catch->HasTerminated()) {
    try_catch->ReThrow();
    return;
  }
  RememberArrow(isolate, context, *try_catch);
  if (display_errors) DecorateError(isolate, context, try_catch->Exception());
  try_catch->ReThrow();
}

// ---- contexts -------------------------------------------------------------------
// The context of a contextified sandbox, or empty.
static MaybeLocal<Context> ContextOf(Isolate* isolate, Local<Value> sandbox) {
  if (!sandbox->IsObject()) return {};
  Local<Value> global;
  if (!sandbox.As<Object>()
           ->GetPrivate(isolate->GetCurrentContext(), ContextKey(isolate))
           .ToLocal(&global) ||
      !global->IsObject())
    return {};
  return global.As<Object>()->GetCreationContext();
}

// The vm context a global-object interceptor runs for, and its sandbox.
static bool SandboxOf(Local<Object> holder, Local<Context>* context, Local<Object>* sandbox) {
  if (!holder->GetCreationContext().ToLocal(context) ||
      (*context)->GetNumberOfEmbedderDataFields() <= kSandboxSlot)
    return false;
  Local<Value> s = (*context)->GetEmbedderData(kSandboxSlot);
  if (!s->IsObject()) return false;
  *sandbox = s.As<Object>();
  return true;
}

static void PropertyGetter(Local<Name> property, const PropertyCallbackInfo<Value>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  MaybeLocal<Value> maybe = sandbox->GetRealNamedProperty(context, property);
  if (maybe.IsEmpty()) maybe = context->Global()->GetRealNamedProperty(context, property);
  Local<Value> rv;
  if (maybe.ToLocal(&rv)) {
    if (rv == sandbox) rv = context->Global();
    info.GetReturnValue().Set(rv);
  }
}

static void PropertySetter(Local<Name> property, Local<Value> value,
                           const PropertyCallbackInfo<Value>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  PropertyAttribute attributes = PropertyAttribute::None;
  bool on_global =
      context->Global()->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  bool read_only = attributes & PropertyAttribute::ReadOnly;
  attributes = PropertyAttribute::None;
  bool on_sandbox = sandbox->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  read_only = read_only || (attributes & PropertyAttribute::ReadOnly);
  if (read_only) return;
  // `x = 5` (contextual) rather than `this.x = 5`: in strict mode an
  // undeclared name must throw, which V8 does when we do not intercept.
  bool contextual = context->Global() != info.This();
  bool declared = on_global || on_sandbox;
  if (!declared && info.ShouldThrowOnError() && contextual && !value->IsFunction()) return;
  if (!declared && property->IsSymbol()) return;
  if (sandbox->Set(context, property, value).IsNothing()) return;
  Local<Value> desc;
  if (on_sandbox && sandbox->GetOwnPropertyDescriptor(context, property).ToLocal(&desc) &&
      desc->IsObject()) {
    Isolate* isolate = info.GetIsolate();
    Local<Object> d = desc.As<Object>();
    if (d->HasOwnProperty(context, OneByteString(isolate, "get")).FromMaybe(false) ||
        d->HasOwnProperty(context, OneByteString(isolate, "set")).FromMaybe(false))
      info.GetReturnValue().Set(value);
  }
}

static void PropertyDescriptorCallback(Local<Name> property,
                                       const PropertyCallbackInfo<Value>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  if (sandbox->HasOwnProperty(context, property).FromMaybe(false)) {
    Local<Value> desc;
    if (sandbox->GetOwnPropertyDescriptor(context, property).ToLocal(&desc))
      info.GetReturnValue().Set(desc);
  }
}

static void PropertyDefiner(Local<Name> property, const PropertyDescriptor& desc,
                            const PropertyCallbackInfo<Value>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  Isolate* isolate = info.GetIsolate();
  PropertyAttribute attributes = PropertyAttribute::None;
  bool declared =
      context->Global()->GetRealNamedPropertyAttributes(context, property).To(&attributes);
  if (declared && (attributes & PropertyAttribute::ReadOnly)) return;
  auto define = [&](PropertyDescriptor* d) {
    if (desc.has_enumerable()) d->set_enumerable(desc.enumerable());
    if (desc.has_configurable()) d->set_configurable(desc.configurable());
    (void)sandbox->DefineProperty(context, property, *d);
  };
  if (desc.has_get() || desc.has_set()) {
    PropertyDescriptor d(desc.has_get() ? desc.get() : v8::Undefined(isolate).As<Value>(),
                         desc.has_set() ? desc.set() : v8::Undefined(isolate).As<Value>());
    define(&d);
  } else {
    Local<Value> value = desc.has_value() ? desc.value() : v8::Undefined(isolate).As<Value>();
    if (desc.has_writable()) {
      PropertyDescriptor d(value, desc.writable());
      define(&d);
    } else {
      PropertyDescriptor d(value);
      define(&d);
    }
  }
}

static void PropertyDeleter(Local<Name> property, const PropertyCallbackInfo<Boolean>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  if (sandbox->Delete(context, property).FromMaybe(false)) return;
  info.GetReturnValue().Set(false);  // not deletable on the sandbox: not on the global either
}

static void PropertyEnumerator(const PropertyCallbackInfo<Array>& info) {
  Local<Context> context;
  Local<Object> sandbox;
  if (!SandboxOf(info.Holder(), &context, &sandbox)) return;
  Local<Array> names;
  if (sandbox->GetPropertyNames(context).ToLocal(&names)) info.GetReturnValue().Set(names);
}

static Local<Name> IndexName(Isolate* isolate, uint32_t index) {
  return Integer::NewFromUnsigned(isolate, index)
      ->ToString(isolate->GetCurrentContext())
      .ToLocalChecked();
}
static void IndexedGetter(uint32_t index, const PropertyCallbackInfo<Value>& info) {
  PropertyGetter(IndexName(info.GetIsolate(), index), info);
}
static void IndexedSetter(uint32_t index, Local<Value> value,
                          const PropertyCallbackInfo<Value>& info) {
  PropertySetter(IndexName(info.GetIsolate(), index), value, info);
}
static void IndexedDescriptor(uint32_t index, const PropertyCallbackInfo<Value>& info) {
  PropertyDescriptorCallback(IndexName(info.GetIsolate(), index), info);
}
static void IndexedDefiner(uint32_t index, const PropertyDescriptor& desc,
                           const PropertyCallbackInfo<Value>& info) {
  PropertyDefiner(IndexName(info.GetIsolate(), index), desc, info);
}
static void IndexedDeleter(uint32_t index, const PropertyCallbackInfo<Boolean>& info) {
  PropertyDeleter(IndexName(info.GetIsolate(), index), info);
}

static Local<ObjectTemplate> GlobalTemplate(Isolate* isolate) {
  static thread_local Isolate* owner = nullptr;
  static thread_local v8::Eternal<ObjectTemplate> cached;
  if (owner == isolate) return cached.Get(isolate);
  Local<ObjectTemplate> t = ObjectTemplate::New(isolate);
  t->SetHandler(v8::NamedPropertyHandlerConfiguration(
      PropertyGetter, PropertySetter, PropertyDescriptorCallback, PropertyDeleter,
      PropertyEnumerator, PropertyDefiner, Local<Value>(),
      v8::PropertyHandlerFlags::kHasNoSideEffect));
  t->SetHandler(v8::IndexedPropertyHandlerConfiguration(
      IndexedGetter, IndexedSetter, IndexedDescriptor, IndexedDeleter, PropertyEnumerator,
      IndexedDefiner, Local<Value>(), v8::PropertyHandlerFlags::kHasNoSideEffect));
  owner = isolate;
  cached.Set(isolate, t);
  return t;
}

// The microtask queue of a context made with microtaskMode 'afterEvaluate',
// freed with the context's global proxy (which its native context keeps
// alive, so the context is unreachable by then too).
struct QueueHolder {
  std::unique_ptr<v8::MicrotaskQueue> queue;
  v8::Global<Object> global;
};
static void FreeQueue(const v8::WeakCallbackInfo<QueueHolder>& data) {
  delete data.GetParameter();
}

// Node removes V8's non-standard Intl.v8BreakIterator from every context
// (nodejs/node#14909); the main one: internal/bootstrap/node.js. Returns
// false if V8 threw.
static bool DeleteV8BreakIterator(Isolate* isolate, Local<Context> context) {
  Context::Scope scope(context);
  Local<Value> intl;
  if (!context->Global()->Get(context, OneByteString(isolate, "Intl")).ToLocal(&intl)) return false;
  if (!intl->IsObject()) return true;
  return intl.As<Object>()->Delete(context, OneByteString(isolate, "v8BreakIterator")).IsJust();
}

// makeContext(sandbox, name, allowStrings, ownMicrotaskQueue): contextifies `sandbox` (an object not yet a
// context). Returns nothing.
static void MakeContext(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsObject, "of type object");
  Local<Context> current = isolate->GetCurrentContext();
  Local<Object> sandbox = args[0].As<Object>();
  if (!ContextOf(isolate, sandbox).IsEmpty())
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "the sandbox is already a context");
  // A fresh context: the snapshot's default context is a plain V8 one.
  std::unique_ptr<v8::MicrotaskQueue> queue;
  if (args[3]->IsTrue())
    queue = v8::MicrotaskQueue::New(isolate, v8::MicrotasksPolicy::kExplicit);
  Local<Context> context = Context::New(isolate, nullptr, GlobalTemplate(isolate), {}, {},
                                        queue.get());
  if (context.IsEmpty()) return;  // out of memory: V8 threw
  if (queue) {
    auto* holder = new QueueHolder{std::move(queue), {}};
    holder->global.Reset(isolate, context->Global());
    holder->global.SetWeak(holder, FreeQueue, v8::WeakCallbackType::kParameter);
  }
  context->SetSecurityToken(current->GetSecurityToken());
  if (!DeleteV8BreakIterator(isolate, context)) return;
  // codeGeneration.strings: false makes eval and new Function throw EvalError.
  if (args[2]->IsFalse()) context->AllowCodeGenerationFromStrings(false);
  context->SetEmbedderData(kSandboxSlot, sandbox);
  if (sandbox->SetPrivate(current, ContextKey(isolate), context->Global()).IsNothing()) return;
}

// isContext(object)
static void IsContext(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsObject, "of type object");
  args.GetReturnValue().Set(!ContextOf(args.GetIsolate(), args[0]).IsEmpty());
}

// The context to run in: the current one for null/undefined, else the one a
// sandbox was contextified into (throws if it was not).
static bool TargetContext(Isolate* isolate, Local<Value> sandbox, Local<Context>* out) {
  if (sandbox->IsNullOrUndefined()) {
    *out = isolate->GetCurrentContext();
    return true;
  }
  if (ContextOf(isolate, sandbox).ToLocal(out)) return true;
  ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                 "The \"contextifiedObject\" argument must be an vm.Context");
  return false;
}

// ---- timeout ---------------------------------------------------------------------
// Terminates the isolate's JS if it is still running after `ms`.
class Watchdog {
 public:
  Watchdog(Isolate* isolate, int64_t ms) : isolate_(isolate) {
    if (ms <= 0) return;
    thread_ = std::thread([this, ms] {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return done_; })) {
        timed_out_ = true;
        isolate_->TerminateExecution();
      }
    });
  }
  ~Watchdog() { Stop(); }
  // Returns whether the timeout fired.
  bool Stop() {
    if (thread_.joinable()) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = true;
      }
      cv_.notify_one();
      thread_.join();
    }
    return timed_out_;
  }

 private:
  Isolate* isolate_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  bool timed_out_ = false;
};

static void ThrowTimeout(Isolate* isolate, int64_t ms) {
  Local<Context> context = isolate->GetCurrentContext();
  std::string msg = "Script execution timed out after " + std::to_string(ms) + "ms";
  Local<Object> err = v8::Exception::Error(OneByteString(isolate, msg.c_str())).As<Object>();
  (void)err->Set(context, OneByteString(isolate, "code"),
                 OneByteString(isolate, "ERR_SCRIPT_EXECUTION_TIMEOUT"));
  isolate->ThrowException(err);
}

// A copy of a cachedData view (into *bytes), for ScriptCompiler::Source to
// own; null for undefined.
static ScriptCompiler::CachedData* ReadCachedData(Local<Value> value, std::vector<uint8_t>* bytes) {
  if (!value->IsArrayBufferView()) return nullptr;
  Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
  bytes->resize(view->ByteLength());
  view->CopyContents(bytes->data(), bytes->size());
  return new ScriptCompiler::CachedData(bytes->data(), static_cast<int>(bytes->size()));
}

// What a compile reads: code, origin and, optionally, a code cache to consume.
struct CompileInput {
  std::vector<uint8_t> bytes;  // before `source`, which points into it
  ScriptCompiler::Source source;
  ScriptCompiler::CompileOptions options;
  CompileInput(Local<Value> code, const ScriptOrigin& origin, Local<Value> cached_data)
      : source(code.As<String>(), origin, ReadCachedData(cached_data, &bytes)),
        options(source.GetCachedData() ? ScriptCompiler::kConsumeCodeCache
                                       : ScriptCompiler::kNoCompileOptions) {}
  // Sets target.cachedDataRejected when a cache was given; false if that threw.
  bool ReportRejected(Isolate* isolate, Local<Context> context, Local<Object> target) {
    const ScriptCompiler::CachedData* data = source.GetCachedData();
    return data == nullptr || target
                                  ->Set(context, OneByteString(isolate, "cachedDataRejected"),
                                        Boolean::New(isolate, data->rejected))
                                  .IsJust();
  }
};

static Local<v8::Uint8Array> ToUint8Array(Isolate* isolate,
                                          const ScriptCompiler::CachedData* data) {
  size_t n = data ? data->length : 0;
  Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, n);
  if (n > 0) memcpy(ab->GetBackingStore()->Data(), data->data, n);
  return v8::Uint8Array::New(ab, 0, n);
}

// --abort-on-uncaught-exception: V8 aborts on a throw that only C++ catches.
// A SyntaxError from compiling vm code reaches JS (as Node's does), so it
// must not abort; other throws still do (Environment::ShouldAbortOnUncaughtException).
class NoAbortScope {
 public:
  explicit NoAbortScope(Isolate* isolate) : env_(Environment::Get(isolate)) {
    if (env_ != nullptr) env_->EnterNoAbortScope();
  }
  ~NoAbortScope() {
    if (env_ != nullptr) env_->ExitNoAbortScope();
  }
  NoAbortScope(const NoAbortScope&) = delete;
  NoAbortScope& operator=(const NoAbortScope&) = delete;

 private:
  Environment* env_;
};

// ---- compileFunction --------------------------------------------------------------
// Marks the functions compileFunction made for callers that pass the
// cachedData slot (the compile cache, vm): only of those can V8 make a code
// cache later (createFunctionCodeCache). The CommonJS loader's three-argument
// calls are not marked, which saves a property per module.
static Local<v8::Private> WrappedFunctionKey(Isolate* isolate) {
  return v8::Private::ForApi(isolate, OneByteString(isolate, "kiln:compileFunction"));
}

// compileFunction(code, filename, params[], lineOffset?, columnOffset?,
//                 parsingContext?, contextExtensions[]?, cachedData?,
//                 produceCachedData?) -> function
// With cachedData the function gets cachedDataRejected; with
// produceCachedData, cachedDataProduced and cachedData (a Uint8Array).
static void CompileFunction(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsString, "of type string");
  CHECK_ARG(args, 2, IsArray, "an Array");
  if (!args[3]->IsUndefined()) CHECK_ARG(args, 3, IsInt32, "an integer");
  if (!args[4]->IsUndefined()) CHECK_ARG(args, 4, IsInt32, "an integer");
  if (!args[6]->IsUndefined()) CHECK_ARG(args, 6, IsArray, "an Array");
  Local<Context> context;
  if (!TargetContext(isolate, args[5], &context)) return;
  Context::Scope scope(context);
  Local<Array> list = args[2].As<Array>();
  std::vector<Local<String>> params;
  for (uint32_t i = 0; i < list->Length(); i++) {
    Local<Value> p;
    if (!list->Get(context, i).ToLocal(&p)) return;
    if (!p->IsString())
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "params must be strings");
    params.push_back(p.As<String>());
  }
  std::vector<Local<Object>> extensions;
  if (args[6]->IsArray()) {
    Local<Array> ext = args[6].As<Array>();
    for (uint32_t i = 0; i < ext->Length(); i++) {
      Local<Value> e;
      if (!ext->Get(context, i).ToLocal(&e)) return;
      if (!e->IsObject())
        return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                              "contextExtensions must be objects");
      extensions.push_back(e.As<Object>());
    }
  }
  if (!args[7]->IsUndefined()) CHECK_ARG(args, 7, IsArrayBufferView, "an ArrayBufferView");
  int line = args[3]->IsInt32() ? args[3].As<v8::Int32>()->Value() : 0;
  int column = args[4]->IsInt32() ? args[4].As<v8::Int32>()->Value() : 0;
  CompileInput input(args[0], ScriptOrigin(isolate, args[1], line, column), args[7]);
  TryCatch try_catch(isolate);
  Local<Function> fn;
  NoAbortScope no_abort(isolate);
  if (!ScriptCompiler::CompileFunction(context, &input.source, params.size(), params.data(),
                                       extensions.size(), extensions.data(), input.options)
           .ToLocal(&fn)) {
    // The CJS loader (no lineOffset, which vm always passes) reports errors itself.
    if (!args[3]->IsUndefined()) return Rethrow(isolate, context, &try_catch, true);
    try_catch.ReThrow();
    return;
  }
  if (!input.ReportRejected(isolate, context, fn)) return;
  if (args.Length() > 7 &&
      fn->SetPrivate(context, WrappedFunctionKey(isolate), v8::True(isolate)).IsNothing())
    return;
  if (args[8]->IsTrue()) {
    std::unique_ptr<ScriptCompiler::CachedData> data(
        ScriptCompiler::CreateCodeCacheForFunction(fn));
    if (fn->Set(context, OneByteString(isolate, "cachedDataProduced"),
                Boolean::New(isolate, data != nullptr))
            .IsNothing() ||
        (data != nullptr &&
         fn->Set(context, OneByteString(isolate, "cachedData"), ToUint8Array(isolate, data.get()))
             .IsNothing()))
      return;
  }
  args.GetReturnValue().Set(fn);
}

// sourceHash(code) -> uint32: the CRC-32 of a string's code units as V8
// holds them (Latin-1 or UTF-16), with no UTF-8 transcoding: the compile
// cache checks that a module's source is the one its cache was made from,
// and names a module's cache file by its path's.
static void SourceHash(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  Local<String> code = args[0].As<String>();
  size_t length = code->Length();
  uLong crc = crc32_z(0, nullptr, 0);
  if (code->IsOneByte()) {
    std::vector<uint8_t> units(length);
    code->WriteOneByte(isolate, units.data(), 0, static_cast<int>(length), String::NO_NULL_TERMINATION);
    crc = crc32_z(crc, units.data(), length);
  } else {
    std::vector<uint16_t> units(length);
    code->Write(isolate, units.data(), 0, static_cast<int>(length), String::NO_NULL_TERMINATION);
    crc = crc32_z(crc, reinterpret_cast<const Bytef*>(units.data()), length * 2);
  }
  args.GetReturnValue().Set(static_cast<uint32_t>(crc));
}

// createFunctionCodeCache(fn) -> Uint8Array: V8's code cache of a function
// compileFunction made, with whatever of it has been compiled since (the
// compile cache writes one at exit, so it includes the functions a run used).
static void CreateFunctionCodeCache(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  // V8 aborts on any other function.
  Local<Value> wrapped;
  if (!args[0]->IsFunction() ||
      !args[0].As<Function>()->GetPrivate(context, WrappedFunctionKey(isolate)).ToLocal(&wrapped) ||
      !wrapped->IsTrue())
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "fn must be a function compileFunction returned");
  std::unique_ptr<ScriptCompiler::CachedData> data(
      ScriptCompiler::CreateCodeCacheForFunction(args[0].As<Function>()));
  args.GetReturnValue().Set(ToUint8Array(isolate, data.get()));
}

// runScript(code, filename) -> completion value
static void RunScript(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsString, "of type string");
  Local<Context> context = isolate->GetCurrentContext();
  ScriptOrigin origin(isolate, args[1]);
  ScriptCompiler::Source source(args[0].As<String>(), origin);
  Local<v8::Script> script;
  Local<Value> result;
  if (ScriptCompiler::Compile(context, &source).ToLocal(&script) &&
      script->Run(context).ToLocal(&result))
    args.GetReturnValue().Set(result);
}

// ---- ContextifyScript ---------------------------------------------------------------
// Owns the compiled script of one `new ContextifyScript`; freed with it.
struct ScriptHolder {
  v8::Global<UnboundScript> script;
  v8::Global<Object> self;
};

static void FreeHolder(const v8::WeakCallbackInfo<ScriptHolder>& data) {
  delete data.GetParameter();
}

static ScriptHolder* HolderOf(const FunctionCallbackInfo<Value>& args) {
  Local<Object> self = args.This();
  if (self->InternalFieldCount() < 1) return nullptr;
  return static_cast<ScriptHolder*>(self->GetAlignedPointerFromInternalField(0));
}

// new ContextifyScript(code, filename, lineOffset, columnOffset,
//                      cachedData?, produceCachedData)
static void NewScript(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall())
    return ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsString, "of type string");
  CHECK_ARG(args, 2, IsInt32, "an integer");
  CHECK_ARG(args, 3, IsInt32, "an integer");
  if (!args[4]->IsUndefined()) CHECK_ARG(args, 4, IsArrayBufferView, "an ArrayBufferView");
  Local<Context> context = isolate->GetCurrentContext();
  Local<Object> self = args.This();
  self->SetAlignedPointerInInternalField(0, nullptr);
  CompileInput input(args[0],
                     ScriptOrigin(isolate, args[1], args[2].As<v8::Int32>()->Value(),
                                  args[3].As<v8::Int32>()->Value()),
                     args[4]);
  TryCatch try_catch(isolate);
  Local<UnboundScript> script;
  NoAbortScope no_abort(isolate);
  if (!ScriptCompiler::CompileUnboundScript(isolate, &input.source, input.options)
           .ToLocal(&script))
    return Rethrow(isolate, context, &try_catch, true);
  if (!input.ReportRejected(isolate, context, self)) return;
  auto* holder = new ScriptHolder();
  holder->script.Reset(isolate, script);
  holder->self.Reset(isolate, self);
  holder->self.SetWeak(holder, FreeHolder, v8::WeakCallbackType::kParameter);
  self->SetAlignedPointerInInternalField(0, holder);
}

// script.createCachedData() -> Uint8Array
static void CreateCachedData(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  ScriptHolder* holder = HolderOf(args);
  if (holder == nullptr)
    return ThrowTypeError(isolate, "ERR_INVALID_THIS", "Value of \"this\" must be a Script");
  std::unique_ptr<ScriptCompiler::CachedData> data(
      ScriptCompiler::CreateCodeCache(holder->script.Get(isolate)));
  args.GetReturnValue().Set(ToUint8Array(isolate, data.get()));
}

// script.runInContext(sandbox|null, timeout, displayErrors) -> completion value
static void RunInContext(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  ScriptHolder* holder = HolderOf(args);
  if (holder == nullptr)
    return ThrowTypeError(isolate, "ERR_INVALID_THIS", "Value of \"this\" must be a Script");
  CHECK_ARG(args, 1, IsNumber, "of type number");
  CHECK_ARG(args, 2, IsBoolean, "of type boolean");
  Local<Context> context;
  if (!TargetContext(isolate, args[0], &context)) return;
  double ms = args[1].As<v8::Number>()->Value();
  // No timeout for NaN or <= 0; past ~292 years' worth of ms, the largest.
  int64_t timeout = ms > 0 ? (ms < 9.2e18 ? static_cast<int64_t>(ms) : INT64_MAX) : 0;
  bool display_errors = args[2]->IsTrue();
  Local<Context> caller = isolate->GetCurrentContext();
  Context::Scope scope(context);
  Local<v8::Script> script = holder->script.Get(isolate)->BindToCurrentContext();
  bool timed_out = false;
  {
    TryCatch try_catch(isolate);
    Local<Value> result;
    bool ok;
    {
      Watchdog watchdog(isolate, timeout);
      ok = script->Run(context).ToLocal(&result);
      // microtaskMode 'afterEvaluate': the context's own queue runs now,
      // under the same timeout.
      v8::MicrotaskQueue* queue = context->GetMicrotaskQueue();
      if (ok && queue != nullptr && queue != caller->GetMicrotaskQueue())
        queue->PerformCheckpoint(isolate);
      timed_out = watchdog.Stop();
    }
    if (!timed_out) {
      if (!ok) return Rethrow(isolate, context, &try_catch, display_errors);
      return args.GetReturnValue().Set(result);
    }
  }
  // Thrown outside the TryCatch, which would swallow it.
  isolate->CancelTerminateExecution();
  ThrowTimeout(isolate, timeout);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  SetMethod(context, target, "compileFunction", CompileFunction);
  SetMethod(context, target, "createFunctionCodeCache", CreateFunctionCodeCache);
  SetMethod(context, target, "sourceHash", SourceHash);
  SetMethod(context, target, "runScript", RunScript);
  SetMethod(context, target, "makeContext", MakeContext);
  SetMethod(context, target, "isContext", IsContext);
  SetMethod(context, target, "isDecorated", IsDecorated);
  Local<FunctionTemplate> t = NewClass(isolate, NewScript, 1);
  t->SetClassName(OneByteString(isolate, "ContextifyScript"));
  SetProtoMethod(isolate, t, "runInContext", RunInContext);
  SetProtoMethod(isolate, t, "createCachedData", CreateCachedData);
  SetValue(context, target, "ContextifyScript", t->GetFunction(context).ToLocalChecked());
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(CompileFunction);
  r->Register(CreateFunctionCodeCache);
  r->Register(SourceHash);
  r->Register(RunScript);
  r->Register(MakeContext);
  r->Register(IsContext);
  r->Register(IsDecorated);
  r->Register(NewScript);
  r->Register(RunInContext);
  r->Register(CreateCachedData);
  r->Register(PropertyGetter);
  r->Register(PropertySetter);
  r->Register(PropertyDescriptorCallback);
  r->Register(PropertyDefiner);
  r->Register(PropertyDeleter);
  r->Register(PropertyEnumerator);
  r->Register(IndexedGetter);
  r->Register(IndexedSetter);
  r->Register(IndexedDescriptor);
  r->Register(IndexedDefiner);
  r->Register(IndexedDeleter);
}

}  // namespace kiln::bindings::contextify
