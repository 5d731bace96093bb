// process.binding('stream_fd'): FdStream, a byte stream over a file
// descriptor (stdio pipes, TTYs and files now; net sockets later), driven by
// one libev io watcher. The class is in bindings/fd_stream.h; this file is
// its JS surface, checking every argument (user code can reach it).
//
//   new FdStream(fd)
//   writeBuffer(req, uint8array) / writeString(req, string, encoding) /
//   writev(req, [uint8array | string(utf8), ...]) /
//   writev(req, [chunk, encoding, chunk, encoding, ...], false)
//       try the fd at once (two write()s as Node does, or until done when
//       the fd is blocking), queue the rest (copied) and flush it when the
//       fd is writable. Return 0 or -errno and set
//       req.bytes and req.async; when async, req.oncomplete(status) is called
//       once the data is out (status 0 or -errno, -ECANCELED after close).
//       After setWriteState(float64array) (a binding function), every write
//       puts [bytes, async] there instead, and sets req.bytes/req.async only
//       when async.
//   readStart() / readStop(): while reading, this.onread(n, arraybuffer) for
//       each chunk; this.onread(kEOF) at the end, this.onread(-errno) on error
//       (reading stops after either).
//   shutdown(req): req.oncomplete(status) once queued writes are out (and,
//       for sockets, after shutdown(SHUT_WR)).
//   close(cb): stops everything and closes the fd (never 0-2); cb runs on a
//       later loop iteration.
//   ref() / unref() / hasRef(), setBlocking(bool), fd, writeQueueSize.
//
// A ref'd handle keeps the loop alive while it reads or has queued writes.
// At exit queued writes to fds 0-2 are flushed with blocking writes and the
// O_NONBLOCK flags we changed on them are put back (a cleanup hook).
#include <cctype>

#include "bindings/fd_stream.h"
#include "runtime/byte_codecs.h"
#include "simdutf.h"

namespace kiln::bindings::stream_fd {

namespace {

void FlushAtExit(void*) {
  for (FdStream* s : g_streams) {
    if (s->fd() <= STDERR_FILENO && !s->closing() && s->has_queue()) s->FlushBlocking();
  }
  for (int fd = 0; fd <= STDERR_FILENO; fd++) {
    if (g_stdio_flags[fd] != -1) fcntl(fd, F_SETFL, g_stdio_flags[fd]);
  }
}

FdStream* This(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = FdStream::Unwrap(args.This());
  if (self == nullptr)
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be FdStream");
  return self;
}

enum Encoding { kUtf8, kLatin1, kUcs2, kBadEncoding };

// 'utf8' and 'latin1' as internalized strings: JS passes its literals, the
// same string objects, so the common names match by identity.
struct EncodingNames {
  v8::Eternal<String> utf8, latin1;
};
thread_local EncodingNames* g_encoding_names = nullptr;

// The encoding a JS value names (undefined: utf8), without allocating.
Encoding ParseEncoding(Isolate* isolate, Local<Value> value) {
  if (value->IsUndefined()) return kUtf8;
  if (!value->IsString()) return kBadEncoding;
  if (g_encoding_names == nullptr) {
    g_encoding_names = new EncodingNames();
    g_encoding_names->utf8.Set(isolate, String::NewFromUtf8Literal(isolate, "utf8",
                                                                   v8::NewStringType::kInternalized));
    g_encoding_names->latin1.Set(
        isolate, String::NewFromUtf8Literal(isolate, "latin1", v8::NewStringType::kInternalized));
  }
  if (value == g_encoding_names->latin1.Get(isolate)) return kLatin1;
  if (value == g_encoding_names->utf8.Get(isolate)) return kUtf8;
  Local<String> str = value.As<String>();
  char name[12];
  int n = str->Length();
  if (n < 4 || n > 8) return kBadEncoding;
  str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(name), 0, n, String::NO_NULL_TERMINATION);
  name[n] = '\0';
  for (int i = 0; i < n; i++) name[i] = static_cast<char>(tolower(name[i]));
  if (!strcmp(name, "utf8") || !strcmp(name, "utf-8")) return kUtf8;
  if (!strcmp(name, "latin1") || !strcmp(name, "binary") || !strcmp(name, "ascii")) return kLatin1;
  if (!strcmp(name, "ucs2") || !strcmp(name, "ucs-2") || !strcmp(name, "utf16le") ||
      !strcmp(name, "utf-16le")) {
    return kUcs2;
  }
  return kBadEncoding;
}

// Appends the bytes of `value` (an ArrayBufferView, or a string in
// `encoding`) to *out. False for an unsupported value or encoding.
bool AppendBytes(Isolate* isolate, Local<Value> value, Encoding encoding, std::string* out) {
  if (value->IsArrayBufferView()) {
    Local<ArrayBufferView> view = value.As<ArrayBufferView>();
    size_t start = out->size();
    out->resize(start + view->ByteLength());
    view->CopyContents(&(*out)[start], view->ByteLength());
    return true;
  }
  if (!value->IsString()) return false;
  Local<String> str = value.As<String>();
  size_t start = out->size();
  int length = str->Length();
  switch (encoding) {
    case kUtf8: {
      if (str->IsOneByte()) {
        // Latin-1 inside V8 (an HTTP head, most text): copied as is, which
        // is its UTF-8 when ASCII, else widened (WriteUtf8 goes char by char).
        out->resize(start + length);
        char* bytes = &(*out)[start];
        str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(bytes), 0, length,
                          String::NO_NULL_TERMINATION);
        byte_codecs::SimdGuard guard;
        if (simdutf::validate_ascii(bytes, length)) return true;
        std::string latin1(bytes, length);
        out->resize(start + simdutf::utf8_length_from_latin1(latin1.data(), length));
        simdutf::convert_latin1_to_utf8(latin1.data(), length, &(*out)[start]);
        return true;
      }
      // Short strings in one pass (at most 3 bytes per UTF-16 unit).
      size_t cap = length <= 4096 ? 3 * static_cast<size_t>(length) : str->Utf8Length(isolate);
      out->resize(start + cap);
      int n = str->WriteUtf8(isolate, &(*out)[start], static_cast<int>(cap), nullptr,
                             String::REPLACE_INVALID_UTF8 | String::NO_NULL_TERMINATION);
      out->resize(start + n);
      return true;
    }
    case kLatin1:
      out->resize(start + length);
      str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(&(*out)[start]), 0, length,
                        String::NO_NULL_TERMINATION);
      return true;
    case kUcs2: {
      std::vector<uint16_t> units(length);
      str->Write(isolate, units.data(), 0, length, String::NO_NULL_TERMINATION);
      out->resize(start + units.size() * 2);
      for (size_t i = 0; i < units.size(); i++) {
        (*out)[start + 2 * i] = static_cast<char>(units[i] & 0xFF);
        (*out)[start + 2 * i + 1] = static_cast<char>(units[i] >> 8);
      }
      return true;
    }
    case kBadEncoding:
      break;
  }
  return false;
}

// The bytes of one write, gathered before write(): reused across writes (no
// allocation per write), trimmed back when a big write grew it.
std::string* Scratch() {
  static thread_local std::string* scratch = new std::string();
  scratch->clear();
  return scratch;
}

void TrimScratch(std::string* s) {
  if (s->capacity() > 1024 * 1024) std::string().swap(*s);
}

}  // namespace

void EnsureExitFlush(Environment* env) {
  if (g_cleanup_registered) return;
  env->AddCleanupHook(FlushAtExit, nullptr);
  g_cleanup_registered = true;
}

bool CheckReq(const FunctionCallbackInfo<Value>& args) {
  if (args[0]->IsObject()) return true;
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                 "The \"req\" argument must be of type object");
  return false;
}

Environment* CheckStreamConstructor(const FunctionCallbackInfo<Value>& args,
                                    const char* class_name) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    std::string message = std::string("Class constructor ") + class_name +
                          " cannot be invoked without 'new'";
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED", message.c_str());
    return nullptr;
  }
  if (!args[0]->IsInt32() || args[0].As<v8::Int32>()->Value() < 0) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"fd\" argument must be a non-negative integer");
    return nullptr;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    std::string message = std::string(class_name) + " is not available while building the snapshot";
    isolate->ThrowException(v8::Exception::Error(OneByteString(isolate, message.c_str())));
  }
  return env;
}

void InitStreamObject(Isolate* isolate, Local<Object> obj, int fd) {
  Local<Context> context = isolate->GetCurrentContext();
  obj->DefineOwnProperty(context, OneByteString(isolate, "fd"), v8::Integer::New(isolate, fd),
                         static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontDelete))
      .Check();
  obj->Set(context, OneByteString(isolate, "writeQueueSize"), v8::Integer::New(isolate, 0))
      .Check();
}

// new FdStream(fd)
static void New(const FunctionCallbackInfo<Value>& args) {
  Environment* env = CheckStreamConstructor(args, "FdStream");
  if (env == nullptr) return;
  int fd = args[0].As<v8::Int32>()->Value();
  if (fcntl(fd, F_GETFL) == -1) return ThrowErrnoException(args.GetIsolate(), errno, "open");
  // The stream owns its fd: a child process gets it only through its stdio
  // option (which dups it), never by inheritance (e.g. a forked child's IPC
  // fd, inherited without the flag, must not reach its own children).
  if (fd > STDERR_FILENO) fcntl(fd, F_SETFD, FD_CLOEXEC);
  new FdStream(env, args.This(), fd);
  InitStreamObject(args.GetIsolate(), args.This(), fd);
}

// writeBuffer(req, arrayBufferView) -> 0 or -errno
static void WriteBuffer(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self == nullptr || !CheckReq(args)) return;
  if (!args[1]->IsArrayBufferView()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"buffer\" argument must be an instance of Buffer, TypedArray, or DataView");
    return;
  }
  Local<ArrayBufferView> view = args[1].As<ArrayBufferView>();
  size_t length = view->ByteLength();
  if (length <= 4096) {
    // Small: a copy is cheaper than reaching the backing store.
    char copy[4096];
    view->CopyContents(copy, length);
    args.GetReturnValue().Set(self->Write(args[0].As<Object>(), copy, length));
    return;
  }
  // SAFETY: the view's memory stays put for the call; Write copies what it
  // keeps.
  std::shared_ptr<v8::BackingStore> store = view->Buffer()->GetBackingStore();
  const char* data = static_cast<const char*>(store->Data()) + view->ByteOffset();
  args.GetReturnValue().Set(self->Write(args[0].As<Object>(), data, view->ByteLength()));
}

// writeString(req, string, encoding) -> 0 or -errno
static void WriteString(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self == nullptr || !CheckReq(args)) return;
  Isolate* isolate = args.GetIsolate();
  if (!args[1]->IsString()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "The \"string\" argument must be of type string");
    return;
  }
  Encoding encoding = ParseEncoding(isolate, args[2]);
  std::string& bytes = *Scratch();
  if (encoding == kBadEncoding || !AppendBytes(isolate, args[1], encoding, &bytes)) {
    if (!args[2]->IsString()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                     "The \"encoding\" argument must be of type string");
      return;
    }
    String::Utf8Value name(isolate, args[2]);
    ThrowTypeError(isolate, "ERR_UNKNOWN_ENCODING",
                   (std::string("Unknown encoding: ") + (*name ? *name : "")).c_str());
    return;
  }
  args.GetReturnValue().Set(self->Write(args[0].As<Object>(), bytes.data(), bytes.size()));
  TrimScratch(&bytes);
}

// writev(req, [arrayBufferView | utf8 string, ...]) -> 0 or -errno
// writev(req, [chunk, encoding, chunk, encoding, ...], false): strings in
// any encoding writeString takes (Node's form when not all are buffers).
static void Writev(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self == nullptr || !CheckReq(args)) return;
  Isolate* isolate = args.GetIsolate();
  if (!args[1]->IsArray()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "The \"chunks\" argument must be an array");
    return;
  }
  bool pairs = args[2]->IsFalse();
  Local<v8::Array> chunks = args[1].As<v8::Array>();
  Local<Context> context = isolate->GetCurrentContext();
  std::string& bytes = *Scratch();
  uint32_t count = chunks->Length();
  for (uint32_t i = 0; i < count; i += pairs ? 2 : 1) {
    Local<Value> chunk;
    Local<Value> enc = v8::Undefined(isolate);
    if (!chunks->Get(context, i).ToLocal(&chunk)) return;
    if (pairs && !chunks->Get(context, i + 1).ToLocal(&enc)) return;
    Encoding encoding = ParseEncoding(isolate, enc);
    if (encoding == kBadEncoding || !AppendBytes(isolate, chunk, encoding, &bytes)) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                     "Each chunk must be a string or an ArrayBufferView (with a known encoding)");
      return;
    }
  }
  args.GetReturnValue().Set(self->Write(args[0].As<Object>(), bytes.data(), bytes.size()));
  TrimScratch(&bytes);
}

// setWriteState(float64array of at least 2) (see the top of this file).
static void SetWriteState(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsFloat64Array() || args[0].As<v8::Float64Array>()->Length() < 2) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"state\" argument must be a Float64Array of length 2");
    return;
  }
  Local<v8::Float64Array> array = args[0].As<v8::Float64Array>();
  if (g_write_state_store == nullptr) g_write_state_store = new std::shared_ptr<v8::BackingStore>();
  // SAFETY: the store is kept alive here, so the pointer stays valid.
  *g_write_state_store = array->Buffer()->GetBackingStore();
  g_write_state = reinterpret_cast<double*>(static_cast<char*>((*g_write_state_store)->Data()) +
                                            array->ByteOffset());
}

static void ReadStart(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) args.GetReturnValue().Set(self->ReadStart());
}

static void ReadStop(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) args.GetReturnValue().Set(self->ReadStop());
}

// shutdown(req) -> 0 or -errno
static void Shutdown(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self == nullptr || !CheckReq(args)) return;
  args.GetReturnValue().Set(self->Shutdown(args[0].As<Object>()));
}

// close([cb])
static void Close(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) self->Close(args[0]);
}

static void Ref(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) self->Ref();
}

static void Unref(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) self->Unref();
}

static void HasRef(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self != nullptr) args.GetReturnValue().Set(self->has_ref());
}

// setBlocking(blocking) -> 0 or -errno. Changes to fds 0-2 are undone at exit.
static void SetBlocking(const FunctionCallbackInfo<Value>& args) {
  FdStream* self = This(args);
  if (self == nullptr) return;
  bool blocking = args[0]->BooleanValue(args.GetIsolate());
  int fd = self->fd();
  int flags = fcntl(fd, F_GETFL);
  if (flags == -1) return args.GetReturnValue().Set(-errno);
  int wanted = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
  if (blocking) self->ForgetBlockingMode();
  if (wanted != flags) {
    if (fd <= STDERR_FILENO && g_stdio_flags[fd] == -1) g_stdio_flags[fd] = flags;
    if (fcntl(fd, F_SETFL, wanted) == -1) return args.GetReturnValue().Set(-errno);
  }
  args.GetReturnValue().Set(0);
}

void InstallStreamMethods(Isolate* isolate, Local<FunctionTemplate> t) {
  SetProtoMethod(isolate, t, "writeBuffer", WriteBuffer);
  SetProtoMethod(isolate, t, "writeString", WriteString);
  SetProtoMethod(isolate, t, "writev", Writev);
  SetProtoMethod(isolate, t, "readStart", ReadStart);
  SetProtoMethod(isolate, t, "readStop", ReadStop);
  SetProtoMethod(isolate, t, "shutdown", Shutdown);
  SetProtoMethod(isolate, t, "close", Close);
  SetProtoMethod(isolate, t, "ref", Ref);
  SetProtoMethod(isolate, t, "unref", Unref);
  SetProtoMethod(isolate, t, "hasRef", HasRef);
  SetProtoMethod(isolate, t, "setBlocking", SetBlocking);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, 1);
  t->SetClassName(OneByteString(isolate, "FdStream"));
  InstallStreamMethods(isolate, t);
  SetValue(context, target, "FdStream", t->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "setWriteState", SetWriteState);
  SetConstant(context, target, "kEOF", kEOF);
  SetConstant(context, target, "kReadSize", kReadSize);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(WriteBuffer);
  r->Register(WriteString);
  r->Register(Writev);
  r->Register(ReadStart);
  r->Register(ReadStop);
  r->Register(Shutdown);
  r->Register(Close);
  r->Register(Ref);
  r->Register(Unref);
  r->Register(HasRef);
  r->Register(SetBlocking);
  r->Register(SetWriteState);
}

}  // namespace kiln::bindings::stream_fd
