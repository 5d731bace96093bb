// process.binding('messaging'): the loop side of MessagePort and
// BroadcastChannel (js_lib/internal/worker/io.js), and the port ends that
// carry messages between threads (worker_threads).
//
// One ev_async per thread that runs JS, made at first use at run time
// (never in the snapshot). JS queues a message and calls schedule(); libev
// then runs the delivery in the poll phase of the next loop iteration, where
// Node's uv_async would. Each deliver(first) call hands over one message and
// is a top-level callback of its own, so nextTicks and microtasks run
// between two messages as in Node; it returns true while more are due this
// round. The watcher is unref'd unless JS says, with setRef(true), that some
// port is ref'd and listening: then it keeps the loop alive, as a ref'd
// MessagePort does in Node.
//
// Ports within one thread are JS objects only. A port whose peer lives on
// another thread is backed by a port end here: a process-wide numbered
// record with a queue of serialized messages and an owner (the thread whose
// ev_async is sent when a message arrives; none while the end is in
// transit inside a message). A message is V8's serialization of the value
// plus its side tables: SharedArrayBuffer backing stores (shared), the
// backing stores of transferred ArrayBuffers (moved) and the ids of
// transferred port ends. One mutex guards every end and queue.
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::messaging {

using v8::Array;
using v8::ArrayBuffer;
using v8::BackingStore;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::HandleScope;
using v8::Isolate;
using v8::Just;
using v8::Local;
using v8::Maybe;
using v8::MaybeLocal;
using v8::Object;
using v8::SharedArrayBuffer;
using v8::String;
using v8::Value;
using v8::ValueDeserializer;
using v8::ValueSerializer;

namespace {

struct State {
  Environment* env;
  ev_async async;
  bool ref = false;  // whether the watcher counts for the loop
  v8::Global<v8::Function> deliver;
  std::set<double> owned;  // port ends this thread receives on (g_mu)
};

thread_local State* g_state = nullptr;

struct Message {
  std::vector<uint8_t> data;
  std::vector<std::shared_ptr<BackingStore>> sabs;     // shared
  std::vector<std::shared_ptr<BackingStore>> buffers;  // transferred
  std::vector<double> ports;                           // transferred ends
  bool close = false;  // the peer closed: nothing follows
};

struct PortEnd {
  double peer;
  State* owner = nullptr;  // null while in transit
  std::deque<Message> queue;
};

std::mutex g_mu;
std::map<double, PortEnd>* g_ends = new std::map<double, PortEnd>;
double g_next_id = 1;

// g_mu held. Wakes the owner of `end`, if any, to pull its messages.
void Wake(const PortEnd& end) {
  if (end.owner != nullptr) ev_async_send(end.owner->env->loop(), &end.owner->async);
}

// g_mu held. Closes the end `id`: its peer gets a close message after what
// it already has.
void CloseLocked(double id) {
  auto it = g_ends->find(id);
  if (it == g_ends->end()) return;
  double peer = it->second.peer;
  if (it->second.owner != nullptr) it->second.owner->owned.erase(id);
  // Ends in transit inside dropped messages close too.
  std::vector<double> inner;
  for (Message& m : it->second.queue) inner.insert(inner.end(), m.ports.begin(), m.ports.end());
  g_ends->erase(it);
  auto p = g_ends->find(peer);
  if (p != g_ends->end()) {
    Message m;
    m.close = true;
    p->second.queue.push_back(std::move(m));
    Wake(p->second);
  }
  for (double i : inner) CloseLocked(i);
}

void OnAsync(struct ev_loop*, ev_async* w, int) {
  State* s = static_cast<State*>(w->data);
  Isolate* isolate = s->env->isolate();
  HandleScope scope(isolate);
  Local<Value> first = v8::True(isolate);
  for (;;) {
    Local<Value> more;
    if (!s->env->MakeCallback(s->deliver.Get(isolate), s->env->context()->Global(), 1, &first)
             .ToLocal(&more) ||
        !more->IsTrue()) {
      break;
    }
    first = v8::False(isolate);
  }
}

class SerializerDelegate : public ValueSerializer::Delegate {
 public:
  SerializerDelegate(Isolate* isolate, Local<Function> make_error, Message* msg)
      : isolate_(isolate), make_error_(make_error), msg_(msg) {}

  void ThrowDataCloneError(Local<String> message) override {
    Local<Value> argv[] = {message};
    Local<Value> error;
    if (make_error_->Call(isolate_->GetCurrentContext(), v8::Undefined(isolate_), 1, argv)
            .ToLocal(&error)) {
      isolate_->ThrowException(error);
    }
  }

  Maybe<uint32_t> GetSharedArrayBufferId(Isolate*, Local<SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < sabs_.size(); i++) {
      if (sabs_[i] == sab) return Just(static_cast<uint32_t>(i));
    }
    sabs_.push_back(sab);
    msg_->sabs.push_back(sab->GetBackingStore());
    return Just(static_cast<uint32_t>(sabs_.size() - 1));
  }

 private:
  Isolate* isolate_;
  Local<Function> make_error_;
  Message* msg_;
  std::vector<Local<SharedArrayBuffer>> sabs_;
};

class DeserializerDelegate : public ValueDeserializer::Delegate {
 public:
  explicit DeserializerDelegate(Message* msg) : msg_(msg) {}
  MaybeLocal<SharedArrayBuffer> GetSharedArrayBufferFromId(Isolate* isolate,
                                                           uint32_t id) override {
    if (id < msg_->sabs.size()) return SharedArrayBuffer::New(isolate, msg_->sabs[id]);
    return {};
  }

 private:
  Message* msg_;
};

// The value of `msg` in this isolate; empty with an exception pending.
MaybeLocal<Value> Deserialize(Isolate* isolate, Local<Context> context, Message* msg) {
  DeserializerDelegate delegate(msg);
  ValueDeserializer deserializer(isolate, msg->data.data(), msg->data.size(), &delegate);
  for (size_t i = 0; i < msg->buffers.size(); i++) {
    deserializer.TransferArrayBuffer(static_cast<uint32_t>(i),
                                     ArrayBuffer::New(isolate, msg->buffers[i]));
  }
  if (deserializer.ReadHeader(context).IsNothing()) return {};
  return deserializer.ReadValue(context);
}

Local<Array> NumberArray(Isolate* isolate, const std::vector<double>& v) {
  Local<Context> context = isolate->GetCurrentContext();
  Local<Array> a = Array::New(isolate, static_cast<int>(v.size()));
  for (size_t i = 0; i < v.size(); i++) {
    a->Set(context, static_cast<uint32_t>(i), v8::Number::New(isolate, v[i])).Check();
  }
  return a;
}

}  // namespace

// Before this thread's loop goes away (a worker ends): every end it owns
// closes, so ports on other threads see 'close'.
void ReleaseThreadPorts() {
  if (g_state == nullptr) return;
  std::lock_guard<std::mutex> lock(g_mu);
  std::set<double> owned;
  owned.swap(g_state->owned);
  for (double id : owned) CloseLocked(id);
  ev_async_stop(g_state->env->loop(), &g_state->async);
  g_state = nullptr;  // leaked with the thread's loop; nothing points at it
}

// start(deliver): deliver(first) is called from the loop after schedule().
static void Start(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsFunction()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "deliver must be a function");
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    return ThrowTypeError(isolate, "ERR_INVALID_STATE", "messaging needs a running loop");
  }
  if (g_state == nullptr) {
    g_state = new State();  // lives as long as the thread
    g_state->env = env;
    ev_async_init(&g_state->async, OnAsync);
    g_state->async.data = g_state;
    ev_async_start(env->loop(), &g_state->async);
    ev_unref(env->loop());
  }
  g_state->deliver.Reset(isolate, args[0].As<v8::Function>());
}

// schedule(): a delivery round in the next loop iteration.
static void Schedule(const FunctionCallbackInfo<Value>&) {
  if (g_state != nullptr) ev_async_send(g_state->env->loop(), &g_state->async);
}

// setRef(bool): whether pending or future messages keep the loop alive.
static void SetRef(const FunctionCallbackInfo<Value>& args) {
  bool ref = args[0]->BooleanValue(args.GetIsolate());
  if (g_state == nullptr || ref == g_state->ref) return;
  g_state->ref = ref;
  if (ref) ev_ref(g_state->env->loop());
  else ev_unref(g_state->env->loop());
}

// createPair() -> [a, b]: two new port ends, peers of each other, in transit.
static void CreatePair(const FunctionCallbackInfo<Value>& args) {
  double a, b;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    a = g_next_id++;
    b = g_next_id++;
    (*g_ends)[a].peer = b;
    (*g_ends)[b].peer = a;
  }
  args.GetReturnValue().Set(NumberArray(args.GetIsolate(), {a, b}));
}

// own(id): this thread receives on end `id` from now on (start() first).
static void Own(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "a number");
  if (g_state == nullptr) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_STATE", "messaging not started");
  }
  double id = args[0].As<v8::Number>()->Value();
  std::lock_guard<std::mutex> lock(g_mu);
  auto it = g_ends->find(id);
  if (it == g_ends->end()) return;
  it->second.owner = g_state;
  g_state->owned.insert(id);
  if (!it->second.queue.empty()) Wake(it->second);
}

// disown(id): end `id` goes in transit (it is being transferred).
static void Disown(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "a number");
  double id = args[0].As<v8::Number>()->Value();
  std::lock_guard<std::mutex> lock(g_mu);
  auto it = g_ends->find(id);
  if (it == g_ends->end()) return;
  if (it->second.owner != nullptr) it->second.owner->owned.erase(id);
  it->second.owner = nullptr;
}

// post(id, value, buffers: ArrayBuffer[], ports: id[], makeDataCloneError):
// serializes `value` and queues it for the peer of end `id`. The buffers
// are detached here; the ends in `ports` travel with the message (the
// caller disowned them). Returns whether the peer was still there.
static void Post(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "a number");
  CHECK_ARG(args, 2, IsArray, "an Array");
  CHECK_ARG(args, 3, IsArray, "an Array");
  CHECK_ARG(args, 4, IsFunction, "a function");
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  double id = args[0].As<v8::Number>()->Value();
  Message msg;
  Local<Array> list = args[2].As<Array>();
  std::vector<Local<ArrayBuffer>> buffers;
  for (uint32_t i = 0; i < list->Length(); i++) {
    Local<Value> ab;
    if (!list->Get(context, i).ToLocal(&ab)) return;
    if (!ab->IsArrayBuffer() || !ab.As<ArrayBuffer>()->IsDetachable()) {
      return ThrowTypeError(isolate, "ERR_INVALID_TRANSFER_OBJECT",
                            "Found invalid object in transferList");
    }
    buffers.push_back(ab.As<ArrayBuffer>());
  }
  Local<Array> ports = args[3].As<Array>();
  for (uint32_t i = 0; i < ports->Length(); i++) {
    Local<Value> p;
    if (!ports->Get(context, i).ToLocal(&p)) return;
    msg.ports.push_back(p->NumberValue(context).FromMaybe(0));
  }
  {
    SerializerDelegate delegate(isolate, args[4].As<Function>(), &msg);
    ValueSerializer serializer(isolate, &delegate);
    serializer.WriteHeader();
    for (size_t i = 0; i < buffers.size(); i++) {
      serializer.TransferArrayBuffer(static_cast<uint32_t>(i), buffers[i]);
    }
    if (serializer.WriteValue(context, args[1]).IsNothing()) return;
    std::pair<uint8_t*, size_t> data = serializer.Release();
    msg.data.assign(data.first, data.first + data.second);
    free(data.first);
  }
  for (Local<ArrayBuffer> ab : buffers) {
    msg.buffers.push_back(ab->GetBackingStore());
    ab->Detach();
  }
  std::lock_guard<std::mutex> lock(g_mu);
  auto it = g_ends->find(id);
  auto peer = it == g_ends->end() ? g_ends->end() : g_ends->find(it->second.peer);
  if (peer == g_ends->end()) {
    for (double p : msg.ports) CloseLocked(p);
    return args.GetReturnValue().Set(false);
  }
  peer->second.queue.push_back(std::move(msg));
  Wake(peer->second);
  args.GetReturnValue().Set(true);
}

// close(id): end `id` closes; its peer receives a close after its messages.
static void Close(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "a number");
  std::lock_guard<std::mutex> lock(g_mu);
  CloseLocked(args[0].As<v8::Number>()->Value());
}

// drain() -> [id, value, ports, close, ...] (stride 4): every message that
// arrived on the ends this thread owns, in arrival order per end.
static void Drain(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  std::vector<std::pair<double, Message>> got;
  if (g_state != nullptr) {
    std::lock_guard<std::mutex> lock(g_mu);
    for (double id : g_state->owned) {
      auto it = g_ends->find(id);
      if (it == g_ends->end()) continue;
      for (Message& m : it->second.queue) got.emplace_back(id, std::move(m));
      it->second.queue.clear();
    }
  }
  Local<Array> out = Array::New(isolate, static_cast<int>(got.size() * 4));
  uint32_t n = 0;
  for (auto& [id, msg] : got) {
    Local<Value> value = v8::Undefined(isolate);
    if (!msg.close && !Deserialize(isolate, context, &msg).ToLocal(&value)) return;
    out->Set(context, n++, v8::Number::New(isolate, id)).Check();
    out->Set(context, n++, value).Check();
    out->Set(context, n++, NumberArray(isolate, msg.ports)).Check();
    out->Set(context, n++, v8::Boolean::New(isolate, msg.close)).Check();
  }
  args.GetReturnValue().Set(out);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "start", Start);
  SetMethod(context, target, "schedule", Schedule);
  SetMethod(context, target, "setRef", SetRef);
  SetMethod(context, target, "createPair", CreatePair);
  SetMethod(context, target, "own", Own);
  SetMethod(context, target, "disown", Disown);
  SetMethod(context, target, "post", Post);
  SetMethod(context, target, "close", Close);
  SetMethod(context, target, "drain", Drain);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Start);
  r->Register(Schedule);
  r->Register(SetRef);
  r->Register(CreatePair);
  r->Register(Own);
  r->Register(Disown);
  r->Register(Post);
  r->Register(Close);
  r->Register(Drain);
}

}  // namespace kiln::bindings::messaging
