// Internals shared by the tagger and the parser: feature hashing, the
// averaged-perceptron weights used in training, the compact weight table used
// at run time, and the versioned, checksummed model file (docs/parser.md).
#ifndef DYAD_PARSE_MODEL_H_
#define DYAD_PARSE_MODEL_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/status.h"

namespace dyad::parse_internal {

// ---- hashing ---------------------------------------------------------------

inline uint64_t Fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// Stable across platforms and runs (model files depend on it).
inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Fmix64(h);
}

// A feature is a template id and up to three atoms, hashed to 32 bits (never
// 0, which marks an empty slot). 32-bit keys keep the model small; with about
// a million features, collisions are a few hundred and cost nothing measurable.
inline uint32_t FeatureKey(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = (a + 0x9E3779B97F4A7C15ULL * (tmpl + 1)) * 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 31;
  h = (h ^ b) * 0x94d049bb133111ebULL;
  h ^= h >> 29;
  h = (h ^ c) * 0xff51afd7ed558ccdULL;
  h ^= h >> 32;
  uint32_t k = static_cast<uint32_t>(h);
  return k ? k : 1u;
}

// ---- training weights (averaged perceptron) ---------------------------------

class TrainWeights {
 public:
  explicit TrainWeights(int num_classes) : num_classes_(num_classes) { Rehash(1 << 16); }

  int num_classes() const { return num_classes_; }

  // Adds the current (or, with `averaged`, the running average) weights of
  // every feature to scores[0..num_classes).
  void Score(const uint32_t* keys, size_t n, float* scores, bool averaged) const;
  // Perceptron update: +1 for `good`, -1 for `bad` on every feature.
  void Update(const uint32_t* keys, size_t n, int good, int bad);
  // Counts one use of each feature (for the frequency cut-off).
  void Tick() { ++clock_; }
  uint64_t clock() const { return clock_; }

  // Averaged weights, scaled to int16. Drops entries whose averaged weight
  // is below `min_weight` in magnitude (TrainOptions::prune_below) and
  // features seen in fewer than `min_count` updates.
  struct Quantized {
    float scale = 1.0f;             // weight = w * scale
    std::vector<uint32_t> keys;     // sorted ascending
    std::vector<uint32_t> counts;   // entries per key
    std::vector<uint16_t> classes;  // entry class
    std::vector<int16_t> weights;   // entry weight
  };
  Quantized Quantize(int min_count, double min_weight) const;
  size_t num_features() const { return rows_.size(); }

 private:
  struct Entry {
    uint16_t cls;
    float w;
    double total;
    uint64_t ts;
  };
  struct Row {
    uint32_t key;
    uint32_t updates;
    std::vector<Entry> entries;
  };
  const Row* Find(uint32_t key) const;
  Row* FindOrAdd(uint32_t key);
  void Rehash(size_t capacity);

  int num_classes_;
  uint64_t clock_ = 1;
  std::vector<uint32_t> slot_keys_;  // open addressing: key or 0
  std::vector<uint32_t> slot_rows_;
  std::vector<Row> rows_;
};

// ---- run-time weights -------------------------------------------------------

// Zero-filled memory for PageArray (null for 0 bytes); std::bad_alloc when
// the system has none, as for std::vector.
void* AllocateTablePages(size_t bytes);
void FreeTablePages(void* p);

// A heap array for large read-only tables: 2 MiB-aligned and advised for
// transparent huge pages, so random lookups across tens of megabytes do not
// also miss the TLB on every access. Copyable (deep copy).
template <typename T>
class PageArray {
 public:
  PageArray() = default;
  explicit PageArray(size_t n) { Allocate(n); }
  PageArray(const PageArray& o) {
    Allocate(o.size_);
    if (size_) std::memcpy(data_, o.data_, size_ * sizeof(T));
  }
  PageArray& operator=(const PageArray& o) {
    if (this != &o) {
      PageArray copy(o);
      Swap(copy);
    }
    return *this;
  }
  PageArray(PageArray&& o) noexcept { Swap(o); }
  PageArray& operator=(PageArray&& o) noexcept {
    Swap(o);
    return *this;
  }
  ~PageArray() { Release(); }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  void Allocate(size_t n) {  // zero-filled
    Release();
    data_ = static_cast<T*>(AllocateTablePages(n * sizeof(T)));
    size_ = n;
  }
  void Release() {
    FreeTablePages(data_);
    data_ = nullptr;
    size_ = 0;
  }
  void Swap(PageArray& o) {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
  }
  T* data_ = nullptr;
  size_t size_ = 0;
};

// Immutable feature -> (class, weight) rows, in a linear-probing hash table
// in the style of kenlm's probing_hash_table. The file format does not
// depend on the in-memory layout, which is chosen per row at load time:
//   - rows of 1-3 entries sit in the 16-byte slot itself, padded with
//     weight-0 entries of a spare class lane: one memory access, and added
//     without a branch (80% of EWT's parser rows);
//   - rows of 4-8 entries: a 32-byte block of 8 entries, padded the same way;
//   - longer rows: a dense int16 row over all classes, added with SIMD. The
//     features used at every step (tag pairs, bias, tag history) have these.
// Score() has no branch that depends on a row's length or layout. Before
// this layout (8-byte slots, sparse rows added entry by entry) perf put most
// of the parser's time on mispredicted branches and scattered adds there;
// docs/parser.md has the measurements. At most 16383 classes.
class WeightTable {
 public:
  struct Entry {
    uint16_t cls;
    int16_t w;
  };

  // Builds from quantized weights; classes must be < num_classes.
  static Result<WeightTable> Build(int num_classes, const TrainWeights::Quantized& q);

  int num_classes() const { return num_classes_; }
  // Length of the score array Score() adds into: num_classes + 1 rounded up
  // to a multiple of 16. Lanes >= num_classes are scratch, never a class.
  int score_size() const { return padded_; }

  // scores[c] += sum of the weights of class c over the features (the first
  // 256 keys are used); `scores` holds score_size() values. Lookups run in
  // passes (prefetch slots; probe and add inline rows; prefetch blocks and
  // dense rows; add them) so the cache misses of one step overlap.
  void Score(const uint32_t* keys, size_t n, int32_t* scores) const;
  // The same with the scores of key i added to outs[dest[i]] (dest[i] < 32):
  // one pass over the table for features that sum into several vectors, so
  // their cache misses overlap as well.
  void ScoreInto(const uint32_t* keys, const uint8_t* dest, size_t n, int32_t* const* outs) const;
  // The same sum computed one entry at a time, for tests of Score().
  void ScoreReference(const uint32_t* keys, size_t n, int32_t* scores) const;

  // A copy without entries whose |weight| < min_abs (features left empty are
  // dropped): trades a little accuracy for size and speed (docs/parser.md).
  WeightTable Pruned(int min_abs) const;

  // Serialized form (see docs/parser.md) and its inverse.
  void AppendTo(std::string* out) const;
  // Reads from `in` at *pos; Corruption with `what` on any inconsistency.
  static Result<WeightTable> ReadFrom(std::string_view in, size_t* pos, int num_classes);

  size_t num_features() const { return num_features_; }
  size_t num_entries() const { return num_entries_; }
  size_t num_block_rows() const { return blocks_.size() / kBlock; }
  size_t num_dense_rows() const { return num_dense_; }
  size_t MemoryBytes() const {
    return slots_.size() * sizeof(Slot) + blocks_.size() * sizeof(uint32_t) +
           dense_.size() * sizeof(int16_t);
  }
  float scale() const { return scale_; }
  // Distinct for every table built or read (copies share it, as they share
  // the weights): lets per-thread score caches tell tables apart.
  uint64_t id() const { return id_; }

  static constexpr uint32_t kInline = 3;  // longest row kept in its slot
  static constexpr uint32_t kBlock = 8;   // longest row kept as a block

 private:
  // An entry packed in 32 bits: class in the low half, weight in the high.
  static uint32_t Pack(uint32_t cls, int16_t w) {
    return cls | static_cast<uint32_t>(static_cast<uint16_t>(w)) << 16;
  }
  // e[0]'s class is kIndirect for rows kept outside the slot; then e[1] is
  // kDenseBit | dense row index, or a block index.
  static constexpr uint32_t kIndirect = 0xffff;
  static constexpr uint32_t kDenseBit = 0x80000000u;
  struct Slot {
    uint32_t key = 0;  // 0: empty (its entries are padding, so it adds 0)
    uint32_t e[3] = {0, 0, 0};
  };
  // Slots per bucket: one 64-byte cache line. A key lives in its bucket or,
  // when that is full, in the first free slot after it.
  static constexpr uint32_t kBucket = 4;
  // Calls f(key, entries, count) for every feature in ascending key order.
  template <typename F>
  void ForEachRow(F&& f) const;
  static Result<WeightTable> FromArrays(int num_classes, float scale,
                                        const std::vector<uint32_t>& keys,
                                        const std::vector<uint32_t>& counts,
                                        const std::vector<Entry>& entries);

  int num_classes_ = 0;
  int padded_ = 0;
  uint64_t id_ = 0;
  float scale_ = 1.0f;
  size_t num_features_ = 0;
  size_t num_entries_ = 0;
  size_t num_dense_ = 0;
  size_t mask_ = 0;         // slots - 1
  size_t bucket_mask_ = 0;  // buckets - 1
  Slot empty_;              // what an absent key finds
  PageArray<Slot> slots_;
  PageArray<uint32_t> blocks_;  // rows of kInline+1..kBlock entries, kBlock packed entries each
  PageArray<int16_t> dense_;    // longer rows, padded_ weights each
};

// a[0..size) += b[0..size), size a multiple of 16 (score_size() is): with
// AVX2 when the CPU has it. Adds cached score vectors.
void AddScores(int32_t* a, const int32_t* b, int size);
// Index of the first maximum of v[0..n) (n >= 1), as std::max_element.
int FirstArgMax(const int32_t* v, int n);

// ---- byte encoding ----------------------------------------------------------

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Raw(&v, 2); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void F32(float v) { Raw(&v, 4); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  // LEB128: 7 bits per byte, high bit = more bytes follow.
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader(std::string_view in, size_t pos = 0) : in_(in), pos_(pos) {}
  bool U8(uint8_t* v) { return Raw(v, 1); }
  bool U16(uint16_t* v) { return Raw(v, 2); }
  bool U32(uint32_t* v) { return Raw(v, 4); }
  bool U64(uint64_t* v) { return Raw(v, 8); }
  bool F32(float* v) { return Raw(v, 4); }
  bool Str(std::string* s, size_t max_len = 1 << 16) {
    uint32_t n;
    if (!U32(&n) || n > max_len || n > in_.size() - pos_) return false;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Raw(void* p, size_t n) {
    if (n > in_.size() - pos_) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Varint(uint64_t* v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return false;
      uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      r |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) {
        *v = r;
        return true;
      }
    }
    return false;
  }
  size_t pos() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  size_t pos_;
};

// ---- model files ------------------------------------------------------------

enum class ModelKind : uint32_t { kTagger = 1, kParser = 2 };
inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr size_t kModelHeaderSize = 32;
std::string_view ModelKindName(ModelKind kind);

// Header (32 bytes, little-endian) + payload. See docs/parser.md.
std::string WrapModel(ModelKind kind, std::string_view payload);
// Checks magic, version, kind, size and CRC-32; returns the payload. Errors
// name `path` and say what to do.
Result<std::string_view> UnwrapModel(std::string_view file, ModelKind kind, std::string_view path);

Result<std::string> ReadModelFile(const std::string& path);
// Writes via a temporary file and rename, so a crash never leaves half a model.
Status WriteModelFile(const std::string& path, std::string_view bytes);

// What to tell the user when a model is unusable.
std::string RetrainHint(ModelKind kind);

}  // namespace dyad::parse_internal

#endif  // DYAD_PARSE_MODEL_H_
