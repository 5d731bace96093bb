#include <libplatform/libplatform.h>
#include <fcntl.h>
#include <signal.h>

#include <cerrno>
#include <unistd.h>
#include <v8.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "bindings/module_wrap.h"
#include "runtime/binding.h"
#include "runtime/bootstrap.h"
#include "runtime/code_cache.h"
#include "runtime/environment.h"
#include "runtime/errors.h"
#include "runtime/kiln.h"
#include "runtime/loop.h"
#include "runtime/options.h"
#include "runtime/per_run.h"

// The blob snapshot/builder made at build time, embedded with .incbin.
extern "C" const char kiln_snapshot_blob[];
extern "C" const unsigned int kiln_snapshot_blob_len;
// The code caches snapshot/code_cache_builder made (runtime/builtins.h).
extern "C" const char kiln_code_cache[];
extern "C" const unsigned int kiln_code_cache_len;

namespace kiln {

using v8::Context;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

// V8's PromiseRejectCallback -> hooks.promiseRejectHandler(type, promise, reason).
static void OnPromiseReject(v8::PromiseRejectMessage message) {
  Local<v8::Promise> promise = message.GetPromise();
  Isolate* isolate = promise->GetIsolate();
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) return;
  Local<v8::Function> handler = env->promise_reject_handler();
  if (handler.IsEmpty()) return;
  Local<Value> value = message.GetValue();
  if (value.IsEmpty()) value = v8::Undefined(isolate);
  Local<Value> args[] = {v8::Integer::New(isolate, message.GetEvent()), promise, value};
  v8::TryCatch try_catch(isolate);
  (void)handler->Call(env->context(), v8::Undefined(isolate), 3, args);
}

// V8 asks before aborting on an uncaught exception (only under
// --abort-on-uncaught-exception): not while a capture callback takes them.
static bool ShouldAbortOnUncaughtException(Isolate* isolate) {
  Environment* env = Environment::Get(isolate);
  return env == nullptr || env->ShouldAbortOnUncaughtException();
}

// What every isolate that runs Kiln needs (worker isolates too).
static void ConfigureIsolate(Isolate* isolate) {
  isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate->SetPromiseRejectCallback(OnPromiseReject);
  isolate->SetAbortOnUncaughtExceptionCallback(ShouldAbortOnUncaughtException);
  bindings::module_wrap::SetIsolateCallbacks(isolate);  // import() and import.meta
}

// Sets V8's flags; anything V8 does not recognize is a usage error (exit 9).
static bool SetV8Flags(const Options& options, const char* argv0) {
  std::vector<char*> argv{const_cast<char*>(argv0)};
  for (const std::string& f : options.v8_flags) argv.push_back(const_cast<char*>(f.c_str()));
  int argc = static_cast<int>(argv.size());
  v8::V8::SetFlagsFromCommandLine(&argc, argv.data(), true);
  for (int i = 1; i < argc; i++) {
    fprintf(stderr, "%s: bad option: %s\n", argv0, argv[i]);
    return false;
  }
  return true;
}

int Start(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options)) return options.error_exit_code;
  switch (options.mode) {
    case Options::Mode::kVersion: printf("v%s\n", KILN_VERSION); return 0;
    case Options::Mode::kHelp: PrintHelp(); return 0;
    case Options::Mode::kV8Options: v8::V8::SetFlagsFromString("--help"); return 0;
    default: break;
  }
  SetDefaultV8Flags();  // first, so that a user's V8 flag can override them
  if (!SetV8Flags(options, argv[0])) return 9;
  // No script and a terminal on stdin: the REPL; otherwise read stdin.
  if (options.mode == Options::Mode::kStdin && options.script.empty() && isatty(0))
    options.mode = Options::Mode::kRepl;

  // As Node's PlatformInit: every signal gets its default action back, since
  // the parent may have left some ignored (a shell's `cmd &` ignores SIGINT)
  // and Ctrl-C or kill -INT must still end us; writes to a closed pipe
  // return EPIPE instead of killing us, and writes past RLIMIT_FSIZE fail
  // with EFBIG. SIGINT/SIGTERM keep their default action until JS listens.
  for (int sig = 1; sig < 32; sig++) {  // the standard signals, as Node's kMaxSignal
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    signal(sig, sig == SIGPIPE || sig == SIGXFSZ ? SIG_IGN : SIG_DFL);
  }
  // As Node's PlatformInit: a closed stdin/stdout/stderr is reopened on
  // /dev/null, so that the next open() cannot take fd 0-2 by accident.
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
        open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd) {
      abort();
    }
  }
  struct ev_loop* loop = ev_default_loop(EVFLAG_AUTO | EVFLAG_NOENV);

  // Two platform threads: background GC and compile tasks; more only add
  // startup cost on the machines we target.
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(2);
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();

  SetBuiltinCodeCache(kiln_code_cache, kiln_code_cache_len);
  v8::StartupData blob{kiln_snapshot_blob, static_cast<int>(kiln_snapshot_blob_len)};
  Isolate::CreateParams params;
  params.array_buffer_allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  // Heap limits from the machine's memory, as Node sizes them: V8's fixed
  // defaults (a 1.4 GB heap) also start the old generation small, and a
  // server allocating per request then runs a full GC every ~100 ms, each
  // dropping the optimized code of per-request closures.
  long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) {
    params.constraints.ConfigureDefaults(static_cast<uint64_t>(pages) * page_size, 0);
  }
  // snapshot/trainer links an empty blob: it bootstraps from the sources.
  if (kiln_snapshot_blob_len == 0) options.no_snapshot = true;
  if (!options.no_snapshot) {
    params.snapshot_blob = &blob;
    params.external_references = AllExternalReferences();
  }
  Isolate* isolate = Isolate::New(params);
  ConfigureIsolate(isolate);
  // Worker threads (bindings/worker.cc) make their isolates the same way.
  SetIsolateSetup({options.no_snapshot ? v8::StartupData{nullptr, 0} : blob, ConfigureIsolate});
  int exit_code = 0;
  {
    Isolate::Scope isolate_scope(isolate);
    HandleScope handle_scope(isolate);
    // From the snapshot, the bootstrapped context; with --no-snapshot (or in
    // an isolate without one) a plain context the bootstrap runs in.
    Local<Context> context =
        options.no_snapshot ? Context::New(isolate)
                            : Context::FromSnapshot(isolate, kMainContextSnapshotIndex)
                                  .ToLocalChecked();
    Context::Scope context_scope(context);
    Local<Object> hooks;
    if (options.no_snapshot) {
      if (!RunBootstrapOrReport(context, argv[0]).ToLocal(&hooks)) return 70;
    } else {
      hooks = context->GetDataFromSnapshotOnce<Object>(kHooksSnapshotIndex).ToLocalChecked();
    }
    Environment env(isolate, context, loop, hooks);
    StartLoopWatchers(&env, platform.get());

    Local<Value> run_main;
    if (!hooks->Get(context, OneByteString(isolate, "runMain")).ToLocal(&run_main) ||
        !run_main->IsFunction()) {
      fprintf(stderr, "kiln: bootstrap did not provide runMain\n");
      return 70;
    }
    Local<Value> info = CreateRunInfo(context, options, argv[0]);
    env.MakeCallback(run_main.As<v8::Function>(), context->Global(), 1, &info);
    SpinEventLoop(&env);
    env.Exit(0);  // emits 'exit' and ends the process with process.exitCode
  }
  return exit_code;
}

}  // namespace kiln
