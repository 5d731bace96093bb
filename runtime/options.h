// The command line, split as Node splits it: Kiln's own options, options for
// V8, the script (or -e/-p code) and the script's arguments.
#ifndef KILN_RUNTIME_OPTIONS_H_
#define KILN_RUNTIME_OPTIONS_H_

#include <string>
#include <vector>

namespace kiln {

struct Options {
  enum class Mode { kScript, kEval, kPrint, kStdin, kRepl, kVersion, kHelp, kV8Options };
  Mode mode = Mode::kRepl;
  std::string script;                 // kScript: as given; "-" for stdin
  std::string eval_source;            // kEval / kPrint
  std::vector<std::string> exec_argv; // options before the script, as given
  std::vector<std::string> options;   // Kiln's options in effect: NODE_OPTIONS', then exec_argv's
  std::vector<std::string> args;      // the script's own arguments
  std::vector<std::string> v8_flags;  // handed to V8 (validated there)
  bool no_snapshot = false;           // --no-snapshot or KILN_NO_SNAPSHOT=1
  bool interactive = false;           // -i
  bool check = false;                 // -c: syntax check only
  int error_exit_code = 9;            // set by ParseOptions when it fails
};

// Parses argv. On a usage error prints "kiln: <why>" to stderr and returns
// false; the caller exits with out->error_exit_code: 9 (Node's
// kInvalidCommandLineArgument), 12 for an unknown --security-revert CVE (its
// kInvalidCommandLineArgument2), as Node does.
bool ParseOptions(int argc, char** argv, Options* out);

void PrintHelp();

// What NODE_OPTIONS may carry (process.allowedNodeEnvironmentFlags): Kiln's
// options with their short forms, and the V8 flags Node allows there.
std::vector<std::string> FlagsAllowedInNodeOptions();

}  // namespace kiln

#endif  // KILN_RUNTIME_OPTIONS_H_
