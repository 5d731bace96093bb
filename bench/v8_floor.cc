// bench/v8_floor: what any V8 10.2 embedder pays to start, with nothing of
// Kiln's: the platform, an isolate and a context from V8's own built-in
// snapshot, one write, _exit. bench/release.sh times it beside kiln and bun
// (built with --config=release, it links the same static V8 as kiln).
#include <libplatform/libplatform.h>
#include <unistd.h>
#include <v8.h>

#include <memory>

int main() {
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(2);
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  v8::Isolate* isolate = v8::Isolate::New(params);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Context::Scope context_scope(v8::Context::New(isolate));
    if (write(1, "hello\n", 6) != 6) return 1;
  }
  _exit(0);  // as kiln: no teardown
}
