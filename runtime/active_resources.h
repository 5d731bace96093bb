// The live handles and pending requests of an Environment, for
// process.getActiveResourcesInfo(), _getActiveHandles() and
// _getActiveRequests(). An object links itself when it starts (a handle when
// made, a request when dispatched) and unlinks when it ends: an intrusive
// list, so tracking costs two pointer writes and no allocation.
#ifndef KILN_RUNTIME_ACTIVE_RESOURCES_H_
#define KILN_RUNTIME_ACTIVE_RESOURCES_H_

#include <v8.h>

namespace kiln {

class ActiveResource {
 public:
  ActiveResource() = default;
  ActiveResource(const ActiveResource&) = delete;
  ActiveResource& operator=(const ActiveResource&) = delete;
  virtual ~ActiveResource() { Unlink(); }

  // Node's class name for it: 'TCPSocketWrap', 'FSReqCallback', ...; null
  // for one Node would not list (e.g. a stream over a regular file).
  virtual const char* ResourceName() const = 0;
  // The JS object of the handle or request (empty if gone).
  virtual v8::Local<v8::Object> ResourceObject() const = 0;
  // Whether it keeps the loop alive: unref'd handles are not listed.
  virtual bool ResourceHasRef() const { return true; }

  bool linked() const { return next_ != nullptr; }
  void Unlink() {
    if (next_ == nullptr) return;
    prev_->next_ = next_;
    next_->prev_ = prev_;
    prev_ = next_ = nullptr;
  }

 private:
  friend class ActiveList;
  ActiveResource* prev_ = nullptr;
  ActiveResource* next_ = nullptr;
};

// A circular list in insertion order, headed by a sentinel.
class ActiveList {
 public:
  ActiveList() { head_.prev_ = head_.next_ = &head_; }
  // Entries that outlive the list are left unlinked, not dangling.
  ~ActiveList() {
    while (head_.next_ != &head_) head_.next_->Unlink();
  }
  ActiveList(const ActiveList&) = delete;
  ActiveList& operator=(const ActiveList&) = delete;

  void Push(ActiveResource* r) {
    r->Unlink();
    r->prev_ = head_.prev_;
    r->next_ = &head_;
    head_.prev_->next_ = r;
    head_.prev_ = r;
  }

  template <typename F>
  void ForEach(F fn) const {
    for (ActiveResource* r = head_.next_; r != &head_; r = r->next_) fn(r);
  }

 private:
  class Head : public ActiveResource {
    const char* ResourceName() const override { return ""; }
    v8::Local<v8::Object> ResourceObject() const override { return {}; }
  };
  Head head_;
};

}  // namespace kiln

#endif  // KILN_RUNTIME_ACTIVE_RESOURCES_H_
