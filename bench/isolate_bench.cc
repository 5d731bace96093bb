// Google Benchmark: creating an isolate and its context from the embedded
// snapshot blob, against V8's built-in snapshot, and one script run.
#include <benchmark/benchmark.h>
#include <libplatform/libplatform.h>
#include <v8.h>

#include <memory>

#include "runtime/binding.h"
#include "runtime/bootstrap.h"

extern "C" const char kiln_snapshot_blob[];
extern "C" const unsigned int kiln_snapshot_blob_len;

static v8::Platform* g_platform;

static void BM_IsolateAndContextFromKilnSnapshot(benchmark::State& state) {
  v8::StartupData blob{kiln_snapshot_blob, static_cast<int>(kiln_snapshot_blob_len)};
  std::unique_ptr<v8::ArrayBuffer::Allocator> alloc(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  for (auto _ : state) {
    v8::Isolate::CreateParams params;
    params.snapshot_blob = &blob;
    params.external_references = kiln::AllExternalReferences();
    params.array_buffer_allocator = alloc.get();
    v8::Isolate* isolate = v8::Isolate::New(params);
    {
      v8::Isolate::Scope isolate_scope(isolate);
      v8::HandleScope scope(isolate);
      v8::Local<v8::Context> context = v8::Context::New(isolate);
      benchmark::DoNotOptimize(context);
    }
    isolate->Dispose();
  }
  state.counters["blob_bytes"] = kiln_snapshot_blob_len;
}
BENCHMARK(BM_IsolateAndContextFromKilnSnapshot)->Unit(benchmark::kMillisecond);

// The same state built without the snapshot: V8's default heap + bootstrap.
static void BM_IsolateAndBootstrapWithoutSnapshot(benchmark::State& state) {
  std::unique_ptr<v8::ArrayBuffer::Allocator> alloc(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  for (auto _ : state) {
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = alloc.get();
    v8::Isolate* isolate = v8::Isolate::New(params);
    {
      v8::Isolate::Scope isolate_scope(isolate);
      v8::HandleScope scope(isolate);
      v8::Local<v8::Context> context = v8::Context::New(isolate);
      v8::Context::Scope context_scope(context);
      benchmark::DoNotOptimize(kiln::RunBootstrap(context));
    }
    isolate->Dispose();
  }
}
BENCHMARK(BM_IsolateAndBootstrapWithoutSnapshot)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform(2);
  g_platform = platform.get();
  v8::V8::InitializePlatform(g_platform);
  v8::V8::Initialize();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
