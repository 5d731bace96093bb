// Per-run state, read after the snapshot is deserialized and handed to
// js_lib's runMain(info): never baked into the blob.
#ifndef KILN_RUNTIME_PER_RUN_H_
#define KILN_RUNTIME_PER_RUN_H_

#include <v8.h>

#include "runtime/options.h"

namespace kiln {

// process.env, backed by the real environment.
v8::Local<v8::Object> CreateEnvObject(v8::Local<v8::Context> context);

// Whether `object` is a process.env made by CreateEnvObject.
bool IsEnvObject(v8::Local<v8::Context> context, v8::Local<v8::Object> object);

// A plain object with process.env's variables (what structuredClone and
// postMessage send for it, as Node); empty if V8 threw.
v8::MaybeLocal<v8::Object> EnvToPlainObject(v8::Local<v8::Context> context,
                                            v8::Local<v8::Object> env);

// { argv, execArgv, execPath, argv0, pid, env, mode, script, source }: what
// js_lib/internal/main.js needs to start the user's code.
v8::Local<v8::Object> CreateRunInfo(v8::Local<v8::Context> context, const Options& options,
                                    const char* argv0);

}  // namespace kiln

#endif  // KILN_RUNTIME_PER_RUN_H_
