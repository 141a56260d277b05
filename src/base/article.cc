#include "dyad/article.h"

namespace dyad {

std::string SourceLocation::ToString() const {
  return line > 0 ? path + ":" + std::to_string(line) : path;
}

std::string Reject::ToString() const { return where.ToString() + ": " + what; }

}  // namespace dyad
