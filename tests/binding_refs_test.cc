// Every C++ function a binding installs is listed in its
// RegisterExternalReferences (else the snapshot build would abort, or worse,
// a lazily created binding would crash a snapshot-started kiln).
#include <gtest/gtest.h>
#include <libplatform/libplatform.h>
#include <v8.h>

#include <algorithm>
#include <memory>

#include "runtime/binding.h"

TEST(BindingRefs, EveryInstalledCallbackIsRegistered) {
  std::unique_ptr<v8::Platform> platform = v8::platform::NewSingleThreadedDefaultPlatform();
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();
  v8::Isolate* isolate = v8::Isolate::New(params);
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    v8::Context::Scope context_scope(context);
    int count = 0;
    for (const char* const* name = kiln::kBindingNames; *name; name++, count++) {
      v8::TryCatch try_catch(isolate);
      v8::Local<v8::Object> b;
      EXPECT_TRUE(kiln::CreateBinding(context, kiln::OneByteString(isolate, *name)).ToLocal(&b))
          << *name;
    }
    EXPECT_GT(count, 5);
    const intptr_t* refs = kiln::AllExternalReferences();
    std::vector<intptr_t> known;
    for (const intptr_t* r = refs; *r; r++) known.push_back(*r);
    for (intptr_t fn : kiln::InstalledCallbacks())
      EXPECT_NE(std::find(known.begin(), known.end(), fn), known.end())
          << "callback " << reinterpret_cast<void*>(fn) << " is not an external reference";
    // Unknown names throw instead of crashing.
    v8::TryCatch try_catch(isolate);
    EXPECT_TRUE(kiln::CreateBinding(context, kiln::OneByteString(isolate, "nope")).IsEmpty());
    EXPECT_TRUE(try_catch.HasCaught());
  }
  isolate->Dispose();
  delete params.array_buffer_allocator;
}
