// The compression engines behind process.binding('zlib'), as plain C++ with
// no V8: a zlib stream in one of Node's seven modes, and brotli's encoder and
// decoder. Each has the same shape, so bindings/zlib.cc can wrap any of them:
//
//   SetBuffers(in, in_len, out, out_len); SetFlush(flush)
//   Work()            one deflate/inflate/brotli call; safe on a pool thread
//   GetErrorInfo()    Node's verdict on the last Work(): message, code, errno
//   AvailIn(), AvailOut()
//   ResetStream(), Close()
//
// The verdicts and quirks follow Node's src/node_zlib.cc, since scripts and
// Node's tests check them: "unexpected end of file" when Z_FINISH left
// output space, "Missing dictionary" / "Bad dictionary", Unzip sniffing the
// gzip magic bytes, gunzip reading concatenated members, and zlib set up
// lazily on first use.
#ifndef KILN_BINDINGS_ZLIB_CONTEXT_H_
#define KILN_BINDINGS_ZLIB_CONTEXT_H_

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace kiln::bindings::zlib {

// Node's node_zlib_mode.
enum Mode { NONE, DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP,
            BROTLI_DECODE, BROTLI_ENCODE };

struct CompressionError {
  const char* message = nullptr;  // null: no error
  std::string code;
  int err = 0;
  bool IsError() const { return message != nullptr; }
};

inline const char* ZlibStrerror(int err) {
  switch (err) {
    case Z_OK: return "Z_OK";
    case Z_STREAM_END: return "Z_STREAM_END";
    case Z_NEED_DICT: return "Z_NEED_DICT";
    case Z_ERRNO: return "Z_ERRNO";
    case Z_STREAM_ERROR: return "Z_STREAM_ERROR";
    case Z_DATA_ERROR: return "Z_DATA_ERROR";
    case Z_MEM_ERROR: return "Z_MEM_ERROR";
    case Z_BUF_ERROR: return "Z_BUF_ERROR";
    case Z_VERSION_ERROR: return "Z_VERSION_ERROR";
    default: return "Z_UNKNOWN_ERROR";
  }
}

class ZlibContext {
 public:
  explicit ZlibContext(Mode mode) : mode_(mode) { memset(&strm_, 0, sizeof(strm_)); }
  ~ZlibContext() { Close(); }
  ZlibContext(const ZlibContext&) = delete;
  ZlibContext& operator=(const ZlibContext&) = delete;

  // Stores the parameters; zlib itself is set up by the first Work(),
  // ResetStream() or SetParams() (so idle streams cost little memory).
  void Init(int level, int window_bits, int mem_level, int strategy,
            std::vector<uint8_t> dictionary) {
    level_ = level;
    window_bits_ = window_bits;
    mem_level_ = mem_level;
    strategy_ = strategy;
    flush_ = Z_NO_FLUSH;
    err_ = Z_OK;
    if (mode_ == GZIP || mode_ == GUNZIP) window_bits_ += 16;
    if (mode_ == UNZIP) window_bits_ += 32;
    if (mode_ == DEFLATERAW || mode_ == INFLATERAW) window_bits_ *= -1;
    dictionary_ = std::move(dictionary);
  }

  void SetBuffers(const uint8_t* in, uint32_t in_len, uint8_t* out, uint32_t out_len) {
    strm_.avail_in = in_len;
    strm_.next_in = const_cast<Bytef*>(in);
    strm_.avail_out = out_len;
    strm_.next_out = out;
  }
  void SetFlush(int flush) { flush_ = flush; }
  uint32_t AvailIn() const { return strm_.avail_in; }
  uint32_t AvailOut() const { return strm_.avail_out; }

  void Work() {
    bool first_init_call = InitZlib();
    if (first_init_call && err_ != Z_OK) return;
    const Bytef* next_header_byte = nullptr;
    switch (mode_) {
      case DEFLATE:
      case GZIP:
      case DEFLATERAW:
        err_ = deflate(&strm_, flush_);
        break;
      case UNZIP:
        // Gzip if the input starts with the two magic bytes, else zlib.
        if (strm_.avail_in > 0) next_header_byte = strm_.next_in;
        if (gzip_id_bytes_read_ == 0 && next_header_byte != nullptr) {
          if (*next_header_byte == 0x1f) {
            gzip_id_bytes_read_ = 1;
            next_header_byte++;
            if (strm_.avail_in == 1) next_header_byte = nullptr;  // only byte seen
          } else {
            mode_ = INFLATE;
            next_header_byte = nullptr;
          }
        }
        if (gzip_id_bytes_read_ == 1 && next_header_byte != nullptr) {
          if (*next_header_byte == 0x8b) {
            gzip_id_bytes_read_ = 2;
            mode_ = GUNZIP;
          } else {
            mode_ = INFLATE;
          }
        }
        [[fallthrough]];
      case INFLATE:
      case GUNZIP:
      case INFLATERAW:
        err_ = inflate(&strm_, flush_);
        // A stream made with a dictionary asks for it (INFLATERAW got it at
        // set-up).
        if (mode_ != INFLATERAW && err_ == Z_NEED_DICT && !dictionary_.empty()) {
          err_ = inflateSetDictionary(&strm_, dictionary_.data(), dictionary_.size());
          if (err_ == Z_OK) {
            err_ = inflate(&strm_, flush_);
          } else if (err_ == Z_DATA_ERROR) {
            // Both calls say Z_DATA_ERROR: tell a bad dictionary apart.
            err_ = Z_NEED_DICT;
          }
        }
        // More gzip members (or trailing garbage) after the end of one;
        // zero bytes are padding.
        while (strm_.avail_in > 0 && mode_ == GUNZIP && err_ == Z_STREAM_END &&
               strm_.next_in[0] != 0x00) {
          ResetStream();
          err_ = inflate(&strm_, flush_);
        }
        break;
      default:
        break;
    }
  }

  CompressionError GetErrorInfo() const {
    switch (err_) {
      case Z_OK:
      case Z_BUF_ERROR:
        if (strm_.avail_out != 0 && flush_ == Z_FINISH)
          return ErrorForMessage("unexpected end of file");
        break;
      case Z_STREAM_END:
        break;
      case Z_NEED_DICT:
        return ErrorForMessage(dictionary_.empty() ? "Missing dictionary" : "Bad dictionary");
      default:
        return ErrorForMessage("Zlib error");
    }
    return {};
  }

  CompressionError ResetStream() {
    bool first_init_call = InitZlib();
    if (first_init_call && err_ != Z_OK)
      return ErrorForMessage("Failed to init stream before reset");
    err_ = Z_OK;
    switch (mode_) {
      case DEFLATE:
      case DEFLATERAW:
      case GZIP:
        err_ = deflateReset(&strm_);
        break;
      case INFLATE:
      case INFLATERAW:
      case GUNZIP:
        err_ = inflateReset(&strm_);
        break;
      default:
        break;
    }
    if (err_ != Z_OK) return ErrorForMessage("Failed to reset stream");
    return SetDictionary();
  }

  CompressionError SetParams(int level, int strategy) {
    bool first_init_call = InitZlib();
    if (first_init_call && err_ != Z_OK)
      return ErrorForMessage("Failed to init stream before set parameters");
    err_ = Z_OK;
    // As Node: only these two modes pass the new parameters on.
    if (mode_ == DEFLATE || mode_ == DEFLATERAW) err_ = deflateParams(&strm_, level, strategy);
    if (err_ != Z_OK && err_ != Z_BUF_ERROR) return ErrorForMessage("Failed to set parameters");
    return {};
  }

  void Close() {
    if (!init_done_) {
      dictionary_.clear();
      mode_ = NONE;
      return;
    }
    if (mode_ == DEFLATE || mode_ == GZIP || mode_ == DEFLATERAW) {
      deflateEnd(&strm_);
    } else if (mode_ == INFLATE || mode_ == GUNZIP || mode_ == INFLATERAW || mode_ == UNZIP) {
      inflateEnd(&strm_);
    }
    init_done_ = false;
    mode_ = NONE;
    dictionary_.clear();
  }

 private:
  CompressionError ErrorForMessage(const char* message) const {
    if (strm_.msg != nullptr) message = strm_.msg;
    return {message, ZlibStrerror(err_), err_};
  }

  // True on the call that set zlib up (err_ then says how that went).
  bool InitZlib() {
    if (init_done_) return false;
    switch (mode_) {
      case DEFLATE:
      case GZIP:
      case DEFLATERAW:
        err_ = deflateInit2(&strm_, level_, Z_DEFLATED, window_bits_, mem_level_, strategy_);
        break;
      case INFLATE:
      case GUNZIP:
      case INFLATERAW:
      case UNZIP:
        err_ = inflateInit2(&strm_, window_bits_);
        break;
      default:
        err_ = Z_STREAM_ERROR;
        break;
    }
    if (err_ != Z_OK) {
      dictionary_.clear();
      mode_ = NONE;
      return true;
    }
    SetDictionary();
    init_done_ = true;
    return true;
  }

  CompressionError SetDictionary() {
    if (dictionary_.empty()) return {};
    err_ = Z_OK;
    switch (mode_) {
      case DEFLATE:
      case DEFLATERAW:
        err_ = deflateSetDictionary(&strm_, dictionary_.data(), dictionary_.size());
        break;
      case INFLATERAW:
        // The other inflate modes get it when inflate() asks (Work()).
        err_ = inflateSetDictionary(&strm_, dictionary_.data(), dictionary_.size());
        break;
      default:
        break;
    }
    if (err_ != Z_OK) return ErrorForMessage("Failed to set dictionary");
    return {};
  }

  Mode mode_;
  z_stream strm_;
  int err_ = Z_OK;
  int flush_ = Z_NO_FLUSH;
  int level_ = 0, window_bits_ = 0, mem_level_ = 0, strategy_ = 0;
  int gzip_id_bytes_read_ = 0;
  bool init_done_ = false;
  std::vector<uint8_t> dictionary_;
};

// What brotli's encoder and decoder share: the instance's life cycle (from
// the Create/Destroy/SetParameter calls of each) and the stream buffers.
template <typename State, typename Param,
          State* (*Create)(brotli_alloc_func, brotli_free_func, void*),
          void (*Destroy)(State*), BROTLI_BOOL (*SetParameter)(State*, Param, uint32_t)>
class BrotliContext {
 public:
  BrotliContext() = default;
  ~BrotliContext() { Close(); }
  BrotliContext(const BrotliContext&) = delete;
  BrotliContext& operator=(const BrotliContext&) = delete;

  CompressionError Init() {
    Close();
    state_ = Create(nullptr, nullptr, nullptr);
    if (state_ == nullptr)
      return {"Initialization failed", "ERR_ZLIB_INITIALIZATION_FAILED", -1};
    return {};
  }
  CompressionError SetParam(int key, uint32_t value) {
    if (!SetParameter(state_, static_cast<Param>(key), value))
      return {"Setting parameter failed", "ERR_BROTLI_PARAM_SET_FAILED", -1};
    return {};
  }
  void SetBuffers(const uint8_t* in, uint32_t in_len, uint8_t* out, uint32_t out_len) {
    next_in_ = in;
    avail_in_ = in_len;
    next_out_ = out;
    avail_out_ = out_len;
  }
  uint32_t AvailIn() const { return static_cast<uint32_t>(avail_in_); }
  uint32_t AvailOut() const { return static_cast<uint32_t>(avail_out_); }
  void Close() {
    if (state_ != nullptr) Destroy(state_);
    state_ = nullptr;
  }

 protected:
  State* state_ = nullptr;
  const uint8_t* next_in_ = nullptr;
  uint8_t* next_out_ = nullptr;
  size_t avail_in_ = 0, avail_out_ = 0;
};

// Brotli's encoder. `flush` is a BrotliEncoderOperation.
class BrotliEncoderContext
    : public BrotliContext<BrotliEncoderState, BrotliEncoderParameter,
                           BrotliEncoderCreateInstance, BrotliEncoderDestroyInstance,
                           BrotliEncoderSetParameter> {
 public:
  void SetFlush(int flush) { flush_ = static_cast<BrotliEncoderOperation>(flush); }
  void Work() {
    last_result_ = BrotliEncoderCompressStream(state_, flush_, &avail_in_, &next_in_, &avail_out_,
                                               &next_out_, nullptr);
  }
  CompressionError GetErrorInfo() const {
    if (!last_result_) return {"Compression failed", "ERR_BROTLI_COMPRESSION_FAILED", -1};
    return {};
  }
  CompressionError ResetStream() { return Init(); }

 private:
  BrotliEncoderOperation flush_ = BROTLI_OPERATION_PROCESS;
  bool last_result_ = true;
};

// Brotli's decoder. `flush` is a BrotliEncoderOperation too (Node passes the
// same values); only FINISH matters, for the truncation verdict.
class BrotliDecoderContext
    : public BrotliContext<BrotliDecoderState, BrotliDecoderParameter,
                           BrotliDecoderCreateInstance, BrotliDecoderDestroyInstance,
                           BrotliDecoderSetParameter> {
 public:
  CompressionError Init() {
    error_ = BROTLI_DECODER_NO_ERROR;
    last_result_ = BROTLI_DECODER_RESULT_SUCCESS;
    return BrotliContext::Init();
  }
  void SetFlush(int flush) { flush_ = flush; }
  void Work() {
    last_result_ = BrotliDecoderDecompressStream(state_, &avail_in_, &next_in_, &avail_out_,
                                                 &next_out_, nullptr);
    if (last_result_ == BROTLI_DECODER_RESULT_ERROR) {
      error_ = BrotliDecoderGetErrorCode(state_);
      error_string_ = std::string("ERR_") + ErrorPrefix(error_) + BrotliDecoderErrorString(error_);
    }
  }
  CompressionError GetErrorInfo() const {
    if (error_ != BROTLI_DECODER_NO_ERROR)
      return {"Decompression failed", error_string_, static_cast<int>(error_)};
    // Brotli says "needs more input" both for truncated input and
    // for a stream that simply is not finished yet; at the end it is the
    // former.
    if (flush_ == BROTLI_OPERATION_FINISH && last_result_ == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
      return {"unexpected end of file", "Z_BUF_ERROR", Z_BUF_ERROR};
    return {};
  }
  CompressionError ResetStream() { return Init(); }

 private:
  int flush_ = BROTLI_OPERATION_PROCESS;
  BrotliDecoderResult last_result_ = BROTLI_DECODER_RESULT_SUCCESS;
  BrotliDecoderErrorCode error_ = BROTLI_DECODER_NO_ERROR;
  std::string error_string_;

  // Brotli 1.1 (Node 20's) names errors with their group prefix
  // ("_ERROR_FORMAT_CL_SPACE"); Debian's 1.0.9 gives the bare name.
  static const char* ErrorPrefix(int code) {
    if (code >= 0) return "_";
    if (code >= -16) return "_ERROR_FORMAT_";
    if (code >= -30 && code <= -21) return "_ERROR_ALLOC_";
    return "_ERROR_";
  }
};

}  // namespace kiln::bindings::zlib

#endif  // KILN_BINDINGS_ZLIB_CONTEXT_H_
