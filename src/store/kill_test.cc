// kill -9 test: runs the real `dyad ingest` on a generated corpus, SIGKILLs it
// at random points (fixed seed) several times, re-runs it to completion, and
// checks that the database equals the one a single clean run writes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "dyad/output.h"
#include "dyad/store.h"
#include "store/sqlite.h"

#ifndef DYAD_CLI_PATH
#error "DYAD_CLI_PATH (the dyad binary) must be defined by the build"
#endif

namespace dyad {
namespace {

namespace fs = std::filesystem;

// A corpus with exact re-listings, renamed copies and near-copies.
std::string WriteCorpus(const fs::path& dir, int n) {
  const char* actors[] = {"Iran",  "Russia", "China",  "France", "Germany",
                          "Japan", "Turkey", "Israel", "Egypt",  "the United States"};
  const char* verbs[] = {"accused",    "met with",   "praised", "condemned",
                         "threatened", "criticized", "urged",   "signed an agreement with"};
  const char* outlets[] = {"Wire A", "Paper B", "Paper C", "Radio D", "Daily E"};
  std::mt19937 rng(20240611);
  std::vector<std::string> lines, texts;
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (int s = 0; s < 5; ++s) {
      size_t ia = rng() % 10;
      size_t ib = (ia + 1 + rng() % 9) % 10;  // never the same actor
      const char* a = actors[ia];
      const char* b = actors[ib];
      text += std::string(a) + " " + verbs[rng() % 8] + " " + b +
              " on Monday, officials said in report " + std::to_string(i) + "-" +
              std::to_string(s) + ". ";
    }
    std::string id = "gen-" + std::to_string(i);
    std::string outlet = outlets[rng() % 5];
    if (i % 13 == 12 && i > 0) {  // near-copy of the previous article by another outlet
      text = texts.back() + "Updated.";
    }
    char date[16];
    std::snprintf(date, sizeof date, "2021-03-%02d", 1 + (i / 10) % 28);
    auto line = [&](const std::string& id_, const std::string& text_) {
      std::string l = "{\"id\":";
      AppendJsonString(id_, &l);
      l += ",\"date\":\"" + std::string(date) + "\",\"source\":";
      AppendJsonString(outlet, &l);
      l += ",\"title\":";
      AppendJsonString("Report " + id_, &l);
      l += ",\"text\":";
      AppendJsonString(text_, &l);
      l += "}";
      return l;
    };
    lines.push_back(line(id, text));
    texts.push_back(text);
    if (i % 15 == 14) lines.push_back(line("gen-" + std::to_string(i - 3), texts[i - 3]));
    if (i % 17 == 16) lines.push_back(line("renamed-" + std::to_string(i), texts[i - 5]));
  }
  fs::path p = dir / "corpus.jsonl";
  std::ofstream out(p);
  for (const std::string& l : lines) out << l << "\n";
  return p.string();
}

pid_t Spawn(const std::string& db, const std::string& corpus) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(DYAD_CLI_PATH, DYAD_CLI_PATH, "ingest", "--db", db.c_str(), "--threads", "2", "--batch",
          "4", "--quiet-warnings", "--no-progress", corpus.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

std::string Dump(const std::string& path) {
  auto s = EventStore::Open(path);
  if (!s.ok()) return "open failed: " + s.status().ToString();
  auto d = (*s)->CanonicalDump();
  return d.ok() ? *d : "dump failed: " + d.status().ToString();
}

int64_t StoredArticles(const std::string& path) {
  if (!fs::exists(path)) return 0;
  auto db = sql::Db::Open(path, true);
  if (!db.ok()) return -1;
  auto n = db->QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'");
  if (!n.ok() || *n == 0) return 0;
  auto c = db->QueryInt("SELECT COUNT(*) FROM articles");
  return c.ok() ? *c : -1;
}

TEST(KillNine, InterruptedIngestResumesToTheSameDatabase) {
  ASSERT_TRUE(fs::exists(DYAD_CLI_PATH)) << "dyad binary missing: " << DYAD_CLI_PATH;
  fs::path dir = fs::temp_directory_path() / ("dyad_kill_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string corpus = WriteCorpus(dir, 2000);
  std::string clean = (dir / "clean.db").string(), killed = (dir / "killed.db").string();

  // The clean run; `startup` is when its first articles were committed (the
  // dictionary loads before that), so kills can be aimed at the ingest itself.
  auto t0 = std::chrono::steady_clock::now();
  auto since = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  pid_t clean_pid = Spawn(clean, corpus);
  double startup = -1;
  int status = 0;
  while (waitpid(clean_pid, &status, WNOHANG) == 0) {
    if (startup < 0 && StoredArticles(clean) > 0) startup = since();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  double full = since();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "clean ingest failed";
  if (startup < 0) startup = 0;
  int64_t total = StoredArticles(clean);
  ASSERT_GT(total, 1800);

  std::mt19937 rng(7);
  int partial = 0;
  std::vector<int64_t> counts;
  for (int k = 0; k < 6; ++k) {
    std::uniform_real_distribution<double> when(startup + 0.03 * (full - startup),
                                                startup + 0.25 * (full - startup));
    pid_t pid = Spawn(killed, corpus);
    std::this_thread::sleep_for(std::chrono::duration<double>(when(rng)));
    kill(pid, SIGKILL);
    WaitExit(pid);
    int64_t n = StoredArticles(killed);
    ASSERT_GE(n, 0) << "database unreadable after kill " << k;
    counts.push_back(n);
    if (n > 0 && n < total) ++partial;
  }
  std::string seen;
  for (int64_t c : counts) seen += std::to_string(c) + " ";
  std::printf(
      "articles stored after each kill: %sof %lld (clean run %.2fs, first commit at %.2fs)\n",
      seen.c_str(), static_cast<long long>(total), full, startup);
  // The kills must have landed mid-ingest, or the test proves nothing.
  EXPECT_GE(partial, 1) << "articles stored after each kill: " << seen << "of " << total;
  ASSERT_EQ(WaitExit(Spawn(killed, corpus)), 0);
  std::string a = Dump(clean), b = Dump(killed);
  EXPECT_NE(a.find("integrity_check\tok"), std::string::npos) << a.substr(0, 200);
  EXPECT_TRUE(a == b) << "killed-and-resumed database differs from a clean run; articles after "
                         "each kill: "
                      << seen;
  // And a further re-run changes nothing.
  ASSERT_EQ(WaitExit(Spawn(killed, corpus)), 0);
  EXPECT_TRUE(Dump(killed) == a);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dyad
