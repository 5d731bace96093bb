// process.binding('url'): the WHATWG URL parser (ada 2.7.8, the one Node
// uses) behind js_lib/internal/url.js. A URL is kept in JS as its href plus
// ada's component offsets; parse/update write those offsets into the
// caller's Uint32Array(9):
//   [protocol_end, username_end, host_start, host_end, port, pathname_start,
//    search_start, hash_start, scheme_type]
// with 0xffffffff for an omitted port/search/hash, as ada's url_components.
// Same names and shapes as Node's internalBinding('url'), except that the
// offsets go to an array the caller passes instead of one held by the binding.
#include <ada.h>

#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::url {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::NewStringType;
using v8::Object;
using v8::String;
using v8::Uint32Array;
using v8::Value;

constexpr size_t kComponentsLength = 9;

// The setter behind URL.prototype.<name> = value; numbering as Node's
// urlUpdateActions.
enum UpdateAction : uint32_t {
  kProtocol = 0, kHost, kHostname, kPort, kUsername, kPassword, kPathname, kSearch,
  kHash, kHref,
};

// ---- helpers ----------------------------------------------------------------

// A JS string as UTF-8; lone surrogates become U+FFFD (a USVString, as the URL
// standard converts its inputs).
static std::string ToUtf8(Isolate* isolate, Local<Value> value) {
  Local<String> str = value.As<String>();
  std::string out(str->Utf8Length(isolate), '\0');
  str->WriteUtf8(isolate, out.data(), static_cast<int>(out.size()), nullptr,
                 String::REPLACE_INVALID_UTF8 | String::NO_NULL_TERMINATION);
  return out;
}

static Local<String> FromUtf8(Isolate* isolate, std::string_view s) {
  return String::NewFromUtf8(isolate, s.data(), NewStringType::kNormal,
                             static_cast<int>(s.size()))
      .ToLocalChecked();
}

// The components array argument: a Uint32Array with room for every offset.
static uint32_t* ComponentsArg(const FunctionCallbackInfo<Value>& args, int i) {
  if (!args[i]->IsUint32Array() || args[i].As<Uint32Array>()->Length() < kComponentsLength) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The components argument must be a Uint32Array(9)");
    return nullptr;
  }
  Local<Uint32Array> a = args[i].As<Uint32Array>();
  // SAFETY: length checked above; a JS Uint32Array is 4-byte aligned and its
  // buffer outlives this call.
  return reinterpret_cast<uint32_t*>(
      static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) + a->ByteOffset());
}

static void WriteComponents(uint32_t* out, const ada::url_aggregator& url) {
  const ada::url_components& c = url.get_components();
  out[0] = c.protocol_end;
  out[1] = c.username_end;
  out[2] = c.host_start;
  out[3] = c.host_end;
  out[4] = c.port;
  out[5] = c.pathname_start;
  out[6] = c.search_start;
  out[7] = c.hash_start;
  out[8] = static_cast<uint32_t>(url.type);
}

// Newer ada (Node 20's) rejects a port value starting with '-' (after tabs
// and newlines are dropped) and leaves the port as it was; 2.7.8 clears it.
static bool IsNegativePort(const std::string& value) {
  for (char c : value) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    return c == '-';
  }
  return false;
}

// ---- callbacks --------------------------------------------------------------

// parse(input, base | undefined, components) -> href, or false when either
// does not parse.
static void Parse(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  uint32_t* components = ComponentsArg(args, 2);
  if (components == nullptr) return;
  ada::result<ada::url_aggregator> base;
  const ada::url_aggregator* base_ptr = nullptr;
  if (args[1]->IsString()) {
    base = ada::parse<ada::url_aggregator>(ToUtf8(isolate, args[1]));
    if (!base) return args.GetReturnValue().Set(false);
    base_ptr = &base.value();
  }
  std::string input = ToUtf8(isolate, args[0]);
  auto out = ada::parse<ada::url_aggregator>(input, base_ptr);
  if (!out) return args.GetReturnValue().Set(false);
  WriteComponents(components, *out);
  args.GetReturnValue().Set(FromUtf8(isolate, out->get_href()));
}

// canParse(input[, base]) -> boolean
static void CanParse(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  std::string input = ToUtf8(isolate, args[0]);
  if (!args[1]->IsString()) return args.GetReturnValue().Set(ada::can_parse(input));
  std::string base = ToUtf8(isolate, args[1]);
  std::string_view base_view(base);
  args.GetReturnValue().Set(ada::can_parse(input, &base_view));
}

// update(href, action, value, components) -> the new href, or false when the
// setter rejects the value (the URL is then unchanged).
static void Update(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsUint32, "an action number");
  CHECK_ARG(args, 2, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  uint32_t* components = ComponentsArg(args, 3);
  if (components == nullptr) return;
  auto out = ada::parse<ada::url_aggregator>(ToUtf8(isolate, args[0]));
  if (!out) return args.GetReturnValue().Set(false);
  std::string value = ToUtf8(isolate, args[2]);
  bool ok = true;
  switch (args[1].As<v8::Uint32>()->Value()) {
    case kProtocol: ok = out->set_protocol(value); break;
    case kHost: ok = out->set_host(value); break;
    case kHostname: ok = out->set_hostname(value); break;
    case kPort: ok = !IsNegativePort(value) && out->set_port(value); break;
    case kUsername: ok = out->set_username(value); break;
    case kPassword: ok = out->set_password(value); break;
    case kPathname: ok = out->set_pathname(value); break;
    case kSearch: out->set_search(value); break;
    case kHash: out->set_hash(value); break;
    case kHref: ok = out->set_href(value); break;
    default:
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Unknown URL update action");
  }
  if (!ok) return args.GetReturnValue().Set(false);
  WriteComponents(components, *out);
  args.GetReturnValue().Set(FromUtf8(isolate, out->get_href()));
}

// format(href, fragment, unicode, search, auth) -> href without the parts
// switched off (url.format(URL, options)); the href itself if it does not parse.
static void Format(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  std::string href = ToUtf8(isolate, args[0]);
  // ada::url keeps each component as its own string, so parts can be dropped
  // by assignment instead of through the setters' validation.
  auto out = ada::parse<ada::url>(href);
  if (!out) return args.GetReturnValue().Set(args[0]);
  if (!args[1]->IsTrue()) out->hash = std::nullopt;
  if (args[2]->IsTrue() && out->has_hostname()) {
    out->host = ada::idna::to_unicode(out->get_hostname());
  }
  if (!args[3]->IsTrue()) out->query = std::nullopt;
  if (!args[4]->IsTrue()) {
    out->username = "";
    out->password = "";
  }
  args.GetReturnValue().Set(FromUtf8(isolate, out->get_href()));
}

// The host a special URL would have with `input` as its hostname: ASCII
// (punycode) or, with `unicode`, back to Unicode; '' when it is not valid.
static void DomainTo(const FunctionCallbackInfo<Value>& args, bool unicode) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  std::string input = ToUtf8(isolate, args[0]);
  if (input.empty()) return args.GetReturnValue().SetEmptyString();
  // A special scheme, so that set_hostname applies the domain-to-ASCII rules.
  auto out = ada::parse<ada::url>("ws://x");
  if (!out || !out->set_hostname(input)) return args.GetReturnValue().SetEmptyString();
  std::string host = out->get_hostname();
  if (unicode) host = ada::idna::to_unicode(host);
  args.GetReturnValue().Set(FromUtf8(isolate, host));
}

static void DomainToASCII(const FunctionCallbackInfo<Value>& args) { DomainTo(args, false); }
static void DomainToUnicode(const FunctionCallbackInfo<Value>& args) { DomainTo(args, true); }

// toASCII(domain) / toUnicode(domain): UTS #46 processing alone (the legacy
// url.parse hostname); toASCII returns '' for an invalid domain.
static void ToASCII(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  args.GetReturnValue().Set(FromUtf8(isolate, ada::idna::to_ascii(ToUtf8(isolate, args[0]))));
}

static void ToUnicode(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  args.GetReturnValue().Set(FromUtf8(isolate, ada::idna::to_unicode(ToUtf8(isolate, args[0]))));
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "parse", Parse);
  SetMethod(context, target, "canParse", CanParse);
  SetMethod(context, target, "update", Update);
  SetMethod(context, target, "format", Format);
  SetMethod(context, target, "domainToASCII", DomainToASCII);
  SetMethod(context, target, "domainToUnicode", DomainToUnicode);
  SetMethod(context, target, "toASCII", ToASCII);
  SetMethod(context, target, "toUnicode", ToUnicode);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(Parse);
  refs->Register(CanParse);
  refs->Register(Update);
  refs->Register(Format);
  refs->Register(DomainToASCII);
  refs->Register(DomainToUnicode);
  refs->Register(ToASCII);
  refs->Register(ToUnicode);
}

}  // namespace kiln::bindings::url
