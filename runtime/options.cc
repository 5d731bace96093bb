#include "runtime/options.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kiln {

// Options Kiln reads itself (the JS side reads most of them back from
// process.execArgv). Anything else that starts with '-' goes to V8, which
// rejects what it does not know.
struct KilnOption {
  const char* name;
  bool takes_value;  // "--name value" or "--name=value"
  const char* help;
};

static const KilnOption kKilnOptions[] = {
    {"--check", false, "syntax check script without executing"},
    {"--eval", true, "evaluate script"},
    {"--print", true, "evaluate script and print result"},
    {"--interactive", false, "always enter the REPL even if stdin does not appear to be a terminal"},
    {"--require", true, "CommonJS module to preload (option can be repeated)"},
    {"--import", true, "ES module to preload (option can be repeated)"},
    {"--disable-proto", true, "disable Object.prototype.__proto__ (delete, throw)"},
    {"--report-compact", false, "output compact single-line JSON diagnostic reports"},
    {"--report-dir", true, "define custom report pathname (default: the working directory)"},
    {"--report-directory", true, "alias of --report-dir"},
    {"--report-filename", true, "define custom report file name (default: report.DATE.TIME.PID.TID.SEQ.json)"},
    {"--report-exclude-network", false, "exclude network interface diagnostics (default: false)"},
    {"--report-signal", true, "causes diagnostic report to be produced on provided signal (default: SIGUSR2)"},
    {"--report-on-fatalerror", false, "generate a diagnostic report on fatal (internal) errors (accepted; V8's fatal errors end Kiln in C++)"},
    {"--report-on-signal", false, "generate a diagnostic report upon receiving signals"},
    {"--report-uncaught-exception", false, "generate a diagnostic report on uncaught exceptions"},
    {"--no-snapshot", false, "run the bootstrap from embedded sources instead of the snapshot"},
    {"--unhandled-rejections", true, "define unhandled rejections behavior (throw, strict, warn, none, warn-with-error-code)"},
    {"--no-warnings", false, "silence all process warnings"},
    {"--trace-warnings", false, "show stack traces on process warnings"},
    {"--no-deprecation", false, "silence deprecation warnings"},
    {"--throw-deprecation", false, "throw an exception on deprecations"},
    {"--trace-deprecation", false, "show stack traces on deprecations"},
    {"--pending-deprecation", false, "emit pending deprecation warnings"},
    {"--trace-uncaught", false, "show stack traces for the throw behind uncaught exceptions"},
    {"--experimental-loader", true, "use the specified module as a custom loader (option can be repeated)"},
    {"--loader", true, "alias of --experimental-loader"},
    {"--experimental-import-meta-resolve", false, "accepted for compatibility (import.meta.resolve is always on)"},
    {"--input-type", true, "set module type for string input (commonjs, module)"},
    {"--conditions", true, "additional user conditions for conditional exports and imports"},
    {"--experimental-require-module", false, "allow require() of ES modules (the default, as in Node 20.19+)"},
    {"--no-experimental-require-module", false, "make require() of an ES module throw ERR_REQUIRE_ESM"},
    {"--experimental-detect-module", false, "accepted for compatibility (ES module syntax detection is on)"},
    {"--preserve-symlinks", false, "preserve symbolic links when resolving"},
    {"--preserve-symlinks-main", false, "preserve symbolic links when resolving the main module"},
    {"--title", true, "the process title to use on startup"},
    {"--stack-trace-limit", true, "(V8) number of stack frames captured"},
    {"--max-http-header-size", true, "set the maximum size of HTTP headers (default: 16384 (16KiB))"},
    {"--env-file", true, "set environment variables from supplied file (option can be repeated)"},
    {"--dns-result-order", true, "set the default value of verbatim in dns.lookup (ipv4first, ipv6first, verbatim)"},
    {"--insecure-http-parser", false, "use an insecure HTTP parser that accepts invalid HTTP headers"},
    {"--redirect-warnings", true, "write process warnings to the given file instead of stderr"},
    {"--warnings", false, "print process warnings (the default; --no-warnings silences them)"},
    {"--network-family-autoselection", false, "use the happy eyeballs algorithm to connect (the default)"},
    {"--enable-network-family-autoselection", false, "alias of --network-family-autoselection"},
    {"--no-network-family-autoselection", false, "disable network address family autodetection"},
    {"--network-family-autoselection-attempt-timeout", true, "the default autoSelectFamily attempt timeout in ms (default: 250)"},
    {"--enable-source-maps", false, "accepted for compatibility; has no effect yet"},
    {"--security-revert", true, "revert a CVE fix (Node 20 knows CVE-2023-46809 and CVE-2024-27980)"},
    {"--tls-min-v1.0", false, "set default TLS minimum to TLSv1.0 (default: TLSv1.2)"},
    {"--tls-min-v1.1", false, "set default TLS minimum to TLSv1.1 (default: TLSv1.2)"},
    {"--tls-min-v1.2", false, "set default TLS minimum to TLSv1.2 (default: TLSv1.2)"},
    {"--tls-min-v1.3", false, "set default TLS minimum to TLSv1.3 (default: TLSv1.2)"},
    {"--tls-max-v1.2", false, "set default TLS maximum to TLSv1.2 (default: TLSv1.3)"},
    {"--tls-max-v1.3", false, "set default TLS maximum to TLSv1.3 (default: TLSv1.3)"},
    {"--experimental-global-webcrypto", false, "accepted for compatibility (globalThis.crypto is always on, as in Node 20)"},
    {"--v8-options", false, "print V8 command line options"},
    {"--version", false, "print Kiln version"},
    {"--help", false, "print node command line options"},
};

static const struct { char alias; const char* name; } kShortOptions[] = {
    {'c', "--check"}, {'e', "--eval"}, {'p', "--print"}, {'i', "--interactive"}, {'r', "--require"},
    {'v', "--version"}, {'h', "--help"}, {'c', "--check"},
    {'C', "--conditions"},
};

static const KilnOption* FindOption(const std::string& name) {
  for (const KilnOption& o : kKilnOptions)
    if (name == o.name) return &o;
  return nullptr;
}

// NODE_OPTIONS split as Node splits it: on spaces, with "double quotes"
// (in which \" and \\ escape) for values that hold spaces.
static bool SplitNodeOptions(const char* env, std::vector<std::string>* out, const char* prog) {
  if (env == nullptr) return true;
  std::string cur;
  bool in_token = false, quoted = false;
  for (const char* p = env; *p != '\0'; p++) {
    if (quoted) {
      if (*p == '\\' && p[1] != '\0') cur += *++p;
      else if (*p == '"') quoted = false;
      else cur += *p;
    } else if (*p == ' ') {
      if (in_token) out->push_back(cur);
      cur.clear();
      in_token = false;
    } else {
      in_token = true;
      if (*p == '"') quoted = true;
      else cur += *p;
    }
  }
  if (quoted) {
    fprintf(stderr, "%s: invalid value for NODE_OPTIONS (unterminated string)\n", prog);
    return false;
  }
  if (in_token) out->push_back(cur);
  return true;
}

// What NODE_OPTIONS may not carry, as in Node: what picks the code to run
// or only prints something.
static bool AllowedInEnv(const std::string& name) {
  static const char* const kDenied[] = {"--eval", "--print", "--check", "--interactive",
                                        "--version", "--help", "--v8-options"};
  for (const char* d : kDenied)
    if (name == d) return false;
  return true;
}

// The V8 flags Node lets NODE_OPTIONS set.
static const char* const kV8FlagsAllowedInEnv[] = {
    "--abort-on-uncaught-exception", "--disallow-code-generation-from-strings", "--expose-gc",
    "--huge-max-old-generation-size", "--interpreted-frames-native-stack", "--jitless",
    "--max-old-space-size", "--max-semi-space-size", "--perf-basic-prof",
    "--perf-basic-prof-only-functions", "--perf-prof", "--perf-prof-unwinding-info"};

static bool V8FlagAllowedInEnv(const std::string& name) {
  for (const char* a : kV8FlagsAllowedInEnv)
    if (name == a) return true;
  return false;
}

std::vector<std::string> FlagsAllowedInNodeOptions() {
  std::vector<std::string> flags;
  for (const KilnOption& o : kKilnOptions) {
    if (!AllowedInEnv(o.name)) continue;
    flags.push_back(o.name);
    for (const auto& s : kShortOptions)
      if (o.name == std::string(s.name)) flags.push_back(std::string("-") + s.alias);
  }
  for (const char* f : kV8FlagsAllowedInEnv) flags.push_back(f);
  return flags;
}

bool ParseOptions(int argc, char** argv, Options* out) {
  const char* env = getenv("KILN_NO_SNAPSHOT");
  out->no_snapshot = env != nullptr && env[0] != '\0' && strcmp(env, "0") != 0;
  const char* prog = argv[0];
  // NODE_OPTIONS first: the command line comes after it, so it wins.
  std::vector<std::string> args;
  if (!SplitNodeOptions(getenv("NODE_OPTIONS"), &args, prog)) return false;
  const size_t env_count = args.size();
  for (int k = 1; k < argc; k++) args.push_back(argv[k]);
  const size_t n = args.size();
  bool have_code = false;
  size_t i = 0;
  for (; i < n; i++) {
    const bool from_env = i < env_count;
    std::string arg = args[i];
    if (!from_env && arg == "--") { i++; break; }
    if (arg == "-" || arg.size() < 2 || arg[0] != '-') {
      if (!from_env) break;
      fprintf(stderr, "%s: %s is not allowed in NODE_OPTIONS\n", prog, arg.c_str());
      return false;
    }
    // -e CODE, -pe CODE (Node accepts -pe as --print)
    std::string name = arg, value;
    bool has_value = false;
    if (arg[1] != '-') {
      if (arg == "-pe" || arg == "-ep") {
        name = "--print";
      } else if (arg.size() == 2) {
        name.clear();
        for (auto& s : kShortOptions)
          if (s.alias == arg[1]) name = s.name;
        if (name.empty()) name = arg;  // e.g. -x: V8 decides (and rejects)
      }
    } else {
      size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
        has_value = true;
      }
      // V8 and Node accept '_' for '-' in flag names.
      for (size_t k = 2; k < name.size(); k++) if (name[k] == '_') name[k] = '-';
    }
    const KilnOption* opt = FindOption(name);
    // --no-X negates any boolean option X, as in Node.
    if (opt == nullptr && name.compare(0, 5, "--no-") == 0) {
      const KilnOption* positive = FindOption("--" + name.substr(5));
      if (positive != nullptr && positive->takes_value) {
        fprintf(stderr, "%s: %s is an invalid negation because it is not a boolean option\n",
                prog, name.c_str());
        return false;
      }
      if (positive != nullptr) {
        out->options.push_back(arg);
        if (!from_env) out->exec_argv.push_back(arg);
        continue;
      }
    }
    if (from_env && (opt != nullptr ? !AllowedInEnv(name) : !V8FlagAllowedInEnv(name))) {
      // Named as given, up to its '=' (as Node: "--stack-size= is not allowed").
      std::string given = has_value ? arg.substr(0, arg.find('=') + 1) : arg;
      fprintf(stderr, "%s: %s is not allowed in NODE_OPTIONS\n", prog, given.c_str());
      return false;
    }
    if (opt == nullptr) {  // for V8; it reports what it does not know
      out->v8_flags.push_back(arg);
      if (!from_env) out->exec_argv.push_back(arg);
      continue;
    }
    out->options.push_back(arg);
    if (!from_env) out->exec_argv.push_back(arg);
    // A bare -p/--print followed by another option is Node's boolean
    // --print: `-p -e CODE` prints what -e evaluates.
    if (name == "--print" && !has_value && arg != "-pe" && arg != "-ep" &&
        (i + 1 < n ? args[i + 1][0] == '-' && args[i + 1].size() > 1 : have_code)) {
      out->mode = Options::Mode::kPrint;
      continue;
    }
    // As Node: `--title=` names no value (--print's is optional).
    if (opt->takes_value && has_value && value.empty() && name != "--print") {
      fprintf(stderr, "%s: %s requires an argument\n", prog, arg.c_str());
      return false;
    }
    if (opt->takes_value && !has_value) {
      if (i + 1 >= (from_env ? env_count : n)) {
        fprintf(stderr, "%s: %s requires an argument\n", prog, arg.c_str());
        return false;
      }
      value = args[++i];
      out->options.push_back(value);
      if (!from_env) out->exec_argv.push_back(value);
      // As Node: a value may escape a leading '-' ("\-42") so it is not
      // taken for an option.
      if (value.size() >= 2 && value[0] == '\\' && value[1] == '-') value.erase(0, 1);
    }
    if (name == "--eval" || name == "--print") {
      bool print = name == "--print" || out->mode == Options::Mode::kPrint;
      out->mode = print ? Options::Mode::kPrint : Options::Mode::kEval;
      out->eval_source = value;
      have_code = true;
    } else if (name == "--version") {
      out->mode = Options::Mode::kVersion;
      return true;
    } else if (name == "--help") {
      out->mode = Options::Mode::kHelp;
      return true;
    } else if (name == "--v8-options") {
      out->mode = Options::Mode::kV8Options;
      return true;
    } else if (name == "--no-snapshot") {
      out->no_snapshot = true;
    } else if (name == "--interactive") {
      out->interactive = true;
    } else if (name == "--check") {
      out->check = true;
    } else if (name == "--security-revert") {
      // The CVEs Node 20 can revert. Read back by js_lib (the RSA one in
      // internal/crypto/asym.js; the Windows one changes nothing here).
      // Node warns on stdout.
      static const struct { const char* cve; const char* what; } kReverts[] = {
          {"CVE-2023-46809", "Marvin attack on PKCS#1 padding"},
          {"CVE-2024-27980", "Unsafe Windows batch file execution"},
      };
      const char* what = nullptr;
      for (const auto& r : kReverts)
        if (value == r.cve) what = r.what;
      if (what == nullptr) {
        fprintf(stderr, "%s: Error: Attempt to revert an unknown CVE [%s]\n", prog, value.c_str());
        out->error_exit_code = 12;
        return false;
      }
      printf("SECURITY WARNING: Reverting %s: %s\n", value.c_str(), what);
      fflush(stdout);  // before JS writes to fd 1 directly
    } else if (name == "--disable-proto" && value != "delete" && value != "throw") {
      fprintf(stderr, "%s: invalid mode passed to --disable-proto\n", prog);
      out->error_exit_code = 12;
      return false;
    } else if (name == "--unhandled-rejections" && value != "throw" && value != "strict" &&
               value != "warn" && value != "none" && value != "warn-with-error-code") {
      fprintf(stderr, "kiln: invalid value for --unhandled-rejections\n");
      return false;
    } else if (name == "--input-type" && value != "module" && value != "commonjs") {
      fprintf(stderr, "%s: --input-type must be \"module\" or \"commonjs\"\n", prog);
      return false;
    } else if (name == "--stack-trace-limit") {
      out->v8_flags.push_back("--stack-trace-limit=" + value);
    }
  }
  if (out->check && have_code) {
    fprintf(stderr, "%s: either --check or --eval can be used, not both\n", prog);
    return false;
  }
  bool tls_min_v13 = false, tls_max_v12 = false;
  for (const std::string& o : out->options) {
    if (o == "--tls-min-v1.3") tls_min_v13 = true;
    if (o == "--tls-max-v1.2") tls_max_v12 = true;
  }
  if (tls_min_v13 && tls_max_v12) {
    fprintf(stderr, "%s: either --tls-min-v1.3 or --tls-max-v1.2 can be used, not both\n", prog);
    return false;
  }
  if (!have_code && i < n) {
    out->script = args[i++];
    out->mode = out->script == "-" ? Options::Mode::kStdin : Options::Mode::kScript;
  } else if (!have_code) {
    out->mode = out->interactive ? Options::Mode::kRepl : Options::Mode::kStdin;
  }
  for (; i < n; i++) out->args.push_back(args[i]);
  return true;
}

void PrintHelp() {
  printf("Usage: kiln [options] [ script.js ] [arguments]\n"
         "       kiln [options] -e CODE [arguments]\n"
         "       kiln [options] -p CODE [arguments]\n"
         "       kiln [options] - [arguments]   (script from stdin)\n\n"
         "Options:\n");
  for (const KilnOption& o : kKilnOptions) {
    char alias = 0;
    for (auto& s : kShortOptions)
      if (strcmp(s.name, o.name) == 0) alias = s.alias;
    char left[64];
    if (alias)
      snprintf(left, sizeof(left), "-%c, %s%s", alias, o.name, o.takes_value ? "=..." : "");
    else
      snprintf(left, sizeof(left), "%s%s", o.name, o.takes_value ? "=..." : "");
    printf("  %-32s %s\n", left, o.help);
  }
  printf("  %-32s %s\n", "--", "indicate the end of kiln options");
  printf("\nV8 options (--max-old-space-size=MB, --stack-size=KB, --expose-gc, ...) are\n"
         "passed to V8; kiln --v8-options lists them.\n\n"
         "Environment variables:\n"
         "  KILN_NO_SNAPSHOT=1    same as --no-snapshot\n"
         "  NODE_PATH             ':'-separated list of directories prefixed to the module search path\n"
         "  UV_THREADPOOL_SIZE    size of the worker pool (default 4)\n\n"
         "Documentation: docs/ in Kiln's repository.\n");
}

}  // namespace kiln
