// process.binding('report'): the native parts of process.report's
// diagnostic report (js_lib/internal/process/report.js builds the rest from
// the other bindings): glibc's versions, the resource limits, this thread's
// resource usage, the C++ stack and the loaded shared objects, in the shapes
// of Node's report.
#include <execinfo.h>
#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <sys/resource.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::report {

using v8::Array;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Number;
using v8::Object;
using v8::String;
using v8::Value;

static Local<String> Str(Isolate* isolate, const std::string& s) {
  return String::NewFromUtf8(isolate, s.c_str()).ToLocalChecked();
}

// glibcVersions() -> [runtime, compiler]
static void GlibcVersions(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Value> v[] = {
      Str(isolate, gnu_get_libc_version()),
      Str(isolate, std::to_string(__GLIBC__) + "." + std::to_string(__GLIBC_MINOR__))};
  args.GetReturnValue().Set(Array::New(isolate, v, 2));
}

// userLimits() -> { name: { soft, hard } }, values a number or "unlimited",
// as Node's report names and reads them.
static void UserLimits(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  static const struct { int resource; const char* name; } kLimits[] = {
      {RLIMIT_CORE, "core_file_size_blocks"},   {RLIMIT_DATA, "data_seg_size_kbytes"},
      {RLIMIT_FSIZE, "file_size_blocks"},       {RLIMIT_MEMLOCK, "max_locked_memory_bytes"},
      {RLIMIT_RSS, "max_memory_size_kbytes"},   {RLIMIT_NOFILE, "open_files"},
      {RLIMIT_STACK, "stack_size_bytes"},       {RLIMIT_CPU, "cpu_time_seconds"},
      {RLIMIT_NPROC, "max_user_processes"},     {RLIMIT_AS, "virtual_memory_kbytes"},
  };
  auto value = [isolate](rlim_t v) -> Local<Value> {
    if (v == RLIM_INFINITY) return Str(isolate, "unlimited");
    return Number::New(isolate, static_cast<double>(v));
  };
  Local<Object> out = Object::New(isolate);
  for (const auto& l : kLimits) {
    struct rlimit r;
    if (getrlimit(l.resource, &r) != 0) continue;
    Local<Object> limit = Object::New(isolate);
    SetValue(context, limit, "soft", value(r.rlim_cur));
    SetValue(context, limit, "hard", value(r.rlim_max));
    SetValue(context, out, l.name, limit);
  }
  args.GetReturnValue().Set(out);
}

// threadResourceUsage() -> [user s, system s, fs reads, fs writes] of this
// thread (the report's uvthreadResourceUsage), or undefined.
static void ThreadResourceUsage(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  struct rusage ru;
  if (getrusage(RUSAGE_THREAD, &ru) != 0) return;
  Local<Value> v[] = {
      Number::New(isolate, ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6),
      Number::New(isolate, ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6),
      Number::New(isolate, static_cast<double>(ru.ru_inblock)),
      Number::New(isolate, static_cast<double>(ru.ru_oublock))};
  args.GetReturnValue().Set(Array::New(isolate, v, 4));
}

// nativeStack() -> [{ pc, symbol }]: this thread's C++ frames, named as
// dladdr can ("name [object]", or " [object]" for symbols it cannot see).
static void NativeStack(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  void* frames[64];
  int n = backtrace(frames, 64);
  Local<Array> out = Array::New(isolate);
  for (int i = 0; i < n; i++) {
    char pc[32];
    snprintf(pc, sizeof(pc), "0x%016" PRIxPTR, reinterpret_cast<uintptr_t>(frames[i]));
    std::string symbol;
    Dl_info info;
    if (dladdr(frames[i], &info) != 0) {
      if (info.dli_sname != nullptr) {
        int status = 0;
        char* demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
        symbol = status == 0 && demangled != nullptr ? demangled : info.dli_sname;
        free(demangled);
      }
      if (info.dli_fname != nullptr) {
        std::string file = info.dli_fname;
        symbol += " [" + file.substr(file.rfind('/') + 1) + "]";
      }
    }
    Local<Object> frame = Object::New(isolate);
    SetValue(context, frame, "pc", Str(isolate, pc));
    SetValue(context, frame, "symbol", Str(isolate, symbol));
    out->Set(context, out->Length(), frame).Check();
  }
  args.GetReturnValue().Set(out);
}

// sharedObjects() -> [path]: the loaded objects with a name, in load order.
static void SharedObjects(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Array> out = Array::New(isolate);
  dl_iterate_phdr(
      [](struct dl_phdr_info* info, size_t, void* data) {
        if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') {
          auto* list = static_cast<Local<Array>*>(data);
          Isolate* isolate = Isolate::GetCurrent();
          (*list)->Set(isolate->GetCurrentContext(), (*list)->Length(),
                       Str(isolate, info->dlpi_name)).Check();
        }
        return 0;
      },
      &out);
  args.GetReturnValue().Set(out);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "glibcVersions", GlibcVersions);
  SetMethod(context, target, "userLimits", UserLimits);
  SetMethod(context, target, "threadResourceUsage", ThreadResourceUsage);
  SetMethod(context, target, "nativeStack", NativeStack);
  SetMethod(context, target, "sharedObjects", SharedObjects);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(GlibcVersions);
  refs->Register(UserLimits);
  refs->Register(ThreadResourceUsage);
  refs->Register(NativeStack);
  refs->Register(SharedObjects);
}

}  // namespace kiln::bindings::report
