#include "runtime/per_run.h"

#include <limits.h>
#include <unistd.h>

#include <string>

#include "runtime/binding.h"

namespace kiln {

using v8::Array;
using v8::Context;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;

static Local<String> Str(Isolate* isolate, const std::string& s) {
  return String::NewFromUtf8(isolate, s.data(), v8::NewStringType::kNormal,
                             static_cast<int>(s.size()))
      .ToLocalChecked();
}

static Local<Array> StrArray(Local<Context> context, const std::vector<std::string>& v) {
  Isolate* isolate = context->GetIsolate();
  Local<Array> a = Array::New(isolate, static_cast<int>(v.size()));
  for (size_t i = 0; i < v.size(); i++) a->Set(context, i, Str(isolate, v[i])).Check();
  return a;
}

static std::string ExecPath(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, n);
  return argv0;
}

Local<Object> CreateRunInfo(Local<Context> context, const Options& options, const char* argv0) {
  Isolate* isolate = context->GetIsolate();
  Local<Object> info = Object::New(isolate);
  std::string exec_path = ExecPath(argv0);
  // argv as Node builds it: [execPath, script?, ...args]; the script path is
  // made absolute in JS (it resolves it anyway).
  std::vector<std::string> argv{exec_path};
  if (options.mode == Options::Mode::kScript || options.mode == Options::Mode::kStdin) {
    if (!options.script.empty()) argv.push_back(options.script);
  }
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  static const char* const kModes[] = {"script", "eval", "print", "stdin", "repl"};
  SetValue(context, info, "argv", StrArray(context, argv));
  SetValue(context, info, "execArgv", StrArray(context, options.exec_argv));
  SetValue(context, info, "options", StrArray(context, options.options));
  SetValue(context, info, "execPath", Str(isolate, exec_path));
  SetValue(context, info, "argv0", Str(isolate, argv0));
  SetValue(context, info, "pid", v8::Integer::New(isolate, getpid()));
  SetValue(context, info, "env", CreateEnvObject(context));
  SetValue(context, info, "mode", OneByteString(isolate, kModes[static_cast<int>(options.mode)]));
  SetValue(context, info, "source", Str(isolate, options.eval_source));
  SetValue(context, info, "interactive", v8::Boolean::New(isolate, options.interactive));
  SetValue(context, info, "check", v8::Boolean::New(isolate, options.check));
  return info;
}

}  // namespace kiln
