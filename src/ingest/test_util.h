// Helpers for the ingest tests: collect what a reader produced; temp folders.
#ifndef DYAD_INGEST_TEST_UTIL_H_
#define DYAD_INGEST_TEST_UTIL_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/ingest.h"

namespace dyad::testing {

struct Collected {
  std::vector<Article> articles;
  std::vector<Reject> rejects;
  ArticleVisitor Visitor() {
    ArticleVisitor v;
    v.on_article = [this](Article&& a) { articles.push_back(std::move(a)); };
    v.on_reject = [this](const Reject& r) { rejects.push_back(r); };
    return v;
  }
  int fatal() const {
    int n = 0;
    for (const auto& r : rejects) n += r.fatal;
    return n;
  }
  std::string RejectText() const {
    std::string s;
    for (const auto& r : rejects) s += (r.fatal ? "" : "warning: ") + r.ToString() + "\n";
    return s;
  }
};

// A fresh folder under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("dyad_ingest_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  // Writes `bytes` to path()/name (creating folders) and returns the full path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

// The shared reference folder; tests that need it fail (never skip) when absent.
inline std::string SharedPath(const std::string& rel) {
  return std::string(DYAD_SHARED_DIR) + "/" + rel;
}

}  // namespace dyad::testing

#endif  // DYAD_INGEST_TEST_UTIL_H_
