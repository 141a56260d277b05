// A small RAII adapter over the SQLite C API, used by the store and query
// stages only. Handles are unique_ptrs with deleters; every SQLite error code
// becomes a Status naming the database file, the SQL and SQLite's message.
//
// Thread safety: a Db and its Stmts belong to one thread at a time.
#ifndef DYAD_STORE_SQLITE_H_
#define DYAD_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::sql {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

class Db;

// A prepared statement. Bind parameters are 1-based, columns 0-based, as in SQLite.
class Stmt {
 public:
  Stmt() = default;
  Stmt(StmtHandle h, const Db* db) : h_(std::move(h)), db_(db) {}

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // copied by SQLite (SQLITE_TRANSIENT)
  Stmt& BindBlob(int i, const void* data, size_t size);
  Stmt& BindNull(int i);

  // Advances: true when a row is ready, false when done; errors as Status.
  Result<bool> Step();
  // Steps to completion of a statement that returns no rows, then resets it.
  Status Run();
  // Resets and clears bindings so the statement can be reused.
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(h_.get(), col); }
  double Double(int col) const { return sqlite3_column_double(h_.get(), col); }
  bool IsNull(int col) const { return sqlite3_column_type(h_.get(), col) == SQLITE_NULL; }
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;

  sqlite3_stmt* get() const { return h_.get(); }

 private:
  Status Error(int rc) const;
  StmtHandle h_;
  const Db* db_ = nullptr;
};

class Db {
 public:
  // Opens (creating unless read_only) the database at `path`.
  static Result<Db> Open(const std::string& path, bool read_only);

  Db() = default;
  Db(Db&&) = default;
  Db& operator=(Db&&) = default;

  Result<Stmt> Prepare(std::string_view sql) const;
  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql) const;
  // The first column of the first row as an integer (0 when no row).
  Result<int64_t> QueryInt(std::string_view sql) const;

  // "path: SQL 'sql': message (code)" as a Status.
  Status Error(int rc, std::string_view sql) const;

  sqlite3* get() const { return h_.get(); }
  const std::string& path() const { return path_; }

 private:
  DbHandle h_;
  std::string path_;
};

// Begins IMMEDIATE on construction; rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(const Db* db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(const Db* db) : db_(db) {}
  const Db* db_;
};

}  // namespace dyad::sql

#endif  // DYAD_STORE_SQLITE_H_
