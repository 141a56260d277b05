#include "store/sqlite.h"

#include <string>

namespace dyad::sql {
namespace {

std::string Clip(std::string_view sql) {
  std::string s(sql.substr(0, 160));
  for (char& c : s)
    if (c == '\n') c = ' ';
  if (sql.size() > 160) s += "...";
  return s;
}

}  // namespace

Result<Db> Db::Open(const std::string& path, bool read_only) {
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle h(raw);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    if (read_only && rc == SQLITE_CANTOPEN)
      return Status::NotFound(path + ": cannot open database (" + msg +
                              "); create it with 'dyad ingest --db " + path + " INPUT...'");
    return Status::IOError(path + ": cannot open database: " + msg);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 10000);
  Db db;
  db.h_ = std::move(h);
  db.path_ = path;
  return db;
}

Status Db::Error(int rc, std::string_view sql) const {
  std::string msg = path_ + ": SQL '" + Clip(sql) +
                    "' failed: " + (h_ ? sqlite3_errmsg(h_.get()) : sqlite3_errstr(rc)) +
                    " (SQLite code " + std::to_string(rc) + ")";
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    return Status::Corruption(msg + "; the file is not a usable dyad database");
  if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_READONLY || primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Status::IOError(msg);
  if (primary == SQLITE_ERROR) return Status::InvalidArgument(msg);
  return Status::Internal(msg);
}

Result<Stmt> Db::Prepare(std::string_view sql) const {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(h_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  StmtHandle h(raw);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Stmt(std::move(h), this);
}

Status Db::Exec(std::string_view sql) const {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(h_.get(), s.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Status::Ok();
}

Result<int64_t> Db::QueryInt(std::string_view sql) const {
  DYAD_ASSIGN_OR_RETURN(Stmt st, Prepare(sql));
  DYAD_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : int64_t{0};
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(h_.get(), i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(h_.get(), i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(h_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, const void* data, size_t size) {
  sqlite3_bind_blob(h_.get(), i, data, static_cast<int>(size), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(h_.get(), i);
  return *this;
}

Status Stmt::Error(int rc) const {
  const char* sql = sqlite3_sql(h_.get());
  return db_->Error(rc, sql ? sql : "");
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(h_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = Error(rc);
  sqlite3_reset(h_.get());
  return s;
}

Status Stmt::Run() {
  for (;;) {
    int rc = sqlite3_step(h_.get());
    if (rc == SQLITE_ROW) continue;
    if (rc == SQLITE_DONE) break;
    Status s = Error(rc);
    Reset();
    return s;
  }
  Reset();
  return Status::Ok();
}

void Stmt::Reset() {
  sqlite3_reset(h_.get());
  sqlite3_clear_bindings(h_.get());
}

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(h_.get(), col);
  int n = sqlite3_column_bytes(h_.get(), col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
           : std::string_view();
}

std::string_view Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(h_.get(), col);
  int n = sqlite3_column_bytes(h_.get(), col);
  return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(n))
           : std::string_view();
}

Result<Transaction> Transaction::Begin(const Db* db) {
  DYAD_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_) db_->Exec("ROLLBACK").IgnoreError();
}

Status Transaction::Commit() {
  const Db* db = db_;
  db_ = nullptr;
  return db->Exec("COMMIT");
}

}  // namespace dyad::sql
