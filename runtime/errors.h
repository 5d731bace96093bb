// Error reporting: the "file:line / source line / caret" header Node prints
// above an uncaught exception, and a last-resort printer for errors that
// happen before (or while) the JS reporter can run.
#ifndef KILN_RUNTIME_ERRORS_H_
#define KILN_RUNTIME_ERRORS_H_

#include <v8.h>

namespace kiln {

// "/path/x.js:3\n  throw new Error('x')\n  ^\n" for `message`, or an empty
// string when V8 has no source position (e.g. errors thrown from C++).
v8::Local<v8::String> GetErrorSource(v8::Isolate* isolate, v8::Local<v8::Context> context,
                                     v8::Local<v8::Message> message);

// Writes the source header and the error's stack (or its string form) to
// stderr without calling back into user JS beyond toString/stack getters.
void PrintCaughtException(v8::Isolate* isolate, v8::Local<v8::Context> context,
                          v8::Local<v8::Value> error, v8::Local<v8::Message> message);

}  // namespace kiln

#endif  // KILN_RUNTIME_ERRORS_H_
