// Near-duplicate articles and stories.
//
// Two relations over a batch of articles, kept apart because they mean
// different things downstream:
//
//  * copies: syndicated or lightly edited versions of one text (wire copy run
//    by several outlets, an updated version of the same report). Found with
//    MinHash signatures over word shingles of the normalized text, LSH banding
//    for candidate pairs, and an estimated Jaccard >= copy_threshold. A copy
//    never counts as a new, independent source for an event.
//  * stories: articles reporting the same event, possibly written
//    independently by different outlets. Shingles do not catch these; they are
//    found by TF-IDF cosine over the title and lead words, restricted to a
//    publication-date window. Every copy group lies inside one story.
//
// Both are closed transitively (union-find). The method and its measured
// quality are written up in docs/stories.md.
//
// Thread safety: all functions are pure; call them from any thread.
#ifndef DYAD_STORY_H_
#define DYAD_STORY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad {

struct StoryOptions {
  // --- copies ---
  int shingle_words = 4;        // words per shingle
  int num_hashes = 128;         // MinHash signature length
  int bands = 32;               // LSH bands; rows per band = num_hashes / bands
  double copy_threshold = 0.8;  // estimated Jaccard at or above which two texts are copies
  // --- stories ---
  size_t lead_words = 120;        // words of the text used with the title
  double story_threshold = 0.15;  // TF-IDF cosine at or above which two articles share a story
  // Articles whose day-precise publication dates differ by more than this
  // never share a story. Negative: no window. An article without a
  // day-precise date is compared with every other article.
  int date_window_days = 1;
  // true: two groups join only when their mean cross-pair similarity reaches
  // story_threshold (average linkage); false: any one pair joins them
  // (single linkage, which chains).
  bool average_linkage = true;
  // Average linkage skips a join whose groups would need more cross pairs
  // than this to compare (bounds the cost on huge topical groups).
  uint64_t max_linkage_pairs = 250000;
  // Weight of a title word relative to a lead word.
  float title_weight = 2.0f;
  // Terms in more than this fraction of the articles (and in more than 50)
  // are ignored by the story similarity (they carry little weight and
  // dominate the cost).
  double max_df_fraction = 0.1;
};

// A MinHash signature: for each of num_hashes hash functions, the least hash
// over the text's shingles. Empty shingle sets give all-UINT64_MAX values.
struct MinHashSignature {
  std::vector<uint64_t> values;
};

// Lowercased words of `text` (ASCII letters and digits; other non-ASCII
// bytes are kept inside words; Unicode punctuation and spaces split words).
std::vector<std::string_view> StoryWords(std::string_view text, std::string* lowered);

MinHashSignature ComputeMinHash(std::string_view text, const StoryOptions& options);
// Fraction of equal positions: an unbiased estimate of the shingle Jaccard.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);
// The exact Jaccard similarity of the two texts' shingle sets: the slow
// reference the signatures are checked against.
double ShingleJaccard(std::string_view a, std::string_view b, int shingle_words);

struct StoryClusters {
  // Per article (same order as the input):
  std::vector<uint32_t> story;       // story id, dense 0..num_stories-1 in order of first member
  std::vector<uint32_t> copy_group;  // copy-group id, dense 0..num_copy_groups-1
  // The article this one is a copy of: the group's original (earliest
  // day-precise date, then lowest index); -1 for originals and singletons.
  std::vector<int32_t> is_copy_of;
  uint32_t num_stories = 0;
  uint32_t num_copy_groups = 0;
  // Work done, for benchmarks and tuning.
  uint64_t copy_candidate_pairs = 0;   // LSH bucket pairs checked
  uint64_t story_candidate_pairs = 0;  // pairs whose cosine was accumulated
};

// Clusters a batch of articles into copy groups and stories. Never fails;
// empty texts are their own singleton groups.
StoryClusters ClusterStories(const std::vector<Article>& articles,
                             const StoryOptions& options = {});

// --- evaluation ------------------------------------------------------------

// Pairwise clustering quality: a pair of articles is predicted-together when
// they share a predicted cluster and gold-together when they share a gold one.
struct PairwiseScore {
  uint64_t predicted_pairs = 0;
  uint64_t gold_pairs = 0;
  uint64_t correct_pairs = 0;  // both
  double precision = 0;        // correct / predicted (1 when nothing predicted)
  double recall = 0;           // correct / gold (1 when no gold pairs)
  double f1 = 0;
};
// `predicted` and `gold` hold one cluster id per article; sizes must match.
Result<PairwiseScore> ScorePairwise(const std::vector<uint32_t>& predicted,
                                    const std::vector<uint32_t>& gold);

// A labelled corpus for story clustering.
struct LabeledStories {
  std::vector<Article> articles;
  std::vector<uint32_t> gold_story;  // per article
  std::vector<Reject> rejects;       // records or entries that could not be used
};

// Reads the AllSides same-story file (JSON lines; each line a story with a
// "date" and a "news" object of up to three outlet reports with newsSource,
// newsTitle, newBody). Each report becomes an Article dated with the story's
// date; its gold label is the line's story. Bad lines become rejects.
Result<LabeledStories> ReadAllsidesStories(const std::string& path);

}  // namespace dyad

#endif  // DYAD_STORY_H_
