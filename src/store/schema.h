// The store's schema as ordered migration steps (docs/store-schema.md).
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "store/sqlite.h"

namespace dyad::store {

// Step i (0-based) takes a database from user_version i to i + 1.
const std::vector<std::string_view>& MigrationSteps();

// Applies the steps from the database's user_version up to `target`, each in
// its own transaction together with the version bump. Unsupported when the
// database is newer than this build.
Status Migrate(const sql::Db& db, int target);

}  // namespace dyad::store

#endif  // DYAD_STORE_SCHEMA_H_
