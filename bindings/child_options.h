// The JS form of a spawn request, read into a child_spawn::SpawnRequest. Used
// by process.binding('process_wrap') and process.binding('spawn_sync'); the
// options come from js_lib/internal/child_process (already validated there),
// but user code can pass anything, so every field is checked and bad input
// throws a TypeError instead of reaching fork/exec.
//
//   { file: string, args: [any, as strings], envPairs?: [string], cwd?: string,
//     detached?: bool, uid?: int32, gid?: int32,
//     stdio: [{ type: 'ignore' | 'pipe' | 'overlapped' | 'inherit' | 'fd' | 'wrap',
//               fd?: int }] }
//
// 'inherit', 'fd' and 'wrap' pass the parent's fd `fd` (for 'inherit' it
// defaults to the entry's index); 'pipe' and 'overlapped' make a socketpair.
#ifndef KILN_BINDINGS_CHILD_OPTIONS_H_
#define KILN_BINDINGS_CHILD_OPTIONS_H_

#include <string>

#include "bindings/child_spawn.h"
#include "runtime/binding.h"

namespace kiln::bindings::child_options {

using child_spawn::SpawnRequest;
using child_spawn::StdioSpec;

inline constexpr uint32_t kMaxStdio = 4096;

inline bool Fail(v8::Isolate* isolate, const std::string& what) {
  std::string msg = "The \"options." + what;
  ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", msg.c_str());
  return false;
}

inline bool GetField(v8::Local<v8::Context> context, v8::Local<v8::Object> obj, const char* key,
                     v8::Local<v8::Value>* out) {
  return obj->Get(context, OneByteString(context->GetIsolate(), key)).ToLocal(out);
}

// A string without NUL bytes (they would cut a C string short).
inline bool ToCString(v8::Isolate* isolate, v8::Local<v8::Value> value, std::string* out) {
  if (!value->IsString()) return false;
  v8::String::Utf8Value utf8(isolate, value);
  if (*utf8 == nullptr) return false;
  out->assign(*utf8, utf8.length());
  return out->find('\0') == std::string::npos;
}

// Like ToCString, for any value with a string form (argv entries may be
// numbers, as in Node). False with an exception pending if toString threw.
inline bool CoerceCString(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                          std::string* out) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::String> str;
  if (!value->ToString(context).ToLocal(&str)) return false;
  v8::String::Utf8Value utf8(isolate, str);
  if (*utf8 == nullptr) return false;
  out->assign(*utf8, utf8.length());
  return out->find('\0') == std::string::npos;
}

inline bool ReadStringArray(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                            std::vector<std::string>* out) {
  if (!value->IsArray()) return false;
  v8::Local<v8::Array> array = value.As<v8::Array>();
  out->clear();
  for (uint32_t i = 0; i < array->Length(); i++) {
    v8::Local<v8::Value> item;
    if (!array->Get(context, i).ToLocal(&item)) return false;
    std::string s;
    if (!CoerceCString(context, item, &s)) return false;
    out->push_back(std::move(s));
  }
  return true;
}

inline bool ReadStdio(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                      std::vector<StdioSpec>* out) {
  v8::Isolate* isolate = context->GetIsolate();
  if (!value->IsArray() || value.As<v8::Array>()->Length() > kMaxStdio)
    return Fail(isolate, "stdio\" property must be an array of stdio entries");
  v8::Local<v8::Array> array = value.As<v8::Array>();
  for (uint32_t i = 0; i < array->Length(); i++) {
    v8::Local<v8::Value> entry, type_v, fd_v;
    if (!array->Get(context, i).ToLocal(&entry)) return false;
    if (!entry->IsObject()) return Fail(isolate, "stdio\" entries must be objects");
    v8::Local<v8::Object> obj = entry.As<v8::Object>();
    std::string type;
    if (!GetField(context, obj, "type", &type_v) || !GetField(context, obj, "fd", &fd_v))
      return false;
    if (!ToCString(isolate, type_v, &type))
      return Fail(isolate, "stdio\" entry's type must be of type string");
    StdioSpec spec;
    if (type == "ignore") {
      spec.kind = StdioSpec::kIgnore;
    } else if (type == "pipe" || type == "overlapped") {
      spec.kind = StdioSpec::kPipe;
    } else if (type == "inherit" || type == "fd" || type == "wrap") {
      spec.kind = StdioSpec::kFd;
      if (fd_v->IsInt32() && fd_v.As<v8::Int32>()->Value() >= 0) {
        spec.fd = fd_v.As<v8::Int32>()->Value();
      } else if (type == "inherit" && fd_v->IsUndefined()) {
        spec.fd = static_cast<int>(i);
      } else {
        return Fail(isolate, "stdio\" entry's fd must be a non-negative integer");
      }
    } else {
      return Fail(isolate, "stdio\" entry has an unknown type");
    }
    out->push_back(spec);
  }
  return true;
}

// Fills *req from `value`. False with a TypeError pending on bad input.
// `empty_cwd_is_none`: cwd '' means "stay here" (spawn) or is tried (spawnSync).
inline bool ReadSpawnRequest(v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                             SpawnRequest* req, bool empty_cwd_is_none) {
  v8::Isolate* isolate = context->GetIsolate();
  if (!value->IsObject()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"options\" argument must be of type object");
    return false;
  }
  v8::Local<v8::Object> options = value.As<v8::Object>();
  v8::Local<v8::Value> v;

  if (!GetField(context, options, "file", &v)) return false;
  if (!ToCString(isolate, v, &req->file) || req->file.empty())
    return Fail(isolate, "file\" property must be a non-empty string without null bytes");

  if (!GetField(context, options, "args", &v)) return false;
  if (v->IsUndefined()) {
    req->args = {req->file};
  } else {
    v8::TryCatch try_catch(isolate);
    if (!ReadStringArray(context, v, &req->args)) {
      if (try_catch.HasCaught()) {
        try_catch.ReThrow();
        return false;
      }
      return Fail(isolate, "args\" property must be an array of strings without null bytes");
    }
  }

  if (!GetField(context, options, "envPairs", &v)) return false;
  if (!v->IsNullOrUndefined()) {
    v8::TryCatch try_catch(isolate);
    if (!ReadStringArray(context, v, &req->env)) {
      if (try_catch.HasCaught()) {
        try_catch.ReThrow();
        return false;
      }
      return Fail(isolate, "envPairs\" property must be an array of strings without null bytes");
    }
    req->has_env = true;
  }

  if (!GetField(context, options, "cwd", &v)) return false;
  if (!v->IsNullOrUndefined()) {
    if (!ToCString(isolate, v, &req->cwd))
      return Fail(isolate, "cwd\" property must be a string without null bytes");
    // For spawn '' means no chdir; spawnSync tries it (and fails), as Node.
    req->has_cwd = !req->cwd.empty() || !empty_cwd_is_none;
  }

  if (!GetField(context, options, "detached", &v)) return false;
  req->detached = v->BooleanValue(isolate);

  if (!GetField(context, options, "uid", &v)) return false;
  if (!v->IsNullOrUndefined()) {
    if (!v->IsInt32()) return Fail(isolate, "uid\" property must be a 32-bit signed integer");
    req->set_uid = true;
    req->uid = static_cast<uid_t>(v.As<v8::Int32>()->Value());
  }
  if (!GetField(context, options, "gid", &v)) return false;
  if (!v->IsNullOrUndefined()) {
    if (!v->IsInt32()) return Fail(isolate, "gid\" property must be a 32-bit signed integer");
    req->set_gid = true;
    req->gid = static_cast<gid_t>(v.As<v8::Int32>()->Value());
  }

  if (!GetField(context, options, "stdio", &v)) return false;
  return ReadStdio(context, v, &req->stdio);
}

}  // namespace kiln::bindings::child_options

#endif  // KILN_BINDINGS_CHILD_OPTIONS_H_
