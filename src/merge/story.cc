// Copy groups (MinHash + LSH) and stories (TF-IDF cosine in a date window).
#include "dyad/story.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace dyad {
namespace {

// SplitMix64 finalizer: a cheap, well-mixed 64-bit hash step.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return Mix(h);
}

// Word hashes of w-word shingles of `text`.
std::vector<uint64_t> ShingleHashes(std::string_view text, int shingle_words) {
  std::string lowered;
  std::vector<std::string_view> words = StoryWords(text, &lowered);
  std::vector<uint64_t> word_hash(words.size());
  for (size_t i = 0; i < words.size(); ++i) word_hash[i] = HashBytes(words[i]);
  const size_t w = static_cast<size_t>(std::max(1, shingle_words));
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  if (words.size() < w) {  // a short text is one shingle of all its words
    uint64_t h = 0;
    for (uint64_t x : word_hash) h = Mix(h ^ x);
    out.push_back(h);
    return out;
  }
  out.reserve(words.size() - w + 1);
  for (size_t i = 0; i + w <= words.size(); ++i) {
    uint64_t h = 0;
    for (size_t k = 0; k < w; ++k) h = Mix(h ^ word_hash[i + k]);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a > b) std::swap(a, b);
    parent_[b] = a;  // the lower index stays the root
  }

 private:
  std::vector<uint32_t> parent_;
};

// Dense ids in order of each cluster's first member.
std::vector<uint32_t> DenseIds(UnionFind& uf, size_t n, uint32_t* count) {
  std::vector<uint32_t> id(n), root_id(n, UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t r = uf.Find(i);
    if (root_id[r] == UINT32_MAX) root_id[r] = next++;
    id[i] = root_id[r];
  }
  *count = next;
  return id;
}

// Words that say nothing about which event a text reports.
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kStop = {
      "a",     "an",    "the",   "and",   "or",    "but",   "of",   "to",    "in",    "on",
      "at",    "for",   "with",  "by",    "from",  "as",    "is",   "are",   "was",   "were",
      "be",    "been",  "being", "has",   "have",  "had",   "it",   "its",   "this",  "that",
      "these", "those", "he",    "she",   "they",  "them",  "his",  "her",   "their", "we",
      "our",   "you",   "your",  "i",     "not",   "no",    "will", "would", "can",   "could",
      "said",  "says",  "say",   "after", "over",  "about", "into", "than",  "more",  "also",
      "who",   "which", "what",  "when",  "where", "while", "new",  "s",     "t",     "up",
      "out",   "one",   "two",   "if",    "so",    "all",   "do",   "does",  "did",   "may",
      "there", "some",  "other", "just",  "how",   "why",   "most", "many",  "any",   "him"};
  return kStop;
}

// Light English folding so "sanctions"/"sanction" and "voted"/"votes" meet.
std::string_view Fold(std::string_view w, std::string* buf) {
  if (w.size() > 4 && w.ends_with("ies")) {
    *buf = std::string(w.substr(0, w.size() - 3)) + "y";
    return *buf;
  }
  if (w.size() > 4 && (w.ends_with("ing") || w.ends_with("ed"))) {
    w = w.substr(0, w.size() - (w.ends_with("ed") ? 2 : 3));
  } else if (w.size() > 3 && w.ends_with('s') && !w.ends_with("ss")) {
    w = w.substr(0, w.size() - 1);
  }
  // "seize"/"seized"/"seizes" all end as "seiz".
  if (w.size() > 4 && w.ends_with('e')) w = w.substr(0, w.size() - 1);
  return w;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

struct SparseVec {
  std::vector<std::pair<uint32_t, float>> terms;  // (term id, weight), sorted by id
};

}  // namespace

std::vector<std::string_view> StoryWords(std::string_view text, std::string* lowered) {
  lowered->assign(text.size(), ' ');
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      (*lowered)[i] = static_cast<char>(c);
      ++i;
    } else if (c >= 'A' && c <= 'Z') {
      (*lowered)[i] = static_cast<char>(c + 32);
      ++i;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80) {
      i += 3;  // U+2000..U+203F: spaces, dashes, quotes, bullets: separators
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xC0) {
      i += 2;  // U+0080..U+00BF: no-break space, Latin-1 punctuation
    } else if (c >= 0x80) {
      (*lowered)[i] = static_cast<char>(c);  // other non-ASCII: part of a word
      ++i;
    } else {
      ++i;
    }
  }
  std::vector<std::string_view> words;
  std::string_view l = *lowered;
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && l[i] == ' ') ++i;
    size_t start = i;
    while (i < l.size() && l[i] != ' ') ++i;
    if (i > start) words.push_back(l.substr(start, i - start));
  }
  return words;
}

MinHashSignature ComputeMinHash(std::string_view text, const StoryOptions& options) {
  const size_t k = static_cast<size_t>(std::max(1, options.num_hashes));
  MinHashSignature sig;
  sig.values.assign(k, std::numeric_limits<uint64_t>::max());
  const std::vector<uint64_t> shingles = ShingleHashes(text, options.shingle_words);
  // Shingle hashes are already well mixed, so hash function j is the cheap
  // bijection x -> a_j * x + b_j (mod 2^64, a_j odd); the minimum is decided
  // by the well-mixed high bits. Against x -> Mix(x ^ seed_j) signatures went
  // from 7.0k to 10.1k Reuters articles/s (story_bench, CPU time, on a shared
  // machine) with the estimate still inside the tolerance of
  // MinHash.EstimateTracksExactJaccard. Constants come from a fixed sequence,
  // so signatures are stable across runs and machines.
  std::vector<uint64_t> mul(k), add(k);
  for (size_t j = 0; j < k; ++j) {
    mul[j] = Mix(0x5eed0000ULL + 2 * j) | 1;
    add[j] = Mix(0x5eed0001ULL + 2 * j);
  }
  uint64_t* v = sig.values.data();
  for (uint64_t s : shingles) {
    for (size_t j = 0; j < k; ++j) {
      const uint64_t h = mul[j] * s + add[j];
      v[j] = h < v[j] ? h : v[j];
    }
  }
  return sig;
}

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
  const size_t n = std::min(a.values.size(), b.values.size());
  if (n == 0) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < n; ++i) equal += a.values[i] == b.values[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

double ShingleJaccard(std::string_view a, std::string_view b, int shingle_words) {
  const std::vector<uint64_t> x = ShingleHashes(a, shingle_words);
  const std::vector<uint64_t> y = ShingleHashes(b, shingle_words);
  if (x.empty() && y.empty()) return 0;
  std::vector<uint64_t> both;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(x.size() + y.size() - both.size());
}

StoryClusters ClusterStories(const std::vector<Article>& articles, const StoryOptions& options) {
  const size_t n = articles.size();
  StoryClusters out;
  std::vector<long> day(n, std::numeric_limits<long>::min());
  for (size_t i = 0; i < n; ++i)
    if (articles[i].published.precision == DatePrecision::kDay)
      day[i] = articles[i].published.DaysSinceEpoch();

  // --- copies: MinHash + LSH banding --------------------------------------
  StoryOptions o = options;
  o.num_hashes = std::max(1, o.num_hashes);
  o.bands = std::clamp(o.bands, 1, o.num_hashes);
  const size_t rows = static_cast<size_t>(o.num_hashes / o.bands);
  std::vector<MinHashSignature> sigs(n);
  std::vector<bool> empty(n);
  for (size_t i = 0; i < n; ++i) {
    sigs[i] = ComputeMinHash(articles[i].text, o);
    empty[i] = sigs[i].values[0] == std::numeric_limits<uint64_t>::max();
  }
  UnionFind copies(n);
  {
    std::unordered_map<uint64_t, std::vector<uint32_t>> buckets;
    for (int b = 0; b < o.bands; ++b) {
      buckets.clear();
      for (uint32_t i = 0; i < n; ++i) {
        if (empty[i]) continue;
        uint64_t key = Mix(static_cast<uint64_t>(b));
        for (size_t r = 0; r < rows; ++r) key = Mix(key ^ sigs[i].values[b * rows + r]);
        buckets[key].push_back(i);
      }
      for (auto& [key, members] : buckets) {
        for (size_t x = 0; x < members.size(); ++x) {
          for (size_t y = x + 1; y < members.size(); ++y) {
            const uint32_t p = members[x], q = members[y];
            if (copies.Find(p) == copies.Find(q)) continue;
            ++out.copy_candidate_pairs;
            if (EstimateJaccard(sigs[p], sigs[q]) >= o.copy_threshold) copies.Union(p, q);
          }
        }
      }
    }
  }
  out.copy_group = DenseIds(copies, n, &out.num_copy_groups);
  // The original of each group: earliest day-precise date, then lowest index.
  {
    std::vector<int32_t> original(out.num_copy_groups, -1);
    for (uint32_t i = 0; i < n; ++i) {
      int32_t& o_idx = original[out.copy_group[i]];
      if (o_idx < 0) {
        o_idx = static_cast<int32_t>(i);
        continue;
      }
      const long di = day[i], dor = day[o_idx];
      const bool earlier = di != std::numeric_limits<long>::min() &&
                           (dor == std::numeric_limits<long>::min() || di < dor);
      if (earlier) o_idx = static_cast<int32_t>(i);
    }
    out.is_copy_of.assign(n, -1);
    for (uint32_t i = 0; i < n; ++i) {
      const int32_t orig = original[out.copy_group[i]];
      if (orig != static_cast<int32_t>(i)) out.is_copy_of[i] = orig;
    }
  }

  // --- stories: TF-IDF cosine over title + lead, in a date window ---------
  UnionFind stories(n);
  for (uint32_t i = 0; i < n; ++i) stories.Union(i, copies.Find(i));

  std::unordered_map<std::string, uint32_t> vocab;
  std::vector<std::vector<std::pair<uint32_t, float>>> tf(n);
  std::vector<uint32_t> df;
  {
    const auto& stop = StopWords();
    std::string lowered, fold_buf;
    std::unordered_map<uint32_t, float> counts;
    for (size_t i = 0; i < n; ++i) {
      counts.clear();
      auto add_words = [&](std::string_view text, size_t limit, float weight) {
        std::vector<std::string_view> words = StoryWords(text, &lowered);
        size_t used = 0;
        for (std::string_view w : words) {
          if (used >= limit) break;
          ++used;
          if (w.size() < 2 || stop.count(w)) continue;
          std::string_view f = Fold(w, &fold_buf);
          auto [it, inserted] =
              vocab.try_emplace(std::string(f), static_cast<uint32_t>(vocab.size()));
          if (inserted) df.push_back(0);
          counts[it->second] += weight;
        }
      };
      // Title words count double: a headline names the event.
      add_words(articles[i].title, SIZE_MAX, o.title_weight);
      add_words(articles[i].text, o.lead_words, 1.0f);
      tf[i].assign(counts.begin(), counts.end());
      std::sort(tf[i].begin(), tf[i].end());
      for (auto& [t, c] : tf[i]) ++df[t];
    }
  }
  // The cap never drops a term from 50 or fewer articles: in a small batch
  // every shared word counts.
  const double max_df = std::max(50.0, o.max_df_fraction * static_cast<double>(n));
  std::vector<SparseVec> vec(n);
  for (size_t i = 0; i < n; ++i) {
    double norm = 0;
    for (auto& [t, c] : tf[i]) {
      if (df[t] > max_df) continue;
      const float w =
          static_cast<float>((1.0 + std::log(c)) * std::log(static_cast<double>(n + 1) / df[t]));
      vec[i].terms.emplace_back(t, w);
      norm += static_cast<double>(w) * w;
    }
    norm = std::sqrt(norm);
    if (norm == 0) continue;  // no informative words: a singleton story
    for (auto& [t, w] : vec[i].terms) w = static_cast<float>(w / norm);
    tf[i].clear();
    tf[i].shrink_to_fit();
  }
  // Postings sorted by day; undated articles kept apart and compared with all.
  constexpr long kNoDay = std::numeric_limits<long>::min();
  struct Posting {
    long day;
    uint32_t doc;
    float w;
  };
  std::vector<std::vector<Posting>> postings(vocab.size());
  for (uint32_t i = 0; i < n; ++i)
    for (auto& [t, w] : vec[i].terms) postings[t].push_back({day[i], i, w});
  for (auto& p : postings)
    std::sort(p.begin(), p.end(), [](const Posting& a, const Posting& b) {
      return a.day != b.day ? a.day < b.day : a.doc < b.doc;
    });
  const bool window = o.date_window_days >= 0;
  struct Edge {
    float sim;
    uint32_t a, b;
  };
  std::vector<Edge> edges;
  // Similarities kept for the average-linkage step; smaller ones count as 0.
  constexpr float kKeepSimilarity = 0.02f;
  std::unordered_map<uint64_t, float> sim;
  std::vector<float> acc(n, 0.0f);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < n; ++i) {
    touched.clear();
    for (auto& [t, wi] : vec[i].terms) {
      const auto& p = postings[t];
      auto visit = [&](const Posting& q) {
        if (q.doc <= i) return;
        if (acc[q.doc] == 0.0f) touched.push_back(q.doc);
        acc[q.doc] += wi * q.w;
      };
      if (!window || day[i] == kNoDay) {
        for (const Posting& q : p) visit(q);
        continue;
      }
      // Undated postings sort first (kNoDay is the least long).
      for (const Posting& q : p) {
        if (q.day != kNoDay) break;
        visit(q);
      }
      auto lo = std::lower_bound(p.begin(), p.end(), day[i] - o.date_window_days,
                                 [](const Posting& a, long d) { return a.day < d; });
      for (auto it = lo; it != p.end() && it->day <= day[i] + o.date_window_days; ++it) visit(*it);
    }
    out.story_candidate_pairs += touched.size();
    for (uint32_t j : touched) {
      if (acc[j] >= o.story_threshold) edges.push_back({acc[j], i, j});
      if (o.average_linkage && acc[j] >= kKeepSimilarity) sim[PairKey(i, j)] = acc[j];
      acc[j] = 0.0f;
    }
  }
  if (!o.average_linkage) {
    for (const Edge& e : edges) stories.Union(e.a, e.b);
  } else {
    // Greedy average linkage: strongest pairs first; two clusters merge only
    // when the mean similarity over all their cross pairs (pairs never
    // scored count as 0) reaches the threshold. Stops the chaining that
    // single linkage shows on topical runs of stories (docs/stories.md).
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
      return x.sim != y.sim ? x.sim > y.sim : (x.a != y.a ? x.a < y.a : x.b < y.b);
    });
    std::vector<std::vector<uint32_t>> members(n);
    for (uint32_t i = 0; i < n; ++i) members[stories.Find(i)].push_back(i);
    for (const Edge& e : edges) {
      const uint32_t ra = stories.Find(e.a), rb = stories.Find(e.b);
      if (ra == rb) continue;
      const auto& ma = members[ra];
      const auto& mb = members[rb];
      const uint64_t cross = static_cast<uint64_t>(ma.size()) * mb.size();
      if (cross > o.max_linkage_pairs) continue;
      double sum = 0;
      for (uint32_t x : ma)
        for (uint32_t y : mb)
          if (auto it = sim.find(PairKey(x, y)); it != sim.end()) sum += it->second;
      if (sum / static_cast<double>(cross) < o.story_threshold) continue;
      stories.Union(ra, rb);
      const uint32_t root = stories.Find(ra), other = root == ra ? rb : ra;
      members[root].insert(members[root].end(), members[other].begin(), members[other].end());
      members[other].clear();
      members[other].shrink_to_fit();
    }
  }
  out.story = DenseIds(stories, n, &out.num_stories);
  return out;
}

Result<PairwiseScore> ScorePairwise(const std::vector<uint32_t>& predicted,
                                    const std::vector<uint32_t>& gold) {
  if (predicted.size() != gold.size())
    return Status::InvalidArgument("ScorePairwise: " + std::to_string(predicted.size()) +
                                   " predicted labels but " + std::to_string(gold.size()) +
                                   " gold labels; pass one label per article in both");
  // Counting pairs through cluster sizes: C(n,2) summed over clusters and
  // over (predicted, gold) cells of the contingency table.
  auto pairs = [](uint64_t k) { return k * (k - 1) / 2; };
  std::unordered_map<uint32_t, uint64_t> p_size, g_size;
  std::unordered_map<uint64_t, uint64_t> cell;
  for (size_t i = 0; i < gold.size(); ++i) {
    ++p_size[predicted[i]];
    ++g_size[gold[i]];
    ++cell[(static_cast<uint64_t>(predicted[i]) << 32) | gold[i]];
  }
  PairwiseScore s;
  for (auto& [k, v] : p_size) s.predicted_pairs += pairs(v);
  for (auto& [k, v] : g_size) s.gold_pairs += pairs(v);
  for (auto& [k, v] : cell) s.correct_pairs += pairs(v);
  s.precision = s.predicted_pairs ? static_cast<double>(s.correct_pairs) / s.predicted_pairs : 1.0;
  s.recall = s.gold_pairs ? static_cast<double>(s.correct_pairs) / s.gold_pairs : 1.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace dyad
