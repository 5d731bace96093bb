// process.env: an object whose properties are the real environment. Reads
// and writes go straight to getenv/setenv, so child processes and native
// code see the same values. Created per run, never in the snapshot.
#include <time.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "runtime/binding.h"
#include "runtime/per_run.h"

extern char** environ;

namespace kiln {

using v8::Array;
using v8::Context;
using v8::Isolate;
using v8::Local;
using v8::Name;
using v8::Object;
using v8::PropertyCallbackInfo;
using v8::String;
using v8::Value;

static void TimeZoneChanged(Isolate* isolate, const char* key);

static void EnvGetter(Local<Name> property, const PropertyCallbackInfo<Value>& info) {
  if (!property->IsString()) return;  // symbols fall through to the object
  Isolate* isolate = info.GetIsolate();
  String::Utf8Value key(isolate, property);
  const char* v = getenv(*key);
  if (v != nullptr) info.GetReturnValue().Set(String::NewFromUtf8(isolate, v).ToLocalChecked());
}

static void EnvSetter(Local<Name> property, Local<Value> value,
                      const PropertyCallbackInfo<Value>& info) {
  Isolate* isolate = info.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  // Node stores String(key) = String(value): a symbol key or value throws
  // V8's TypeError, as in Node.
  Local<String> name, str;
  if (!property->ToString(context).ToLocal(&name) || !value->ToString(context).ToLocal(&str)) {
    return;
  }
  String::Utf8Value key(isolate, name), val(isolate, str);
  if (*key && (*key)[0] != '\0' && strchr(*key, '=') == nullptr) {
    setenv(*key, *val, 1);
    TimeZoneChanged(isolate, *key);
  }
  info.GetReturnValue().Set(value);
}

// Changing TZ must reach V8's cached time zone, as in Node.
static void TimeZoneChanged(Isolate* isolate, const char* key) {
  if (strcmp(key, "TZ") != 0) return;
  tzset();
  isolate->DateTimeConfigurationChangeNotification(Isolate::TimeZoneDetection::kRedetect);
}

// Object.defineProperty(process.env, ...) takes plain data descriptors only.
static void EnvDefiner(Local<Name> property, const v8::PropertyDescriptor& desc,
                       const PropertyCallbackInfo<Value>& info) {
  if (!property->IsString()) return;
  Isolate* isolate = info.GetIsolate();
  if (desc.has_get() || desc.has_set()) {
    return ThrowTypeError(isolate, "ERR_INVALID_OBJECT_DEFINE_PROPERTY",
                          "'process.env' does not accept an accessor(getter/setter) descriptor");
  }
  if (!desc.has_value() || !desc.has_writable() || !desc.writable() ||
      !desc.has_configurable() || !desc.configurable() || !desc.has_enumerable() ||
      !desc.enumerable()) {
    return ThrowTypeError(isolate, "ERR_INVALID_OBJECT_DEFINE_PROPERTY",
                          "'process.env' only accepts a configurable, writable, and enumerable "
                          "data descriptor");
  }
  EnvSetter(property, desc.value(), info);
}

static void EnvQuery(Local<Name> property, const PropertyCallbackInfo<v8::Integer>& info) {
  if (!property->IsString()) return;
  String::Utf8Value key(info.GetIsolate(), property);
  if (getenv(*key) != nullptr) info.GetReturnValue().Set(static_cast<int>(v8::None));
}

static void EnvDeleter(Local<Name> property, const PropertyCallbackInfo<v8::Boolean>& info) {
  if (!property->IsString()) return;
  String::Utf8Value key(info.GetIsolate(), property);
  unsetenv(*key);
  TimeZoneChanged(info.GetIsolate(), *key);
  info.GetReturnValue().Set(true);
}

static void EnvEnumerator(const PropertyCallbackInfo<Array>& info) {
  Isolate* isolate = info.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  int n = 0;
  for (char** e = environ; *e; e++) n++;
  Local<Array> keys = Array::New(isolate, n);
  int i = 0;
  for (char** e = environ; *e; e++) {
    const char* eq = strchr(*e, '=');
    int len = eq ? static_cast<int>(eq - *e) : static_cast<int>(strlen(*e));
    keys->Set(context, i++, String::NewFromUtf8(isolate, *e, v8::NewStringType::kNormal, len)
                                .ToLocalChecked()).Check();
  }
  info.GetReturnValue().Set(keys);
}

// Marks the objects CreateEnvObject makes (private symbols skip the
// interceptors).
static Local<v8::Private> EnvObjectKey(Isolate* isolate) {
  return v8::Private::ForApi(isolate, OneByteString(isolate, "kiln:processEnv"));
}

bool IsEnvObject(Local<Context> context, Local<Object> object) {
  return object->HasPrivate(context, EnvObjectKey(context->GetIsolate())).FromMaybe(false);
}

v8::MaybeLocal<Object> EnvToPlainObject(Local<Context> context, Local<Object> env) {
  Isolate* isolate = context->GetIsolate();
  Local<Array> keys;
  if (!env->GetOwnPropertyNames(context).ToLocal(&keys)) return {};
  Local<Object> copy = Object::New(isolate);
  for (uint32_t i = 0; i < keys->Length(); i++) {
    Local<Value> key, value;
    if (!keys->Get(context, i).ToLocal(&key) || !env->Get(context, key).ToLocal(&value) ||
        copy->Set(context, key, value).IsNothing()) {
      return {};
    }
  }
  return copy;
}

Local<Object> CreateEnvObject(Local<Context> context) {
  Isolate* isolate = context->GetIsolate();
  Local<v8::ObjectTemplate> t = v8::ObjectTemplate::New(isolate);
  t->SetHandler(v8::NamedPropertyHandlerConfiguration(
      EnvGetter, EnvSetter, EnvQuery, EnvDeleter, EnvEnumerator, EnvDefiner, nullptr,
      Local<Value>(), v8::PropertyHandlerFlags::kHasNoSideEffect));
  Local<Object> env = t->NewInstance(context).ToLocalChecked();
  env->SetPrivate(context, EnvObjectKey(isolate), v8::True(isolate)).Check();
  return env;
}

}  // namespace kiln
