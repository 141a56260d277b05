#include "parse/model.h"

#include <sys/mman.h>
#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>

namespace dyad::parse_internal {

static_assert(std::endian::native == std::endian::little,
              "model files are little-endian; add byte swapping for this platform");

namespace {
constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'M', 'O', 'D', 'L'};

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths; feed in chunks so > 4 GiB inputs cannot wrap.
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t n = std::min<size_t>(bytes.size() - pos, 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + pos), static_cast<uInt>(n));
    pos += n;
  }
  return static_cast<uint32_t>(crc);
}
}  // namespace

// ---- TrainWeights -----------------------------------------------------------

void TrainWeights::Rehash(size_t capacity) {
  slot_keys_.assign(capacity, 0);
  slot_rows_.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (size_t r = 0; r < rows_.size(); ++r) {
    size_t s = rows_[r].key & mask;
    while (slot_keys_[s] != 0) s = (s + 1) & mask;
    slot_keys_[s] = rows_[r].key;
    slot_rows_[s] = static_cast<uint32_t>(r);
  }
}

const TrainWeights::Row* TrainWeights::Find(uint32_t key) const {
  const size_t mask = slot_keys_.size() - 1;
  size_t s = key & mask;
  while (true) {
    if (slot_keys_[s] == key) return &rows_[slot_rows_[s]];
    if (slot_keys_[s] == 0) return nullptr;
    s = (s + 1) & mask;
  }
}

TrainWeights::Row* TrainWeights::FindOrAdd(uint32_t key) {
  if ((rows_.size() + 1) * 2 > slot_keys_.size()) Rehash(slot_keys_.size() * 2);
  const size_t mask = slot_keys_.size() - 1;
  size_t s = key & mask;
  while (true) {
    if (slot_keys_[s] == key) return &rows_[slot_rows_[s]];
    if (slot_keys_[s] == 0) break;
    s = (s + 1) & mask;
  }
  slot_keys_[s] = key;
  slot_rows_[s] = static_cast<uint32_t>(rows_.size());
  rows_.push_back(Row{key, 0, {}});
  return &rows_.back();
}

void TrainWeights::Score(const uint32_t* keys, size_t n, float* scores, bool averaged) const {
  const double t = static_cast<double>(clock_);
  for (size_t i = 0; i < n; ++i) {
    const Row* row = Find(keys[i]);
    if (!row) continue;
    for (const Entry& e : row->entries) {
      if (averaged) {
        scores[e.cls] += static_cast<float>((e.total + (t - e.ts) * e.w) / t);
      } else {
        scores[e.cls] += e.w;
      }
    }
  }
}

void TrainWeights::Update(const uint32_t* keys, size_t n, int good, int bad) {
  if (good == bad) return;
  auto bump = [this](Row* row, int cls, float delta) {
    for (Entry& e : row->entries) {
      if (e.cls == cls) {
        e.total += static_cast<double>(clock_ - e.ts) * e.w;
        e.ts = clock_;
        e.w += delta;
        return;
      }
    }
    row->entries.push_back(Entry{static_cast<uint16_t>(cls), delta, 0.0, clock_});
  };
  for (size_t i = 0; i < n; ++i) {
    Row* row = FindOrAdd(keys[i]);
    row->updates++;
    bump(row, good, 1.0f);
    bump(row, bad, -1.0f);
  }
}

TrainWeights::Quantized TrainWeights::Quantize(int min_count, double min_weight) const {
  const double t = static_cast<double>(clock_);
  struct Item {
    uint32_t key;
    const Row* row;
  };
  std::vector<Item> items;
  items.reserve(rows_.size());
  double max_abs = 0;
  for (const Row& r : rows_) {
    if (static_cast<int>(r.updates) < min_count) continue;
    items.push_back({r.key, &r});
    for (const Entry& e : r.entries) {
      max_abs = std::max(max_abs, std::fabs((e.total + (t - e.ts) * e.w) / t));
    }
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
  Quantized q;
  q.scale = max_abs > 0 ? static_cast<float>(max_abs / 32767.0) : 1.0f;
  for (const Item& it : items) {
    std::vector<std::pair<uint16_t, int16_t>> kept;
    for (const Entry& e : it.row->entries) {
      double avg = (e.total + (t - e.ts) * e.w) / t;
      if (std::fabs(avg) < min_weight) continue;
      long v = std::lround(avg / q.scale);
      v = std::clamp(v, -32767L, 32767L);
      if (v != 0) kept.push_back({e.cls, static_cast<int16_t>(v)});
    }
    if (kept.empty()) continue;
    std::sort(kept.begin(), kept.end());
    q.keys.push_back(it.key);
    q.counts.push_back(static_cast<uint32_t>(kept.size()));
    for (auto& [c, w] : kept) {
      q.classes.push_back(c);
      q.weights.push_back(w);
    }
  }
  return q;
}

// ---- WeightTable ------------------------------------------------------------

void* AllocateTablePages(size_t bytes) {
  if (bytes == 0) return nullptr;
  constexpr size_t kHugePage = size_t{2} << 20;
  const size_t align = bytes >= kHugePage ? kHugePage : 64;
  const size_t rounded = (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, rounded);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  // Advice only: without huge pages the table still works, just slower.
  if (align == kHugePage) madvise(p, rounded, MADV_HUGEPAGE);
#endif
  std::memset(p, 0, rounded);
  return p;
}

void FreeTablePages(void* p) { std::free(p); }

namespace {

// AddDense*: scores[0..padded) += rows[r][0..padded) for every row, with
// padded % 16 == 0. Blocked by classes so the partial sums stay in registers.
#if defined(__x86_64__)
__attribute__((target("avx2"))) void AddDenseAvx2(const int16_t* const* rows, size_t nr, int padded,
                                                  int32_t* scores) {
  for (int b = 0; b < padded; b += 16) {
    __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + b));
    __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + b + 8));
    for (size_t r = 0; r < nr; ++r) {
      const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[r] + b));
      const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[r] + b + 8));
      a0 = _mm256_add_epi32(a0, _mm256_cvtepi16_epi32(lo));
      a1 = _mm256_add_epi32(a1, _mm256_cvtepi16_epi32(hi));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(scores + b), a0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(scores + b + 8), a1);
  }
}

// SSE2 is part of x86-64, so this needs no check.
void AddDenseSse2(const int16_t* const* rows, size_t nr, int padded, int32_t* scores) {
  for (int b = 0; b < padded; b += 8) {
    __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + b));
    __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(scores + b + 4));
    for (size_t r = 0; r < nr; ++r) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[r] + b));
      a0 = _mm_add_epi32(a0, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
      a1 = _mm_add_epi32(a1, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + b), a0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(scores + b + 4), a1);
  }
}
#endif

void AddDense(const int16_t* const* rows, size_t nr, int padded, int32_t* scores) {
  if (nr == 0) return;
#if defined(__x86_64__)
  static const bool kAvx2 = __builtin_cpu_supports("avx2");
  if (kAvx2) return AddDenseAvx2(rows, nr, padded, scores);
  return AddDenseSse2(rows, nr, padded, scores);
#else
  for (size_t r = 0; r < nr; ++r) {
    for (int c = 0; c < padded; ++c) scores[c] += rows[r][c];
  }
#endif
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) void AddScoresAvx2(int32_t* a, const int32_t* b, int size) {
  for (int i = 0; i < size; i += 16) {
    const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i + 8));
    const __m256i y0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    const __m256i y1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i + 8));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(a + i), _mm256_add_epi32(x0, y0));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(a + i + 8), _mm256_add_epi32(x1, y1));
  }
}

void AddScoresSse2(int32_t* a, const int32_t* b, int size) {
  for (int i = 0; i < size; i += 4) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(a + i), _mm_add_epi32(x, y));
  }
}

__attribute__((target("avx2"))) int FirstArgMaxAvx2(const int32_t* v, int n) {
  const int vec_end = n / 8 * 8;
  int32_t best = v[0];
  if (vec_end > 0) {
    __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v));
    for (int i = 8; i < vec_end; i += 8) {
      m = _mm256_max_epi32(m, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)));
    }
    alignas(32) int32_t lanes[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), m);
    for (int32_t x : lanes) best = x > best ? x : best;
  }
  for (int i = vec_end; i < n; ++i) best = v[i] > best ? v[i] : best;
  const __m256i target = _mm256_set1_epi32(best);
  for (int i = 0; i < vec_end; i += 8) {
    const __m256i eq =
        _mm256_cmpeq_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)), target);
    const int bits = _mm256_movemask_ps(_mm256_castsi256_ps(eq));
    if (bits) return i + __builtin_ctz(static_cast<unsigned>(bits));
  }
  for (int i = vec_end; i < n; ++i) {
    if (v[i] == best) return i;
  }
  return 0;  // not reached
}
#endif

}  // namespace

int FirstArgMax(const int32_t* v, int n) {
#if defined(__x86_64__)
  static const bool kAvx2 = __builtin_cpu_supports("avx2");
  if (kAvx2) return FirstArgMaxAvx2(v, n);
#endif
  return static_cast<int>(std::max_element(v, v + n) - v);
}

void AddScores(int32_t* a, const int32_t* b, int size) {
#if defined(__x86_64__)
  static const bool kAvx2 = __builtin_cpu_supports("avx2");
  if (kAvx2) return AddScoresAvx2(a, b, size);
  return AddScoresSse2(a, b, size);
#else
  for (int i = 0; i < size; ++i) a[i] += b[i];
#endif
}

Result<WeightTable> WeightTable::FromArrays(int num_classes, float scale,
                                            const std::vector<uint32_t>& keys,
                                            const std::vector<uint32_t>& counts,
                                            const std::vector<Entry>& entries) {
  if (num_classes <= 0 || num_classes > 0x3fff) {
    return Status::Corruption("class count " + std::to_string(num_classes) + " out of range");
  }
  if (keys.size() != counts.size()) return Status::Corruption("feature and row counts differ");
  WeightTable t;
  static std::atomic<uint64_t> next_id{1};
  t.id_ = next_id.fetch_add(1, std::memory_order_relaxed);
  t.num_classes_ = num_classes;
  t.padded_ = (num_classes + 1 + 15) / 16 * 16;
  t.scale_ = scale;
  t.num_features_ = keys.size();
  // First pass: validate, and count the rows kept outside the slots.
  uint64_t begin = 0;
  size_t num_blocks = 0, num_dense = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0 || (i > 0 && keys[i] <= keys[i - 1])) {
      return Status::Corruption("feature keys are not strictly ascending and non-zero");
    }
    if (counts[i] == 0 || counts[i] > static_cast<uint32_t>(num_classes) ||
        begin + counts[i] > entries.size()) {
      return Status::Corruption("feature row sizes do not match the entry count");
    }
    for (uint32_t j = 0; j < counts[i]; ++j) {
      const Entry& e = entries[begin + j];
      if (e.cls >= num_classes) return Status::Corruption("weight entry names an unknown class");
      if (e.w == 0) return Status::Corruption("weight entry of zero");
      if (j > 0 && e.cls <= entries[begin + j - 1].cls) {
        return Status::Corruption("weight row classes are not strictly ascending");
      }
    }
    if (counts[i] > kBlock) {
      ++num_dense;
    } else if (counts[i] > kInline) {
      ++num_blocks;
    }
    begin += counts[i];
  }
  if (begin != entries.size()) {
    return Status::Corruption("entries left over after the last feature");
  }
  if (num_dense >= kDenseBit || num_blocks >= kDenseBit) {
    return Status::Corruption("too many weights");
  }
  // Load factor <= 3/4: EWT's parser (741k features) fits 2^20 slots.
  size_t cap = 16;
  while (cap * 3 < keys.size() * 4 + 4) cap <<= 1;
  t.mask_ = cap - 1;
  t.bucket_mask_ = cap / kBucket - 1;
  // Padding entries add 0 to the spare lane num_classes.
  const uint32_t pad = Pack(static_cast<uint32_t>(num_classes), 0);
  // Sizes are bounded by the file's size (ReadFrom checks the counts against
  // the bytes present); still, running out of memory is a Status, not a throw.
  try {
    t.slots_ = PageArray<Slot>(cap);
    t.blocks_ = PageArray<uint32_t>(num_blocks * kBlock);
    t.dense_ = PageArray<int16_t>(num_dense * static_cast<size_t>(t.padded_));
  } catch (const std::bad_alloc&) {
    return Status::Internal("out of memory for a weight table of " + std::to_string(keys.size()) +
                            " features");
  }
  for (size_t s = 0; s < cap; ++s) t.slots_[s] = Slot{0, {pad, pad, pad}};
  t.empty_ = Slot{0, {pad, pad, pad}};
  for (size_t j = 0; j < t.blocks_.size(); ++j) t.blocks_[j] = pad;
  size_t next_block = 0;
  begin = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t count = counts[i];
    const Entry* row = entries.data() + begin;
    Slot slot{keys[i], {pad, pad, pad}};
    if (count <= kInline) {
      for (uint32_t j = 0; j < count; ++j) slot.e[j] = Pack(row[j].cls, row[j].w);
    } else if (count <= kBlock) {
      slot.e[0] = kIndirect;
      slot.e[1] = static_cast<uint32_t>(next_block);
      uint32_t* b = t.blocks_.data() + next_block * kBlock;
      for (uint32_t j = 0; j < count; ++j) b[j] = Pack(row[j].cls, row[j].w);
      ++next_block;
    } else {
      slot.e[0] = kIndirect;
      slot.e[1] = kDenseBit | static_cast<uint32_t>(t.num_dense_);
      int16_t* d = t.dense_.data() + t.num_dense_ * static_cast<size_t>(t.padded_);
      for (uint32_t j = 0; j < count; ++j) d[row[j].cls] = row[j].w;
      ++t.num_dense_;
    }
    // First free slot of the key's bucket, else of the buckets after it.
    size_t s = (keys[i] & t.bucket_mask_) * kBucket;
    while (t.slots_[s].key != 0) s = (s + 1) & t.mask_;
    t.slots_[s] = slot;
    begin += count;
  }
  t.num_entries_ = entries.size();
  return t;
}

Result<WeightTable> WeightTable::Build(int num_classes, const TrainWeights::Quantized& q) {
  std::vector<Entry> entries(q.classes.size());
  for (size_t i = 0; i < entries.size(); ++i) entries[i] = Entry{q.classes[i], q.weights[i]};
  return FromArrays(num_classes, q.scale, q.keys, q.counts, entries);
}

void WeightTable::Score(const uint32_t* keys, size_t n, int32_t* scores) const {
  ScoreInto(keys, nullptr, n, &scores);
}

void WeightTable::ScoreInto(const uint32_t* keys, const uint8_t* dest, size_t n,
                            int32_t* const* outs) const {
  if (slots_.size() == 0) return;
  n = n < 256 ? n : 256;
  const Slot* slots = slots_.data();
  const size_t mask = mask_, bucket_mask = bucket_mask_;
  for (size_t i = 0; i < n; ++i) __builtin_prefetch(&slots[(keys[i] & bucket_mask) * kBucket]);
  auto add = [](int32_t* scores, uint32_t e) {
    scores[e & 0xffff] += static_cast<int16_t>(static_cast<uint16_t>(e >> 16));
  };
  // Padding for slot entry j goes to spare lane num_classes + j (there are
  // at least 1 and, for the shipped models, 9 and 13 spare lanes), so the
  // adds of 0 do not all queue on one address.
  const uint32_t spare = static_cast<uint32_t>(padded_ - num_classes_);
  uint32_t pad[3];
  for (uint32_t j = 0; j < 3; ++j) {
    pad[j] = Pack(static_cast<uint32_t>(num_classes_) + (j < spare ? j : 0), 0);
  }
  // Probe; add inline rows. A bucket (one cache line) is searched without
  // branches; the next one only when it is full and lacks the key (slots
  // fill in order and are never removed). An absent key yields empty_, whose
  // padding entries add 0, so found and absent keys take the same path.
  uint32_t indirect[256];
  uint8_t indirect_dest[256];
  size_t ni = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t k = keys[i];
    size_t b = (k & bucket_mask) * kBucket;
    const Slot* hit;
    while (true) {
      const Slot* s = slots + b;
      const uint32_t m =
          static_cast<uint32_t>(s[0].key == k) | static_cast<uint32_t>(s[1].key == k) << 1 |
          static_cast<uint32_t>(s[2].key == k) << 2 | static_cast<uint32_t>(s[3].key == k) << 3;
      if (m != 0 || s[3].key == 0) {
        const unsigned at = static_cast<unsigned>(__builtin_ctz(m | 16u));
        hit = at < kBucket ? s + at : &empty_;
        break;
      }
      b = (b + kBucket) & mask;
    }
    const Slot& slot = *hit;
    const uint8_t d = dest ? dest[i] : 0;
    int32_t* scores = outs[d];
    const bool is_indirect = (slot.e[0] & 0xffff) == kIndirect;
    add(scores, is_indirect ? pad[0] : slot.e[0]);
    add(scores, is_indirect ? pad[1] : slot.e[1]);
    add(scores, is_indirect ? pad[2] : slot.e[2]);
    indirect[ni] = slot.e[1];
    indirect_dest[ni] = d;
    ni += is_indirect;
  }
  // Split the other rows into blocks and dense rows, and prefetch them.
  const uint32_t* block_rows[256];
  uint8_t block_dest[256];
  const int16_t* dense_rows[256];
  uint8_t dense_dest[256];
  size_t nb = 0, nd = 0;
  for (size_t i = 0; i < ni; ++i) {
    const uint32_t v = indirect[i];
    const bool is_dense = (v & kDenseBit) != 0;
    const size_t index = v & ~kDenseBit;
    dense_rows[nd] = dense_.data() + (is_dense ? index * padded_ : 0);
    dense_dest[nd] = indirect_dest[i];
    block_rows[nb] = blocks_.data() + (is_dense ? 0 : index * kBlock);
    block_dest[nb] = indirect_dest[i];
    nd += is_dense;
    nb += !is_dense;
  }
  for (size_t i = 0; i < nb; ++i) __builtin_prefetch(block_rows[i]);
  const size_t row_bytes = static_cast<size_t>(padded_) * sizeof(int16_t);
  for (size_t i = 0; i < nd; ++i) {
    const char* p = reinterpret_cast<const char*>(dense_rows[i]);
    for (size_t b = 0; b < row_bytes; b += 64) __builtin_prefetch(p + b);
    __builtin_prefetch(p + row_bytes - 1);
  }
  for (size_t i = 0; i < nb; ++i) {
    const uint32_t* b = block_rows[i];
    int32_t* scores = outs[block_dest[i]];
    for (uint32_t j = 0; j < kBlock; ++j) add(scores, b[j]);
  }
  if (!dest) {
    AddDense(dense_rows, nd, padded_, outs[0]);
    return;
  }
  // Dense rows grouped by destination (few destinations, few rows).
  const int16_t* group[256];
  uint32_t done = 0;  // destinations handled, as bits (destinations < 32)
  for (size_t i = 0; i < nd; ++i) {
    const uint8_t d = dense_dest[i];
    if (done & (1u << d)) continue;
    done |= 1u << d;
    size_t ng = 0;
    for (size_t j = i; j < nd; ++j) {
      if (dense_dest[j] == d) group[ng++] = dense_rows[j];
    }
    AddDense(group, ng, padded_, outs[d]);
  }
}

template <typename F>
void WeightTable::ForEachRow(F&& f) const {
  std::vector<const Slot*> used;
  used.reserve(num_features_);
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].key) used.push_back(&slots_[i]);
  }
  std::sort(used.begin(), used.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  std::vector<Entry> row;
  // Padding entries have weight 0; stored entries never do.
  auto unpack = [&row](uint32_t e) {
    const auto w = static_cast<int16_t>(static_cast<uint16_t>(e >> 16));
    if (w != 0) row.push_back(Entry{static_cast<uint16_t>(e & 0xffff), w});
  };
  for (const Slot* s : used) {
    row.clear();
    if ((s->e[0] & 0xffff) != kIndirect) {
      for (uint32_t e : s->e) unpack(e);
    } else if (s->e[1] & kDenseBit) {
      const int16_t* d = dense_.data() + static_cast<size_t>(s->e[1] & ~kDenseBit) * padded_;
      for (int c = 0; c < num_classes_; ++c) {
        if (d[c] != 0) row.push_back(Entry{static_cast<uint16_t>(c), d[c]});
      }
    } else {
      const uint32_t* b = blocks_.data() + static_cast<size_t>(s->e[1]) * kBlock;
      for (uint32_t j = 0; j < kBlock; ++j) unpack(b[j]);
    }
    f(s->key, row.data(), static_cast<uint32_t>(row.size()));
  }
}

void WeightTable::ScoreReference(const uint32_t* keys, size_t n, int32_t* scores) const {
  n = n < 256 ? n : 256;
  std::vector<uint32_t> sorted(keys, keys + n);
  ForEachRow([&](uint32_t key, const Entry* row, uint32_t count) {
    for (uint32_t k : sorted) {
      if (k != key) continue;
      for (uint32_t j = 0; j < count; ++j) scores[row[j].cls] += row[j].w;
    }
  });
}

WeightTable WeightTable::Pruned(int min_abs) const {
  std::vector<uint32_t> keys, counts;
  std::vector<Entry> entries;
  ForEachRow([&](uint32_t key, const Entry* row, uint32_t count) {
    uint32_t kept = 0;
    for (uint32_t j = 0; j < count; ++j) {
      if (std::abs(static_cast<int>(row[j].w)) >= min_abs) {
        entries.push_back(row[j]);
        ++kept;
      }
    }
    if (kept) {
      keys.push_back(key);
      counts.push_back(kept);
    }
  });
  auto t = FromArrays(num_classes_, scale_, keys, counts, entries);
  return t.ok() ? std::move(t).value() : *this;
}

// Serialized: u32 features, u32 entries, f32 scale; then per feature in
// ascending key order: varint key delta, varint entry count, and per entry
// varint class and zigzag-varint weight. About 3 bytes per entry.
void WeightTable::AppendTo(std::string* out) const {
  ByteWriter w;
  w.U32(static_cast<uint32_t>(num_features_));
  w.U32(static_cast<uint32_t>(num_entries_));
  w.F32(scale_);
  uint32_t prev = 0;
  ForEachRow([&](uint32_t key, const Entry* row, uint32_t count) {
    w.Varint(key - prev);
    prev = key;
    w.Varint(count);
    for (uint32_t j = 0; j < count; ++j) {
      w.Varint(row[j].cls);
      int32_t v = row[j].w;
      w.Varint(static_cast<uint32_t>((v << 1) ^ (v >> 31)));
    }
  });
  out->append(w.bytes());
}

Result<WeightTable> WeightTable::ReadFrom(std::string_view in, size_t* pos, int num_classes) {
  ByteReader r(in, *pos);
  uint32_t nf = 0, ne = 0;
  float scale = 0;
  if (!r.U32(&nf) || !r.U32(&ne) || !r.F32(&scale)) {
    return Status::Corruption("weight table header cut short");
  }
  // Every feature takes >= 2 bytes and every entry >= 2: check before allocating.
  if (static_cast<uint64_t>(nf) * 2 + static_cast<uint64_t>(ne) * 2 > r.remaining()) {
    return Status::Corruption("weight table claims " + std::to_string(nf) + " features and " +
                              std::to_string(ne) + " weights, more than the file holds");
  }
  if (!std::isfinite(scale) || scale <= 0) return Status::Corruption("bad weight scale");
  std::vector<uint32_t> keys(nf), counts(nf);
  std::vector<Entry> entries;
  entries.reserve(ne);
  uint64_t key = 0;
  for (uint32_t i = 0; i < nf; ++i) {
    uint64_t delta = 0, count = 0;
    if (!r.Varint(&delta) || !r.Varint(&count)) return Status::Corruption("weight table cut short");
    key += delta;
    if (key > 0xffffffffULL) return Status::Corruption("feature key out of range");
    if (count == 0 || count > static_cast<uint64_t>(num_classes) || entries.size() + count > ne) {
      return Status::Corruption("feature row sizes do not match the entry count");
    }
    keys[i] = static_cast<uint32_t>(key);
    counts[i] = static_cast<uint32_t>(count);
    for (uint64_t j = 0; j < count; ++j) {
      uint64_t cls = 0, zz = 0;
      if (!r.Varint(&cls) || !r.Varint(&zz)) return Status::Corruption("weight table cut short");
      if (cls >= static_cast<uint64_t>(num_classes) || zz > 0xffff) {
        return Status::Corruption("weight entry out of range");
      }
      int32_t v = static_cast<int32_t>((zz >> 1) ^ (~(zz & 1) + 1));
      entries.push_back(Entry{static_cast<uint16_t>(cls), static_cast<int16_t>(v)});
    }
  }
  *pos = r.pos();
  return FromArrays(num_classes, scale, keys, counts, entries);
}

// ---- files ------------------------------------------------------------------

std::string_view ModelKindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::kTagger:
      return "tagger";
    case ModelKind::kParser:
      return "parser";
  }
  return "unknown";
}

std::string RetrainHint(ModelKind kind) {
  return "re-clone the repository to restore the shipped models/, or retrain with "
         "`dyad train " +
         std::string(ModelKindName(kind)) + " --treebank ../shared/data/ud/en_ewt --out FILE`";
}

std::string WrapModel(ModelKind kind, std::string_view payload) {
  ByteWriter w;
  w.Raw(kMagic, 8);
  w.U32(kModelFormatVersion);
  w.U32(static_cast<uint32_t>(kind));
  w.U64(payload.size());
  w.U32(Crc32(payload));
  w.U32(Crc32(std::string_view(w.bytes().data(), 28)));
  w.bytes().append(payload);
  return std::move(w.bytes());
}

Result<std::string_view> UnwrapModel(std::string_view file, ModelKind kind, std::string_view path) {
  const std::string where(path);
  const std::string hint = RetrainHint(kind);
  if (file.size() < kModelHeaderSize) {
    return Status::Corruption(where + ": truncated model file (" + std::to_string(file.size()) +
                              " bytes, the header alone is 32); " + hint);
  }
  if (std::memcmp(file.data(), kMagic, 8) != 0) {
    return Status::Corruption(where + ": not a dyad model file (bad magic bytes); " + hint);
  }
  ByteReader r(file, 8);
  uint32_t version = 0, file_kind = 0, crc = 0, header_crc = 0;
  uint64_t size = 0;
  r.U32(&version);
  r.U32(&file_kind);
  r.U64(&size);
  r.U32(&crc);
  r.U32(&header_crc);
  if (header_crc != Crc32(file.substr(0, 28))) {
    return Status::Corruption(where + ": model header is corrupted (checksum mismatch); " + hint);
  }
  if (version != kModelFormatVersion) {
    return Status::Unsupported(where + ": model format version " + std::to_string(version) +
                               ", but this dyad reads version " +
                               std::to_string(kModelFormatVersion) + "; " + hint);
  }
  if (file_kind != static_cast<uint32_t>(kind)) {
    std::string found = file_kind == 1 ? "tagger" : file_kind == 2 ? "parser" : "unknown";
    return Status::InvalidArgument(where + ": is a " + found + " model, expected a " +
                                   std::string(ModelKindName(kind)) + " model");
  }
  if (size != file.size() - kModelHeaderSize) {
    return Status::Corruption(where + ": truncated or padded model file (header says " +
                              std::to_string(size) + " payload bytes, file has " +
                              std::to_string(file.size() - kModelHeaderSize) + "); " + hint);
  }
  std::string_view payload = file.substr(kModelHeaderSize);
  if (Crc32(payload) != crc) {
    return Status::Corruption(where + ": model data is corrupted (CRC-32 mismatch); " + hint);
  }
  return payload;
}

Result<std::string> ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": cannot open model file; pass --model DIR, set DYAD_MODEL_DIR, "
                            "or train one with `dyad train`");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return std::move(ss).str();
}

Status WriteModelFile(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot open for writing");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::IOError(tmp + ": write failed (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError(path + ": cannot rename " + tmp + ": " + ec.message());
  return Status::Ok();
}

}  // namespace dyad::parse_internal
