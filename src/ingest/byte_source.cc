#include "ingest/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dyad::ingest {
namespace {

// 256 KiB: large enough that read(2) and the decompressors run at full speed,
// small enough to be irrelevant next to one article.
constexpr size_t kChunk = 256 * 1024;

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      return Status::IOError("read failed: " + std::string(std::strerror(errno)));
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string s) : s_(std::move(s)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string s_;
  size_t pos_ = 0;
};

class Prefixed : public ByteSource {
 public:
  Prefixed(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> in) : in_(std::move(in)), inbuf_(kChunk, '\0') {
    std::memset(&z_, 0, sizeof z_);
    // 15 + 16: gzip wrapper only (zlib streams are not what .gz files hold).
    init_ok_ = inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&z_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    if (!init_ok_) return Status::Internal("zlib inflateInit2 failed");
    if (done_) return size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt want = z_.avail_out;
    while (z_.avail_out == want) {
      if (z_.avail_in == 0) {
        DYAD_ASSIGN_OR_RETURN(size_t got, in_->Read(inbuf_.data(), inbuf_.size()));
        if (got == 0) {
          if (in_member_)
            return Status::Corruption("gzip data ends early (truncated file) after " +
                                      std::to_string(z_.total_out) + " bytes of this member");
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(inbuf_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);  // a following gzip member, if any
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Status::Corruption(std::string("corrupt gzip data (zlib: ") +
                                  (z_.msg ? z_.msg : "error " + std::to_string(rc)) + ")");
      }
    }
    return static_cast<size_t>(want - z_.avail_out);
  }

 private:
  std::unique_ptr<ByteSource> in_;
  std::string inbuf_;
  z_stream z_;
  bool init_ok_ = false;
  bool in_member_ = false;
  bool done_ = false;
};

struct ZstdDeleter {
  void operator()(ZSTD_DStream* d) const { ZSTD_freeDStream(d); }
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> in)
      : src_(std::move(in)), d_(ZSTD_createDStream()), inbuf_(ZSTD_DStreamInSize(), '\0') {
    if (d_) ZSTD_initDStream(d_.get());
  }
  Result<size_t> Read(char* buf, size_t n) override {
    if (!d_) return Status::Internal("ZSTD_createDStream failed");
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
      if (zin_.pos == zin_.size) {
        DYAD_ASSIGN_OR_RETURN(size_t got, src_->Read(inbuf_.data(), inbuf_.size()));
        if (got == 0) {
          if (pending_) return Status::Corruption("zstd data ends early (truncated file)");
          return size_t{0};
        }
        zin_ = {inbuf_.data(), got, 0};
      }
      const size_t rc = ZSTD_decompressStream(d_.get(), &out, &zin_);
      if (ZSTD_isError(rc))
        return Status::Corruption(std::string("corrupt zstd data (zstd: ") + ZSTD_getErrorName(rc) +
                                  ")");
      pending_ = rc != 0;  // 0: a frame just ended cleanly
    }
    return out.pos;
  }

 private:
  std::unique_ptr<ByteSource> src_;
  std::unique_ptr<ZSTD_DStream, ZstdDeleter> d_;
  std::string inbuf_;
  ZSTD_inBuffer zin_ = {nullptr, 0, 0};
  bool pending_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    if (e == ENOENT) return Status::NotFound("no such file; check the path");
    return Status::IOError("cannot open: " + std::string(std::strerror(e)) + "; check permissions");
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError("is a folder, not a file; pass the folder itself to read all its files");
  }
  return std::unique_ptr<ByteSource>(new FdSource(fd, true, path));
}

std::unique_ptr<ByteSource> StdinSource() {
  return std::unique_ptr<ByteSource>(new FdSource(0, false, "-"));
}

std::unique_ptr<ByteSource> PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest) {
  return std::make_unique<Prefixed>(std::move(prefix), std::move(rest));
}

std::unique_ptr<ByteSource> MemorySource(std::string bytes) {
  return std::make_unique<StringSource>(std::move(bytes));
}

std::unique_ptr<ByteSource> Decompress(Compression c, std::unique_ptr<ByteSource> in) {
  switch (c) {
    case Compression::kNone:
      return in;
    case Compression::kGzip:
      return std::make_unique<GzipSource>(std::move(in));
    case Compression::kZstd:
      return std::make_unique<ZstdSource>(std::move(in));
  }
  return in;
}

Compression SniffCompression(std::string_view h) {
  if (h.size() >= 2 && h[0] == '\x1f' && h[1] == '\x8b') return Compression::kGzip;
  if (h.size() >= 4 && h.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
    return Compression::kZstd;
  return Compression::kNone;
}

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "none";
}

Result<std::string> ReadAll(ByteSource* in, size_t max_bytes, bool* too_big) {
  *too_big = false;
  std::string out;
  std::string chunk(kChunk, '\0');
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(size_t got, in->Read(chunk.data(), chunk.size()));
    if (got == 0) break;
    if (out.size() + got > max_bytes) {
      *too_big = true;
      return out;
    }
    out.append(chunk.data(), got);
  }
  return out;
}

Result<std::string> ReadPrefix(ByteSource* in, size_t n) {
  std::string out(n, '\0');
  size_t have = 0;
  while (have < n) {
    DYAD_ASSIGN_OR_RETURN(size_t got, in->Read(out.data() + have, n - have));
    if (got == 0) break;
    have += got;
  }
  out.resize(have);
  return out;
}

Status LineReader::Fill() {
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  // Reads grow from 16 KiB to kChunk, so a small input does not pay for
  // zeroing a large buffer (that memset was half the time of a one-line read).
  chunk_ = std::min(kChunk, std::max<size_t>(chunk_ * 2, 16 * 1024));
  const size_t old = buf_.size();
  buf_.resize(old + chunk_);
  Result<size_t> got = in_->Read(buf_.data() + old, chunk_);
  if (!got.ok()) {
    buf_.resize(old);
    return got.status();
  }
  buf_.resize(old + *got);
  bytes_read_ += static_cast<int64_t>(*got);
  if (*got == 0) eof_ = true;
  return Status::Ok();
}

Result<bool> LineReader::Next(std::string* line, int64_t* line_number, bool* too_long) {
  *too_long = false;
  line->clear();
  size_t scan = pos_;  // where to continue looking for '\n'
  for (;;) {
    const size_t nl = buf_.find('\n', scan);
    if (nl != std::string::npos) {
      ++line_;
      *line_number = line_;
      if (*too_long) {
        pos_ = nl + 1;
        return true;
      }
      size_t end = nl;
      if (end > pos_ && buf_[end - 1] == '\r') --end;
      if (end - pos_ > max_line_) {
        *too_long = true;
      } else {
        line->assign(buf_, pos_, end - pos_);
      }
      pos_ = nl + 1;
      return true;
    }
    if (eof_) {
      if (pos_ >= buf_.size()) return false;  // no partial line left
      ++line_;
      *line_number = line_;
      if (!*too_long) {
        size_t end = buf_.size();
        if (end > pos_ && buf_[end - 1] == '\r') --end;
        if (end - pos_ > max_line_)
          *too_long = true;
        else
          line->assign(buf_, pos_, end - pos_);
      }
      pos_ = buf_.size();
      return true;
    }
    // An over-long line is dropped as it streams by, so memory stays bounded.
    if (buf_.size() - pos_ > max_line_ + 1) {
      *too_long = true;
      buf_.clear();
      pos_ = 0;
    }
    scan = buf_.size();
    const size_t before = pos_;
    DYAD_RETURN_IF_ERROR(Fill());
    scan -= before;  // Fill() moved the unread bytes to the front
    if (*too_long && eof_ && buf_.empty()) {
      ++line_;
      *line_number = line_;
      return true;
    }
  }
}

}  // namespace dyad::ingest
