// process.binding('os'): the system queries behind the `os` module, with
// Node's names and result shapes (internalBinding('os')). Results are read
// the way libuv 1.46 reads them on Linux (/proc files first, then syscalls).
// A failed query returns undefined (or a negative errno) and fills the
// trailing `ctx` object with { errno, code, syscall }; js_lib/os.js turns that
// into Node's SystemError (ERR_SYSTEM_ERROR).
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pwd.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "bindings/os_cpu_info.h"
#include "runtime/binding.h"

namespace kiln::bindings::os {

using v8::Array;
using v8::Boolean;
using v8::Context;
using v8::Float64Array;
using v8::FunctionCallbackInfo;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::Name;
using v8::Null;
using v8::Number;
using v8::Object;
using v8::String;
using v8::Value;

// ---- helpers ----------------------------------------------------------------

static Local<String> Utf8(Isolate* isolate, const char* s) {
  return String::NewFromUtf8(isolate, s).ToLocalChecked();
}

// Fills ctx as Node's CollectUVExceptionInfo does (the message is added in JS
// from libuv's table, keyed by errno).
static void CollectError(Isolate* isolate, Local<Value> ctx, int err, const char* syscall) {
  if (!ctx->IsObject()) return;
  Local<Context> context = isolate->GetCurrentContext();
  Local<Object> obj = ctx.As<Object>();
  obj->Set(context, OneByteString(isolate, "errno"), Integer::New(isolate, -err)).Check();
  obj->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, ErrnoCode(err))).Check();
  obj->Set(context, OneByteString(isolate, "syscall"), OneByteString(isolate, syscall)).Check();
}

// "MemTotal:" -> bytes, 0 when missing.
static uint64_t ReadMeminfo(const char* field) {
  std::string data;
  if (!Slurp("/proc/meminfo", &data)) return 0;
  size_t pos = data.find(field);
  if (pos == std::string::npos) return 0;
  uint64_t kb = 0;
  if (sscanf(data.c_str() + pos + strlen(field), " %" SCNu64, &kb) != 1) return 0;
  return kb * 1024;
}

// getpwuid_r for the effective user; 0 or an errno value.
static int GetPasswd(struct passwd* pwd, std::vector<char>* buf) {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  buf->resize(size > 0 ? size : 4096);
  struct passwd* result = nullptr;
  for (;;) {
    int r = getpwuid_r(geteuid(), pwd, buf->data(), buf->size(), &result);
    if (r == ERANGE && buf->size() < (1u << 20)) {
      buf->resize(buf->size() * 2);
      continue;
    }
    if (r != 0) return r;
    return result == nullptr ? ENOENT : 0;
  }
}

// ---- callbacks --------------------------------------------------------------

// getHostname(ctx) -> string
static void GetHostname(const FunctionCallbackInfo<Value>& args) {
  char buf[256];
  if (gethostname(buf, sizeof(buf)) != 0) {
    return CollectError(args.GetIsolate(), args[0], errno, "uv_os_gethostname");
  }
  buf[sizeof(buf) - 1] = '\0';
  args.GetReturnValue().Set(Utf8(args.GetIsolate(), buf));
}

// getOSInformation(ctx) -> [sysname, version, release, machine]
static void GetOSInformation(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  struct utsname info;
  if (uname(&info) != 0) return CollectError(isolate, args[0], errno, "uv_os_uname");
  Local<Value> values[] = {Utf8(isolate, info.sysname), Utf8(isolate, info.version),
                           Utf8(isolate, info.release), Utf8(isolate, info.machine)};
  args.GetReturnValue().Set(Array::New(isolate, values, 4));
}

// getHomeDirectory(ctx) -> $HOME when set (even if empty, as libuv), else the
// passwd entry.
static void GetHomeDirectory(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  const char* home = getenv("HOME");
  if (home != nullptr) return args.GetReturnValue().Set(Utf8(isolate, home));
  struct passwd pwd;
  std::vector<char> buf;
  int err = GetPasswd(&pwd, &buf);
  if (err != 0) return CollectError(isolate, args[0], err, "uv_os_homedir");
  args.GetReturnValue().Set(Utf8(isolate, pwd.pw_dir));
}

// getUserInfo(options, ctx) -> { uid, gid, username, homedir, shell } with a
// null prototype, strings as UTF-8 (os.js applies options.encoding).
static void GetUserInfo(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  struct passwd pwd;
  std::vector<char> buf;
  int err = GetPasswd(&pwd, &buf);
  if (err != 0) return CollectError(isolate, args[1], err, "uv_os_get_passwd");
  Local<Name> names[] = {OneByteString(isolate, "uid"), OneByteString(isolate, "gid"),
                         OneByteString(isolate, "username"), OneByteString(isolate, "homedir"),
                         OneByteString(isolate, "shell")};
  Local<Value> values[] = {
      Number::New(isolate, static_cast<double>(pwd.pw_uid)),
      Number::New(isolate, static_cast<double>(pwd.pw_gid)),
      Utf8(isolate, pwd.pw_name),
      Utf8(isolate, pwd.pw_dir),
      pwd.pw_shell != nullptr ? Utf8(isolate, pwd.pw_shell).As<Value>() : Null(isolate).As<Value>(),
  };
  args.GetReturnValue().Set(Object::New(isolate, Null(isolate), names, values, 5));
}

// getUptime(ctx) -> seconds since boot (fractional from /proc/uptime).
static void GetUptime(const FunctionCallbackInfo<Value>& args) {
  std::string data;
  double uptime;
  if (Slurp("/proc/uptime", &data) && sscanf(data.c_str(), "%lf", &uptime) == 1) {
    return args.GetReturnValue().Set(uptime);
  }
  struct timespec now;
  if (clock_gettime(CLOCK_BOOTTIME, &now) != 0) {
    return CollectError(args.GetIsolate(), args[0], errno, "uv_uptime");
  }
  args.GetReturnValue().Set(static_cast<double>(now.tv_sec));
}

// getLoadAvg(Float64Array(3)): fills the 1, 5 and 15 minute load averages.
static void GetLoadAvg(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsFloat64Array, "a Float64Array");
  Local<Float64Array> array = args[0].As<Float64Array>();
  if (array->Length() < 3) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE",
                          "The \"0\" argument must have a length of at least 3");
  }
  double avg[3] = {0, 0, 0};
  std::string data;
  if (!Slurp("/proc/loadavg", &data) ||
      sscanf(data.c_str(), "%lf %lf %lf", &avg[0], &avg[1], &avg[2]) != 3) {
    struct sysinfo info;
    if (sysinfo(&info) == 0) {
      for (int i = 0; i < 3; i++) avg[i] = static_cast<double>(info.loads[i]) / 65536.0;
    }
  }
  // SAFETY: Length() >= 3 was checked; CopyContents-free write through the
  // backing store at the view's offset.
  auto* out = reinterpret_cast<double*>(
      static_cast<char*>(array->Buffer()->GetBackingStore()->Data()) + array->ByteOffset());
  for (int i = 0; i < 3; i++) out[i] = avg[i];
}

// getTotalMem() / getFreeMem() -> bytes (MemTotal / MemAvailable).
static void GetTotalMem(const FunctionCallbackInfo<Value>& args) {
  uint64_t bytes = ReadMeminfo("MemTotal:");
  struct sysinfo info;
  if (bytes == 0 && sysinfo(&info) == 0) bytes = static_cast<uint64_t>(info.totalram) * info.mem_unit;
  args.GetReturnValue().Set(static_cast<double>(bytes));
}

static void GetFreeMem(const FunctionCallbackInfo<Value>& args) {
  uint64_t bytes = ReadMeminfo("MemAvailable:");
  struct sysinfo info;
  if (bytes == 0 && sysinfo(&info) == 0) bytes = static_cast<uint64_t>(info.freeram) * info.mem_unit;
  args.GetReturnValue().Set(static_cast<double>(bytes));
}

// getAvailableParallelism() -> CPUs this process may run on (at least 1).
static void GetAvailableParallelism(const FunctionCallbackInfo<Value>& args) {
  cpu_set_t set;
  CPU_ZERO(&set);
  long count = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set)
                                                           : sysconf(_SC_NPROCESSORS_ONLN);
  if (count < 1) count = 1;
  args.GetReturnValue().Set(static_cast<double>(count));
}

// getCPUs() -> [model, speed, user, nice, sys, idle, irq, ...] per CPU, times
// in ms; undefined when /proc/stat cannot be read.
static void GetCPUs(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::vector<CpuInfo> cpus;
  if (!ReadCpuInfo(&cpus)) return;
  std::vector<Local<Value>> result;
  result.reserve(cpus.size() * 7);
  for (const CpuInfo& cpu : cpus) {
    result.push_back(Utf8(isolate, cpu.model.c_str()));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.speed)));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.user)));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.nice)));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.sys)));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.idle)));
    result.push_back(Number::New(isolate, static_cast<double>(cpu.irq)));
  }
  args.GetReturnValue().Set(Array::New(isolate, result.data(), result.size()));
}

// getInterfaceAddresses(ctx) -> [name, address, netmask, family, mac,
// internal, scopeid, ...] for each address of each interface that is up and
// running; scopeid is -1 for IPv4.
static void GetInterfaceAddresses(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  struct ifaddrs* addrs;
  if (getifaddrs(&addrs) != 0) {
    return CollectError(isolate, args[0], errno, "uv_interface_addresses");
  }
  auto usable = [](const struct ifaddrs* ent) {
    return (ent->ifa_flags & IFF_UP) && (ent->ifa_flags & IFF_RUNNING) && ent->ifa_addr != nullptr;
  };
  // Hardware addresses come from the AF_PACKET entries; aliases ("eth0:1")
  // share their device's.
  std::map<std::string, std::string> macs;
  for (struct ifaddrs* ent = addrs; ent != nullptr; ent = ent->ifa_next) {
    if (!usable(ent) || ent->ifa_addr->sa_family != AF_PACKET) continue;
    const auto* sll = reinterpret_cast<const struct sockaddr_ll*>(ent->ifa_addr);
    char mac[18];
    snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", sll->sll_addr[0],
             sll->sll_addr[1], sll->sll_addr[2], sll->sll_addr[3], sll->sll_addr[4],
             sll->sll_addr[5]);
    macs[ent->ifa_name] = mac;
  }
  std::vector<Local<Value>> result;
  for (struct ifaddrs* ent = addrs; ent != nullptr; ent = ent->ifa_next) {
    if (!usable(ent) || ent->ifa_addr->sa_family == AF_PACKET) continue;
    int family = ent->ifa_addr->sa_family;
    char ip[INET6_ADDRSTRLEN] = "";
    char netmask[INET6_ADDRSTRLEN] = "";
    const char* family_name = "unknown";
    int32_t scopeid = -1;
    if (family == AF_INET) {
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(ent->ifa_addr)->sin_addr, ip, sizeof(ip));
      if (ent->ifa_netmask != nullptr) {
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(ent->ifa_netmask)->sin_addr, netmask,
                  sizeof(netmask));
      }
      family_name = "IPv4";
    } else if (family == AF_INET6) {
      auto* a6 = reinterpret_cast<sockaddr_in6*>(ent->ifa_addr);
      inet_ntop(AF_INET6, &a6->sin6_addr, ip, sizeof(ip));
      if (ent->ifa_netmask != nullptr) {
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(ent->ifa_netmask)->sin6_addr, netmask,
                  sizeof(netmask));
      }
      family_name = "IPv6";
      scopeid = static_cast<int32_t>(a6->sin6_scope_id);
    } else {
      snprintf(ip, sizeof(ip), "<unknown sa family>");
    }
    std::string name = ent->ifa_name;
    std::string mac = "00:00:00:00:00:00";
    std::string device = name.substr(0, name.find(':'));
    auto it = macs.find(device);
    if (it != macs.end()) mac = it->second;
    result.push_back(Utf8(isolate, name.c_str()));
    result.push_back(OneByteString(isolate, ip));
    result.push_back(OneByteString(isolate, netmask));
    result.push_back(OneByteString(isolate, family_name));
    result.push_back(OneByteString(isolate, mac.c_str()));
    result.push_back(Boolean::New(isolate, (ent->ifa_flags & IFF_LOOPBACK) != 0));
    result.push_back(Integer::New(isolate, scopeid));
  }
  freeifaddrs(addrs);
  args.GetReturnValue().Set(Array::New(isolate, result.data(), result.size()));
}

// setPriority(pid, priority, ctx) -> 0, or a negative errno (ctx filled).
static void SetPriority(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsInt32, "an int32");
  CHECK_ARG(args, 1, IsInt32, "an int32");
  Isolate* isolate = args.GetIsolate();
  int pid = args[0].As<Integer>()->Value();
  int priority = args[1].As<Integer>()->Value();
  int err = 0;
  if (priority < -20 || priority > 19) {
    err = EINVAL;
  } else if (setpriority(PRIO_PROCESS, pid, priority) != 0) {
    err = errno;
  }
  if (err != 0) CollectError(isolate, args[2], err, "uv_os_setpriority");
  args.GetReturnValue().Set(-err);
}

// getPriority(pid, ctx) -> nice value, or undefined (ctx filled).
static void GetPriority(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsInt32, "an int32");
  int pid = args[0].As<Integer>()->Value();
  errno = 0;
  int r = getpriority(PRIO_PROCESS, pid);
  if (r == -1 && errno != 0) {
    return CollectError(args.GetIsolate(), args[1], errno, "uv_os_getpriority");
  }
  args.GetReturnValue().Set(r);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  SetMethod(context, target, "getHostname", GetHostname);
  SetMethod(context, target, "getLoadAvg", GetLoadAvg);
  SetMethod(context, target, "getUptime", GetUptime);
  SetMethod(context, target, "getTotalMem", GetTotalMem);
  SetMethod(context, target, "getFreeMem", GetFreeMem);
  SetMethod(context, target, "getCPUs", GetCPUs);
  SetMethod(context, target, "getInterfaceAddresses", GetInterfaceAddresses);
  SetMethod(context, target, "getHomeDirectory", GetHomeDirectory);
  SetMethod(context, target, "getUserInfo", GetUserInfo);
  SetMethod(context, target, "setPriority", SetPriority);
  SetMethod(context, target, "getPriority", GetPriority);
  SetMethod(context, target, "getAvailableParallelism", GetAvailableParallelism);
  SetMethod(context, target, "getOSInformation", GetOSInformation);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  SetValue(context, target, "isBigEndian", v8::True(isolate));
#else
  SetValue(context, target, "isBigEndian", v8::False(isolate));
#endif
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(GetHostname);
  refs->Register(GetLoadAvg);
  refs->Register(GetUptime);
  refs->Register(GetTotalMem);
  refs->Register(GetFreeMem);
  refs->Register(GetCPUs);
  refs->Register(GetInterfaceAddresses);
  refs->Register(GetHomeDirectory);
  refs->Register(GetUserInfo);
  refs->Register(SetPriority);
  refs->Register(GetPriority);
  refs->Register(GetAvailableParallelism);
  refs->Register(GetOSInformation);
}

}  // namespace kiln::bindings::os
