// process.binding('process_methods'): the process-wide system calls behind
// process.cwd(), hrtime(), memoryUsage(), kill(), exit() and friends. JS
// (js_lib/internal/process/per_thread.js) validates and shapes the results.
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/loop.h"
#include "runtime/options.h"
#include "runtime/kiln.h"

#include <ev.h>
#include <llhttp.h>
#include <openssl/base.h>
#include <zlib.h>

namespace kiln::bindings::process_methods {

using v8::BigInt;
using v8::Context;
using v8::Float64Array;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

static void Cwd(const FunctionCallbackInfo<Value>& args) {
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof(buf)) == nullptr)
    return ThrowErrnoException(args.GetIsolate(), errno, "uv_cwd");
  args.GetReturnValue().Set(String::NewFromUtf8(args.GetIsolate(), buf).ToLocalChecked());
}

static void Chdir(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value path(args.GetIsolate(), args[0]);
  if (chdir(*path) != 0) {
    // Node: "ENOENT: no such file or directory, chdir /cwd -> 'x'"
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) == nullptr) cwd[0] = '\0';
    int err = errno;
    Local<Object> e = ErrnoException(args.GetIsolate(), err, "chdir", cwd, *path);
    args.GetIsolate()->ThrowException(e);
  }
}

// umask(mask) sets and returns the old mask; umask() only reads it.
static void Umask(const FunctionCallbackInfo<Value>& args) {
  mode_t old;
  if (args[0]->IsUint32()) {
    old = umask(static_cast<mode_t>(args[0].As<v8::Uint32>()->Value()));
  } else {
    old = umask(0);
    umask(old);
  }
  args.GetReturnValue().Set(static_cast<uint32_t>(old));
}

static uint64_t NowNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + ts.tv_nsec;
}

// hrtime(Uint32Array(3)): [sec_hi, sec_lo, nsec] with no allocation.
static void Hrtime(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsUint32Array, "a Uint32Array");
  Local<v8::Uint32Array> a = args[0].As<v8::Uint32Array>();
  if (a->Length() < 3) return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE", "need 3 slots");
  // SAFETY: length checked above; the buffer outlives this call.
  uint32_t* out = reinterpret_cast<uint32_t*>(
      static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) + a->ByteOffset());
  uint64_t t = NowNs();
  uint64_t sec = t / 1000000000u;
  out[0] = static_cast<uint32_t>(sec >> 32);
  out[1] = static_cast<uint32_t>(sec & 0xffffffff);
  out[2] = static_cast<uint32_t>(t % 1000000000u);
}

static void HrtimeBigInt(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(BigInt::NewFromUnsigned(args.GetIsolate(), NowNs()));
}

// Seconds since this process started (from the environment's time origin).
static void Uptime(const FunctionCallbackInfo<Value>& args) {
  Environment* env = Environment::Get(args.GetIsolate());
  uint64_t origin = env ? env->time_origin_ns() : NowNs();
  args.GetReturnValue().Set(static_cast<double>(NowNs() - origin) / 1e9);
}

// loopTiming() -> [loopStart, idleTime] in ms from the time origin, as
// Node's nodeTiming has them (loopStart -1 before the loop ran).
static void LoopTiming(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Environment* env = Environment::Get(isolate);
  uint64_t start = LoopStartNs();
  double loop_start = start == 0 || env == nullptr ? -1 : (start - env->time_origin_ns()) / 1e6;
  Local<Value> values[] = {v8::Number::New(isolate, loop_start),
                           v8::Number::New(isolate, LoopIdleNs() / 1e6)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

// allowedEnvFlags() -> the flags NODE_OPTIONS may carry (runtime/options.cc).
static void AllowedEnvFlags(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::vector<Local<Value>> values;
  for (const std::string& f : FlagsAllowedInNodeOptions()) values.push_back(OneByteString(isolate, f.c_str()));
  args.GetReturnValue().Set(v8::Array::New(isolate, values.data(), values.size()));
}

static size_t ReadRss() {
  FILE* f = fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  int n = fscanf(f, "%lu %lu", &size, &resident);
  fclose(f);
  return n == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

static void Rss(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(ReadRss()));
}

// memoryUsage(Float64Array(5)): rss, heapTotal, heapUsed, external, arrayBuffers.
static void MemoryUsage(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsFloat64Array, "a Float64Array");
  Local<Float64Array> a = args[0].As<Float64Array>();
  if (a->Length() < 5) return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE", "need 5 slots");
  v8::HeapStatistics s;
  args.GetIsolate()->GetHeapStatistics(&s);
  double* out = reinterpret_cast<double*>(
      static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) + a->ByteOffset());
  out[0] = static_cast<double>(ReadRss());
  out[1] = static_cast<double>(s.total_heap_size());
  out[2] = static_cast<double>(s.used_heap_size());
  out[3] = static_cast<double>(s.external_memory());
  out[4] = static_cast<double>(s.external_memory());
}

// cpuUsage(Float64Array(2)): user and system microseconds.
static void CpuUsage(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsFloat64Array, "a Float64Array");
  Local<Float64Array> a = args[0].As<Float64Array>();
  if (a->Length() < 2) return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE", "need 2 slots");
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return ThrowErrnoException(args.GetIsolate(), errno, "uv_getrusage");
  double* out = reinterpret_cast<double*>(
      static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) + a->ByteOffset());
  out[0] = ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec;
  out[1] = ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
}

// resourceUsage(Float64Array(16)) in Node's field order.
static void ResourceUsage(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsFloat64Array, "a Float64Array");
  Local<Float64Array> a = args[0].As<Float64Array>();
  if (a->Length() < 16) return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE", "need 16 slots");
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return ThrowErrnoException(args.GetIsolate(), errno, "uv_getrusage");
  double* o = reinterpret_cast<double*>(
      static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) + a->ByteOffset());
  o[0] = ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec;
  o[1] = ru.ru_stime.tv_sec * 1e6 + ru.ru_stime.tv_usec;
  o[2] = ru.ru_maxrss; o[3] = ru.ru_ixrss; o[4] = ru.ru_idrss; o[5] = ru.ru_isrss;
  o[6] = ru.ru_minflt; o[7] = ru.ru_majflt; o[8] = ru.ru_nswap; o[9] = ru.ru_inblock;
  o[10] = ru.ru_oublock; o[11] = ru.ru_msgsnd; o[12] = ru.ru_msgrcv; o[13] = ru.ru_nsignals;
  o[14] = ru.ru_nvcsw; o[15] = ru.ru_nivcsw;
}

// kill(pid, sig) -> 0 or -errno
static void Kill(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsInt32, "an integer");
  CHECK_ARG(args, 1, IsInt32, "an integer");
  int r = kill(args[0].As<v8::Int32>()->Value(), args[1].As<v8::Int32>()->Value());
  args.GetReturnValue().Set(r == 0 ? 0 : -errno);
}

static void Abort(const FunctionCallbackInfo<Value>&) {
  fflush(stdout);
  fflush(stderr);
  abort();
}

// reallyExit(code): JS already emitted 'exit'; flush stdio and end.
static void ReallyExit(const FunctionCallbackInfo<Value>& args) {
  int code = args[0]->IsInt32() ? args[0].As<v8::Int32>()->Value() : 0;
  Environment* env = Environment::Get(args.GetIsolate());
  if (env != nullptr) env->Exit(code);  // 'exit' already emitted: Exit won't re-emit
  if (env != nullptr && !env->is_main_thread()) return;  // ends only the worker
  _exit(code);
}

#define ID_GETTER(Name, call) \
  static void Name(const FunctionCallbackInfo<Value>& args) { \
    args.GetReturnValue().Set(static_cast<uint32_t>(call())); \
  }
ID_GETTER(GetUid, getuid)
ID_GETTER(GetEuid, geteuid)
ID_GETTER(GetGid, getgid)
ID_GETTER(GetEgid, getegid)
#undef ID_GETTER

static void GetPpid(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(static_cast<int32_t>(getppid()));
}

static void GetGroups(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  gid_t groups[NGROUPS_MAX];
  int n = getgroups(NGROUPS_MAX, groups);
  if (n < 0) return ThrowErrnoException(isolate, errno, "getgroups");
  Local<Context> context = isolate->GetCurrentContext();
  // As Node (libuv): the effective gid is always in the list.
  gid_t egid = getegid();
  bool has_egid = false;
  for (int i = 0; i < n; i++) has_egid = has_egid || groups[i] == egid;
  Local<v8::Array> a = v8::Array::New(isolate, n + (has_egid ? 0 : 1));
  for (int i = 0; i < n; i++)
    a->Set(context, i, v8::Integer::NewFromUnsigned(isolate, groups[i])).Check();
  if (!has_egid) a->Set(context, n, v8::Integer::NewFromUnsigned(isolate, egid)).Check();
  args.GetReturnValue().Set(a);
}

// The process title as `ps` shows it (prctl name, 15 bytes on Linux).
static void GetTitle(const FunctionCallbackInfo<Value>& args) {
  char name[17] = {0};
  prctl(PR_GET_NAME, name);
  args.GetReturnValue().Set(String::NewFromUtf8(args.GetIsolate(), name).ToLocalChecked());
}

static void SetTitle(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value title(args.GetIsolate(), args[0]);
  prctl(PR_SET_NAME, *title);
}

// process.versions: what this binary was built with.
static Local<Object> Versions(Local<Context> context) {
  Isolate* isolate = context->GetIsolate();
  Local<Object> v = Object::New(isolate);
  auto set = [&](const char* k, const std::string& s) {
    SetValue(context, v, k, String::NewFromUtf8(isolate, s.c_str()).ToLocalChecked());
  };
  set("node", KILN_NODE_VERSION);
  set("kiln", KILN_VERSION);
  set("v8", v8::V8::GetVersion());
  set("libev", std::to_string(EV_VERSION_MAJOR) + "." + std::to_string(EV_VERSION_MINOR));
  set("zlib", ZLIB_VERSION);
  set("boringssl", "api-" + std::to_string(BORINGSSL_API_VERSION));
  // The OpenSSL API level BoringSSL stands in for: packages and Node's
  // test/common treat a missing `openssl` as "no crypto".
  set("openssl", "3.0.0+boringssl");
  set("llhttp", std::to_string(LLHTTP_VERSION_MAJOR) + "." + std::to_string(LLHTTP_VERSION_MINOR) +
                    "." + std::to_string(LLHTTP_VERSION_PATCH));
  set("modules", "115");
  return v;
}

// Node's ErrnoException for a failed credential call: "EPERM, Operation
// not permitted" (strerror's text) with errno (positive), code and syscall.
static void ThrowCredentialError(Isolate* isolate, int err, const char* syscall) {
  Local<Context> context = isolate->GetCurrentContext();
  std::string message = std::string(ErrnoCode(err)) + ", " + strerror(err);
  Local<Object> e = v8::Exception::Error(OneByteString(isolate, message.c_str())).As<Object>();
  e->Set(context, OneByteString(isolate, "errno"), v8::Integer::New(isolate, err)).Check();
  e->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, ErrnoCode(err))).Check();
  e->Set(context, OneByteString(isolate, "syscall"), OneByteString(isolate, syscall)).Check();
  isolate->ThrowException(e);
}

// setuid(id) and friends: throw as Node's (JS resolves names to ids first).
#define ID_SETTER(Name, call) \
  static void Name(const FunctionCallbackInfo<Value>& args) { \
    CHECK_ARG(args, 0, IsUint32, "an unsigned integer"); \
    if (call(args[0].As<v8::Uint32>()->Value()) != 0) \
      ThrowCredentialError(args.GetIsolate(), errno, #call); \
  }
ID_SETTER(SetUid, setuid)
ID_SETTER(SetEuid, seteuid)
ID_SETTER(SetGid, setgid)
ID_SETTER(SetEgid, setegid)
#undef ID_SETTER

// userId(name) / groupId(name) -> id, or -1 if there is no such user/group.
static void UserId(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value name(args.GetIsolate(), args[0]);
  struct passwd pw, *result = nullptr;
  char buf[16384];
  getpwnam_r(*name, &pw, buf, sizeof(buf), &result);
  args.GetReturnValue().Set(result ? static_cast<double>(result->pw_uid) : -1.0);
}

static void GroupId(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value name(args.GetIsolate(), args[0]);
  struct group gr, *result = nullptr;
  char buf[16384];
  getgrnam_r(*name, &gr, buf, sizeof(buf), &result);
  args.GetReturnValue().Set(result ? static_cast<double>(result->gr_gid) : -1.0);
}

// setgroups(ids[]) -> 0 or -errno
static void SetGroups(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsArray, "an Array");
  Local<v8::Array> list = args[0].As<v8::Array>();
  Local<Context> context = args.GetIsolate()->GetCurrentContext();
  std::vector<gid_t> ids;
  for (uint32_t i = 0; i < list->Length() && i < NGROUPS_MAX; i++) {
    Local<Value> v;
    if (!list->Get(context, i).ToLocal(&v)) return;
    if (!v->IsUint32()) return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "group ids must be unsigned integers");
    ids.push_back(v.As<v8::Uint32>()->Value());
  }
  args.GetReturnValue().Set(setgroups(ids.size(), ids.data()) == 0 ? 0 : -errno);
}

// initgroups(uid, extraGid) -> 0 or -errno
static void InitGroups(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsUint32, "an unsigned integer");
  CHECK_ARG(args, 1, IsUint32, "an unsigned integer");
  struct passwd pw, *result = nullptr;
  char buf[16384];
  getpwuid_r(args[0].As<v8::Uint32>()->Value(), &pw, buf, sizeof(buf), &result);
  if (result == nullptr) return args.GetReturnValue().Set(-ENOENT);
  int r = initgroups(result->pw_name, args[1].As<v8::Uint32>()->Value());
  args.GetReturnValue().Set(r == 0 ? 0 : -errno);
}

// The entries of `list` that count as active (handles: only ref'd ones, as
// Node's HasRef filter): their names when `names`, else their JS objects.
static void ListActive(const FunctionCallbackInfo<Value>& args, const ActiveList& list,
                       bool names) {
  Isolate* isolate = args.GetIsolate();
  std::vector<Local<Value>> out;
  list.ForEach([&](ActiveResource* r) {
    if (!r->ResourceHasRef() || r->ResourceName() == nullptr) return;
    if (names) {
      out.push_back(OneByteString(isolate, r->ResourceName()));
      return;
    }
    Local<Object> obj = r->ResourceObject();
    if (!obj.IsEmpty()) out.push_back(obj);
  });
  args.GetReturnValue().Set(v8::Array::New(isolate, out.data(), out.size()));
}

// activeHandles(names) / activeRequests(names): arrays (empty without a run).
static void ActiveHandles(const FunctionCallbackInfo<Value>& args) {
  Environment* env = Environment::Get(args.GetIsolate());
  if (env == nullptr) return args.GetReturnValue().Set(v8::Array::New(args.GetIsolate()));
  ListActive(args, env->handles(), args[0]->IsTrue());
}
static void ActiveRequests(const FunctionCallbackInfo<Value>& args) {
  Environment* env = Environment::Get(args.GetIsolate());
  if (env == nullptr) return args.GetReturnValue().Set(v8::Array::New(args.GetIsolate()));
  ListActive(args, env->requests(), args[0]->IsTrue());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "activeHandles", ActiveHandles);
  SetMethod(context, target, "activeRequests", ActiveRequests);
  SetMethod(context, target, "setuid", SetUid);
  SetMethod(context, target, "seteuid", SetEuid);
  SetMethod(context, target, "setgid", SetGid);
  SetMethod(context, target, "setegid", SetEgid);
  SetMethod(context, target, "userId", UserId);
  SetMethod(context, target, "groupId", GroupId);
  SetMethod(context, target, "setgroups", SetGroups);
  SetMethod(context, target, "initgroups", InitGroups);
  SetValue(context, target, "versions", Versions(context));
  SetMethod(context, target, "cwd", Cwd);
  SetMethod(context, target, "chdir", Chdir);
  SetMethod(context, target, "umask", Umask);
  SetMethod(context, target, "hrtime", Hrtime);
  SetMethod(context, target, "hrtimeBigInt", HrtimeBigInt);
  SetMethod(context, target, "uptime", Uptime);
  SetMethod(context, target, "loopTiming", LoopTiming);
  SetMethod(context, target, "allowedEnvFlags", AllowedEnvFlags);
  SetMethod(context, target, "rss", Rss);
  SetMethod(context, target, "memoryUsage", MemoryUsage);
  SetMethod(context, target, "cpuUsage", CpuUsage);
  SetMethod(context, target, "resourceUsage", ResourceUsage);
  SetMethod(context, target, "kill", Kill);
  SetMethod(context, target, "abort", Abort);
  SetMethod(context, target, "reallyExit", ReallyExit);
  SetMethod(context, target, "getuid", GetUid);
  SetMethod(context, target, "geteuid", GetEuid);
  SetMethod(context, target, "getgid", GetGid);
  SetMethod(context, target, "getegid", GetEgid);
  SetMethod(context, target, "getppid", GetPpid);
  SetMethod(context, target, "getgroups", GetGroups);
  SetMethod(context, target, "getTitle", GetTitle);
  SetMethod(context, target, "setTitle", SetTitle);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Cwd); r->Register(Chdir); r->Register(Umask); r->Register(Hrtime);
  r->Register(HrtimeBigInt); r->Register(Uptime); r->Register(LoopTiming); r->Register(AllowedEnvFlags); r->Register(Rss); r->Register(MemoryUsage);
  r->Register(CpuUsage); r->Register(ResourceUsage); r->Register(Kill); r->Register(Abort);
  r->Register(ReallyExit); r->Register(GetUid); r->Register(GetEuid); r->Register(GetGid);
  r->Register(GetEgid); r->Register(GetPpid); r->Register(GetGroups); r->Register(GetTitle);
  r->Register(SetTitle); r->Register(SetUid); r->Register(SetEuid); r->Register(SetGid);
  r->Register(SetEgid); r->Register(UserId); r->Register(GroupId); r->Register(SetGroups);
  r->Register(InitGroups); r->Register(ActiveHandles); r->Register(ActiveRequests);
}

}  // namespace kiln::bindings::process_methods
