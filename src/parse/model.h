// Internals shared by the tagger and the parser: feature hashing, the
// averaged-perceptron weights used in training, the compact weight table used
// at run time, and the versioned, checksummed model file (docs/parser.md).
#ifndef DYAD_PARSE_MODEL_H_
#define DYAD_PARSE_MODEL_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
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

// Immutable feature -> sparse (class, weight) rows, in a linear-probing hash
// table in the style of kenlm's probing_hash_table: one 8-byte slot per
// feature, longer rows in one flat array. At most 32767 classes.
class WeightTable {
 public:
  struct Entry {
    uint16_t cls;
    int16_t w;
  };

  // Builds from quantized weights; classes must be < num_classes.
  static Result<WeightTable> Build(int num_classes, const TrainWeights::Quantized& q);

  int num_classes() const { return num_classes_; }
  // scores[c] += sum of weights of class c over the features (n <= 256).
  // The tables are far larger than the caches, so lookups are done in three
  // passes that prefetch slots, then rows, then add: the ~100 cache misses of
  // one parser step overlap instead of queueing (measured 2x in parse_bench).
  void Score(const uint32_t* keys, size_t n, int32_t* scores) const {
    const Entry* rows[256];
    n = n < 256 ? n : 256;
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[keys[i] & mask_]);
    size_t nr = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t k = keys[i];
      size_t s = k & mask_;
      while (true) {
        const Slot& slot = slots_[s];
        if (slot.key == k) {
          if (slot.data & kSingle) {
            // One-entry rows live in the slot itself: no second cache miss.
            scores[(slot.data >> 16) & 0x7fff] += static_cast<int16_t>(slot.data & 0xffff);
          } else {
            rows[nr++] = entries_.data() + slot.data;
            __builtin_prefetch(entries_.data() + slot.data);
          }
          break;
        }
        if (slot.key == 0) break;
        s = (s + 1) & mask_;
      }
    }
    for (size_t i = 0; i < nr; ++i) {
      const Entry* e = rows[i];
      const uint32_t count = e[0].cls;  // header entry: row length
      for (uint32_t j = 1; j <= count; ++j) scores[e[j].cls] += e[j].w;
    }
  }

  // A copy without entries whose |weight| < min_abs (features left empty are
  // dropped): trades a little accuracy for size and speed (docs/parser.md).
  WeightTable Pruned(int min_abs) const;

  // Serialized form (see docs/parser.md) and its inverse.
  void AppendTo(std::string* out) const;
  // Reads from `in` at *pos; Corruption with `what` on any inconsistency.
  static Result<WeightTable> ReadFrom(std::string_view in, size_t* pos, int num_classes);

  size_t num_features() const { return num_features_; }
  size_t num_entries() const { return num_entries_; }
  size_t MemoryBytes() const {
    return slots_.size() * sizeof(Slot) + entries_.size() * sizeof(Entry);
  }
  float scale() const { return scale_; }

 private:
  // 8 bytes. data with kSingle set: a one-entry row, class << 16 | uint16
  // weight. Otherwise: index in entries_ of a header {count, 0} followed by
  // the row's entries.
  static constexpr uint32_t kSingle = 0x80000000u;
  struct Slot {
    uint32_t key = 0;
    uint32_t data = 0;
  };
  // The row of `s` and its length; `single` is scratch for one-entry rows.
  const Entry* Row(const Slot& s, Entry* single, uint32_t* count) const {
    if (s.data & kSingle) {
      *single = Entry{static_cast<uint16_t>((s.data >> 16) & 0x7fff),
                      static_cast<int16_t>(s.data & 0xffff)};
      *count = 1;
      return single;
    }
    *count = entries_[s.data].cls;
    return entries_.data() + s.data + 1;
  }
  static Result<WeightTable> FromArrays(int num_classes, float scale,
                                        const std::vector<uint32_t>& keys,
                                        const std::vector<uint32_t>& counts,
                                        std::vector<Entry> entries);

  int num_classes_ = 0;
  float scale_ = 1.0f;
  size_t num_features_ = 0;
  size_t num_entries_ = 0;
  size_t mask_ = 0;
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;  // rows of two or more entries, each after a header
};

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
