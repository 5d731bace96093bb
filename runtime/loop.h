// The event loop: libev's default loop plus the watchers the runtime itself
// owns (the idle-time GC hint). Bindings add their own watchers.
#ifndef KILN_RUNTIME_LOOP_H_
#define KILN_RUNTIME_LOOP_H_

#include <ev.h>

#include <v8.h>

namespace kiln {

class Environment;

// Starts the runtime's own watchers; all are unref'd, so they never keep the
// process alive on their own. Each loop iteration also runs the tasks V8
// posted to `platform` for this isolate (FinalizationRegistry cleanups, GC
// finalization steps).
void StartLoopWatchers(Environment* env, v8::Platform* platform);

// Runs the loop until nothing ref'd is left, emitting 'beforeExit' each time
// it drains (listeners may schedule more work, which then runs too), as
// Node's SpinEventLoop does.
void SpinEventLoop(Environment* env);

// The one v8::Platform of the process (set by the main thread's
// StartLoopWatchers); worker threads start their isolates on it.
v8::Platform* ProcessPlatform();

// How the main thread made its isolate, for worker threads to repeat:
// the snapshot (data null with --no-snapshot) and the per-isolate setup.
struct IsolateSetup {
  v8::StartupData blob;
  void (*configure)(v8::Isolate* isolate);
};
void SetIsolateSetup(const IsolateSetup& setup);
const IsolateSetup& GetIsolateSetup();

// Counts a callback into JS; the GC hint only fires after some JS ran.
void NoteLoopActivity();

// For performance.eventLoopUtilization (Node's loopStart and idleTime):
// when this thread's loop first ran, and the time it has spent blocked in
// its poll since, both CLOCK_MONOTONIC ns (start 0: not yet).
uint64_t LoopStartNs();
uint64_t LoopIdleNs();

}  // namespace kiln

#endif  // KILN_RUNTIME_LOOP_H_
