// The public Parser on the shipped models: the Sentence entry point, and
// that steady-state parsing allocates nothing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "dyad/parse.h"

// Counts operator new calls on this thread while g_counting is set. The
// replacement applies to the whole test binary; it only counts. (g++ warns
// that free() meets memory from operator new once both are inlined into
// std::allocator here; with this replacement that is exactly right.)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
thread_local bool g_counting = false;
thread_local size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace dyad {
namespace {

const Parser& ShippedParser() {
  static const Parser* parser = [] {
    auto p = Parser::Load(std::string(DYAD_SOURCE_DIR) + "/models");
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p).value().release() : nullptr;
  }();
  return *parser;
}

Sentence MakeSentence(const std::vector<std::string>& words) {
  Sentence s;
  uint32_t pos = 0;
  for (const auto& w : words) {
    Token& t = s.tokens.emplace_back();
    t.begin = pos;
    t.end = pos + static_cast<uint32_t>(w.size());
    t.text = s.Own(w);  // a copy: `words` may be a temporary
    pos = t.end + 1;
  }
  return s;
}

TEST(ParserTest, SentenceEntryPointMatchesWordList) {
  const Parser& parser = ShippedParser();
  const std::vector<std::string> words = {"Rebel",  "forces",    "attacked", "a",  "government",
                                          "convoy", "near",      "Aleppo",   "on", "Tuesday",
                                          ",",      "officials", "said",     "."};
  Sentence s = MakeSentence(words);
  ParsedSentence a, b;
  ASSERT_TRUE(parser.Parse(s, &a).ok());
  std::vector<std::string_view> views(words.begin(), words.end());
  ASSERT_TRUE(parser.Parse(views, &b).ok());
  ASSERT_EQ(a.words.size(), words.size());
  ASSERT_EQ(b.words.size(), words.size());
  int roots = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(a.words[i].head, b.words[i].head) << i;
    EXPECT_EQ(a.words[i].deprel, b.words[i].deprel) << i;
    EXPECT_EQ(a.words[i].upos, b.words[i].upos) << i;
    roots += a.words[i].head == 0;
  }
  EXPECT_EQ(roots, 1);
  EXPECT_EQ(a.words[2].upos, "VERB");  // attacked
  EXPECT_EQ(a.words[1].deprel, "nsubj");
  EXPECT_EQ(a.words[1].head, 3);  // forces <- attacked
  EXPECT_EQ(a.words[5].deprel, "obj");
  EXPECT_EQ(a.words[5].head, 3);  // convoy <- attacked
}

TEST(ParserTest, SteadyStateParsingDoesNotAllocate) {
  const Parser& parser = ShippedParser();
  // Words longer than std::string's inline buffer, so a per-word copy shows.
  Sentence long_words = MakeSentence({"Internationally-recognized", "representatives", "condemned",
                                      "the", "counterinsurgency", "operations", "."});
  Sentence longest = MakeSentence(std::vector<std::string>(80, "word"));
  ParsedSentence out;
  ASSERT_TRUE(parser.Parse(longest, &out).ok());  // grows the per-thread scratch
  ASSERT_TRUE(parser.Parse(long_words, &out).ok());
  // The counter sees allocations at all.
  g_allocations = 0;
  g_counting = true;
  auto* probe = new std::string(100, 'x');
  g_counting = false;
  delete probe;
  ASSERT_GE(g_allocations, 1u);
  g_allocations = 0;
  g_counting = true;
  Status st = parser.Parse(long_words, &out);
  Status st2 = parser.Parse(longest, &out);
  g_counting = false;
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st2.ok());
  EXPECT_EQ(g_allocations, 0u);
  EXPECT_EQ(out.words.size(), 80u);
}

TEST(ParserTest, TooLongSentenceIsRefused) {
  Sentence s = MakeSentence(std::vector<std::string>(Parser::kMaxWords + 1, "x"));
  ParsedSentence out;
  EXPECT_EQ(ShippedParser().Parse(s, &out).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace dyad
