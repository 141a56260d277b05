#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>

#include "dyad/ingest.h"
#include "ingest/byte_source.h"
#include "ingest/test_util.h"
#include "ingest/utf8.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::SharedPath;
using testing::TempDir;

Collected Read(const std::vector<std::string>& inputs, const ReadOptions& o = {}) {
  Collected c;
  Status st = ReadInputs(inputs, o, c.Visitor());
  EXPECT_TRUE(st.ok()) << st.ToString();
  return c;
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, in.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string ManyLines(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i)
    s += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"Article number " +
         std::to_string(i) + " says the envoy met the minister.\"}\n";
  return s;
}

TEST(ReadInputs, FolderIsReadRecursivelyInSortedOrder) {
  TempDir t;
  t.Write("b/2.txt", "Two\n\nSecond body.\n");
  t.Write("a.txt", "One\n\nFirst body.\n");
  t.Write("b/1.html", "<p>Html body.</p>");
  t.Write("c.jsonl", "{\"text\": \"Json body.\"}\n");
  t.Write(".hidden.txt", "Not read.\n");
  Collected c = Read({t.path()});
  ASSERT_EQ(c.articles.size(), 4u) << c.RejectText();
  EXPECT_EQ(c.articles[0].id, "a.txt");
  EXPECT_EQ(c.articles[1].id, "b/1.html");
  EXPECT_EQ(c.articles[1].text, "Html body.");
  EXPECT_EQ(c.articles[2].id, "b/2.txt");
  EXPECT_EQ(c.articles[3].id, "c.jsonl:1");
  EXPECT_EQ(c.articles[3].source.path, t.path() + "/c.jsonl");
  EXPECT_TRUE(c.rejects.empty());
}

TEST(ReadInputs, MissingPathIsARejectAndTheRunGoesOn) {
  TempDir t;
  const std::string good = t.Write("ok.txt", "Body.\n");
  const std::string missing = t.path() + "/nope.txt";
  Collected c = Read({missing, good});
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_TRUE(c.rejects[0].fatal);
  EXPECT_EQ(c.rejects[0].ToString(),
            missing + ": no such file or folder; check the path (skipped)");
}

TEST(ReadInputs, EmptyFolderIsAReject) {
  TempDir t;
  std::filesystem::create_directories(t.path() + "/empty");
  Collected c = Read({t.path() + "/empty"});
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].what, "folder has no files to read; pass a folder with articles");
}

TEST(ReadInputs, UnreadableFile) {
  // chmod 000 does not stop root; this case needs a non-root user.
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: permission bits do not apply";
  TempDir t;
  const std::string p = t.Write("secret.txt", "Body.\n");
  ASSERT_EQ(::chmod(p.c_str(), 0), 0);
  Collected c = Read({p});
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].ToString(),
            p + ": cannot open: Permission denied; check permissions (skipped)");
  Collected d = Read({t.path()});  // the folder's only file is unreadable
  ASSERT_EQ(d.rejects.size(), 2u);
  EXPECT_EQ(d.rejects[1].ToString(),
            t.path() + ": folder has no readable files; check permissions");
}

TEST(ReadInputs, FolderWhereAFileIsExpectedCannotBeOpened) {
  // Works as root too: opening a folder as a file fails like an unreadable file.
  TempDir t;
  auto opened = ingest::OpenFile(t.path());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().message(),
            "is a folder, not a file; pass the folder itself to read all its files");
}

TEST(ReadInputs, EmptyAndBinaryFilesAreRejected) {
  TempDir t;
  const std::string empty = t.Write("empty.txt", "");
  const std::string bin = t.Write("blob.txt", std::string("\x7f"
                                                          "ELF\x02\x01\x01\0\0\0",
                                                          10));
  const std::string ok = t.Write("z.txt", "Fine.\n");
  Collected c = Read({empty, bin, ok});
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.rejects.size(), 2u);
  EXPECT_EQ(c.rejects[0].ToString(), empty + ": empty file; skipped");
  EXPECT_EQ(c.rejects[1].ToString(), bin + ": binary file, not text; skipped");
}

TEST(ReadInputs, GzipAndZstdRoundTrips) {
  TempDir t;
  const std::string lines = ManyLines(5000);
  const std::string text = "Title\n\nPublished body.\n";
  const std::string gz = t.Write("a.jsonl.gz", Gzip(lines));
  const std::string zst = t.Write("b.jsonl.zst", Zstd(lines));
  const std::string tgz = t.Write("c.txt.gz", Gzip(text));
  const std::string tzst = t.Write("d.txt.zst", Zstd(text));
  // Two gzip members back to back (as `cat a.gz b.gz` makes) are one stream.
  const std::string multi = t.Write("e.jsonl.gz", Gzip(ManyLines(2)) + Gzip(ManyLines(3)));
  Collected c = Read({gz, zst, tgz, tzst, multi});
  ASSERT_EQ(c.articles.size(), 5000u + 5000u + 1u + 1u + 5u) << c.RejectText();
  EXPECT_EQ(c.articles[4999].id, "n5000");
  EXPECT_EQ(c.articles[4999].source.ToString(), gz + ":5000");
  EXPECT_EQ(c.articles[5000].id, "n1");
  EXPECT_EQ(c.articles[10000].title, "Title");
  EXPECT_EQ(c.articles[10000].text, "Published body.");
  EXPECT_EQ(c.articles[10000].id, "c.txt.gz");
  EXPECT_EQ(c.articles[10001].text, "Published body.");
  EXPECT_EQ(c.articles[10003].id, "n2");
  EXPECT_EQ(c.articles[10004].id, "n1");  // first line of the second member
  EXPECT_EQ(c.articles[10004].source.line, 3);
  EXPECT_TRUE(c.rejects.empty());
}

TEST(ReadInputs, TruncatedGzipKeepsWhatWasReadAndReportsTheRest) {
  TempDir t;
  std::string gz = Gzip(ManyLines(20000));
  const std::string p = t.Write("cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  Collected c = Read({p});
  EXPECT_GT(c.articles.size(), 1000u);
  EXPECT_LT(c.articles.size(), 20000u);
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectText();
  EXPECT_TRUE(c.rejects[0].fatal);
  EXPECT_NE(c.rejects[0].what.find("gzip data ends early (truncated file)"), std::string::npos)
      << c.rejects[0].what;
  EXPECT_NE(c.rejects[0].what.find("rest of the file skipped"), std::string::npos);
}

TEST(ReadInputs, CorruptZstdIsAReject) {
  TempDir t;
  const std::string p = t.Write("bad.txt.zst", std::string("\x28\xb5\x2f\xfd garbage here", 17));
  Collected c = Read({p});
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].what.substr(0, 24), "corrupt zstd data (zstd:");
}

TEST(ReadInputs, FormatOptionOverridesExtension) {
  TempDir t;
  const std::string p = t.Write("feed.txt", "{\"id\": \"x\", \"text\": \"Body.\"}\n");
  ReadOptions o;
  o.format = InputFormat::kJsonl;
  Collected c = Read({p}, o);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "x");
}

TEST(LineReader, LongLinesAreSkippedWithBoundedMemory) {
  std::string in = "short\n" + std::string(1000000, 'x') + "\nlast\r\n" + std::string(50, 'y');
  auto src = ingest::MemorySource(in);
  ingest::LineReader r(src.get(), 100);
  std::string line;
  int64_t n = 0;
  bool too_long = false;
  std::vector<std::string> got;
  for (;;) {
    auto more = r.Next(&line, &n, &too_long);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    got.push_back(std::to_string(n) + (too_long ? "!" : ":") + line);
  }
  EXPECT_EQ(got,
            (std::vector<std::string>{"1:short", "2!", "3:last", "4:" + std::string(50, 'y')}));
}

TEST(Utf8, RepairReplacesMaximalSubparts) {
  std::string out;
  // E0 80: E0 needs A0..BF next, so E0 alone is one bad sequence and 80 another.
  auto r = ingest::AppendRepairedUtf8(
      "a\xE0\x80"
      "b\xF0\x9F\x98"
      "c\xF0\x9F\x98\x80",
      &out);
  EXPECT_EQ(out,
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xF0\x9F\x98\x80");
  EXPECT_EQ(r.bad_sequences, 3u);
  EXPECT_EQ(r.first_bad_offset, 1u);
}

// The real corpora: these read ../shared in place and fail when it is missing.
TEST(SharedCorpora, Reuters2012To2013) {
  const std::string path = SharedPath("data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz");
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing shared corpus " << path;
  size_t articles = 0, fatal = 0, warnings = 0;
  Article first;
  ArticleVisitor v;
  v.on_article = [&](Article&& a) {
    if (articles++ == 0) first = std::move(a);
  };
  v.on_reject = [&](const Reject& r) { (r.fatal ? fatal : warnings)++; };
  ASSERT_TRUE(ReadInputs({path}, {}, v).ok());
  // 33,220 records: every one is an article or a reject (979 have an empty "text").
  EXPECT_EQ(articles + fatal, 33220u);
  EXPECT_EQ(articles, 32241u);
  EXPECT_EQ(fatal, 979u);
  EXPECT_EQ(warnings, 0u);
  EXPECT_EQ(first.id, "20120101/us-china-economy-pmi-idUSTRE80001K20120101");
  EXPECT_EQ(first.published, Date::Day(2011, 12, 31));  // "Sat Dec 31, 2011 10:07pm EST"
  EXPECT_EQ(first.title, "China factories struggle, policy action seen ahead");
  EXPECT_EQ(first.byline, "Kevin Yao");
  EXPECT_EQ(first.dateline, "BEIJING");
  EXPECT_EQ(first.outlet, "Reuters");
}

TEST(SharedCorpora, BbcPoliticsFile) {
  const std::string dir = SharedPath("data/corpora/bbc/politics");
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "missing shared corpus " << dir;
  Collected c = Read({dir + "/001.txt"});
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  EXPECT_EQ(c.articles[0].title, "Labour plans maternity pay rise");
  EXPECT_EQ(c.articles[0].text.substr(0, 40), "Maternity pay for new mothers is to rise");
  EXPECT_EQ(c.articles[0].id, "001.txt");
  Collected all = Read({dir});
  EXPECT_EQ(all.articles.size(), 417u) << all.RejectText();
  EXPECT_EQ(all.articles[0].id, "001.txt");
}

}  // namespace
}  // namespace dyad
