// Kiln's entry point, as node::Start: split the command line, set up signals
// and V8, deserialize the snapshot, fill in per-run state, run the user's
// code and the loop, emit 'exit', return the exit code.
#ifndef KILN_RUNTIME_KILN_H_
#define KILN_RUNTIME_KILN_H_

#define KILN_VERSION "0.1.0"
// The Node.js API level Kiln implements; packages feature-detect on it.
#define KILN_NODE_VERSION "20.20.2"

namespace kiln {
int Start(int argc, char** argv);
}  // namespace kiln

#endif  // KILN_RUNTIME_KILN_H_
