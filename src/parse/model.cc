#include "parse/model.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

Result<WeightTable> WeightTable::FromArrays(int num_classes, float scale,
                                            const std::vector<uint32_t>& keys,
                                            const std::vector<uint32_t>& counts,
                                            std::vector<Entry> entries) {
  if (num_classes <= 0 || num_classes > 0x7fff) {
    return Status::Corruption("class count " + std::to_string(num_classes) + " out of range");
  }
  WeightTable t;
  t.num_classes_ = num_classes;
  t.scale_ = scale;
  t.num_features_ = keys.size();
  size_t cap = 16;
  while (cap < keys.size() + keys.size() / 2 + 1) cap <<= 1;  // load factor <= 2/3
  t.mask_ = cap - 1;
  t.slots_.assign(cap, Slot{});
  for (const Entry& e : entries) {
    if (e.cls >= num_classes) return Status::Corruption("weight entry names an unknown class");
  }
  uint64_t begin = 0;
  std::vector<Entry> multi;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == 0 || (i > 0 && keys[i] <= keys[i - 1])) {
      return Status::Corruption("feature keys are not strictly ascending and non-zero");
    }
    if (counts[i] == 0 || counts[i] > static_cast<uint32_t>(num_classes) ||
        begin + counts[i] > entries.size()) {
      return Status::Corruption("feature row sizes do not match the entry count");
    }
    Slot slot{keys[i], 0};
    if (counts[i] == 1) {
      const Entry& e = entries[begin];
      slot.data = kSingle | static_cast<uint32_t>(e.cls) << 16 | static_cast<uint16_t>(e.w);
    } else {
      if (multi.size() + counts[i] + 1 >= kSingle) return Status::Corruption("too many weights");
      slot.data = static_cast<uint32_t>(multi.size());
      multi.push_back(Entry{static_cast<uint16_t>(counts[i]), 0});
      multi.insert(multi.end(), entries.begin() + begin, entries.begin() + begin + counts[i]);
    }
    size_t s = keys[i] & t.mask_;
    while (t.slots_[s].key != 0) s = (s + 1) & t.mask_;
    t.slots_[s] = slot;
    begin += counts[i];
  }
  if (begin != entries.size())
    return Status::Corruption("entries left over after the last feature");
  t.num_entries_ = entries.size();
  multi.shrink_to_fit();
  t.entries_ = std::move(multi);
  return t;
}

Result<WeightTable> WeightTable::Build(int num_classes, const TrainWeights::Quantized& q) {
  std::vector<Entry> entries(q.classes.size());
  for (size_t i = 0; i < entries.size(); ++i) entries[i] = Entry{q.classes[i], q.weights[i]};
  return FromArrays(num_classes, q.scale, q.keys, q.counts, std::move(entries));
}

WeightTable WeightTable::Pruned(int min_abs) const {
  std::vector<Slot> used;
  for (const Slot& s : slots_) {
    if (s.key) used.push_back(s);
  }
  std::sort(used.begin(), used.end(), [](const Slot& a, const Slot& b) { return a.key < b.key; });
  std::vector<uint32_t> keys, counts;
  std::vector<Entry> entries;
  for (const Slot& s : used) {
    uint32_t kept = 0;
    Entry single;
    uint32_t count = 0;
    const Entry* row = Row(s, &single, &count);
    for (uint32_t j = 0; j < count; ++j) {
      const Entry& e = row[j];
      if (std::abs(static_cast<int>(e.w)) >= min_abs) {
        entries.push_back(e);
        ++kept;
      }
    }
    if (kept) {
      keys.push_back(s.key);
      counts.push_back(kept);
    }
  }
  auto t = FromArrays(num_classes_, scale_, keys, counts, std::move(entries));
  return t.ok() ? std::move(t).value() : *this;
}

// Serialized: u32 features, u32 entries, f32 scale; then per feature in
// ascending key order: varint key delta, varint entry count, and per entry
// varint class and zigzag-varint weight. About 3 bytes per entry.
void WeightTable::AppendTo(std::string* out) const {
  std::vector<Slot> used;
  used.reserve(num_features_);
  for (const Slot& s : slots_) {
    if (s.key) used.push_back(s);
  }
  std::sort(used.begin(), used.end(), [](const Slot& a, const Slot& b) { return a.key < b.key; });
  ByteWriter w;
  w.U32(static_cast<uint32_t>(used.size()));
  w.U32(static_cast<uint32_t>(num_entries_));
  w.F32(scale_);
  uint32_t prev = 0;
  for (const Slot& s : used) {
    w.Varint(s.key - prev);
    prev = s.key;
    Entry single;
    uint32_t count = 0;
    const Entry* row = Row(s, &single, &count);
    w.Varint(count);
    for (uint32_t j = 0; j < count; ++j) {
      const Entry& e = row[j];
      w.Varint(e.cls);
      int32_t v = e.w;
      w.Varint(static_cast<uint32_t>((v << 1) ^ (v >> 31)));
    }
  }
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
  return FromArrays(num_classes, scale, keys, counts, std::move(entries));
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
