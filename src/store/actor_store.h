// The store's actor tables (docs/store-schema.md, "Actors"): the learned-actor
// registry the resolver reads and writes during ingest, and the per-mention
// tallies behind `dyad actors --db`.
#ifndef DYAD_STORE_ACTOR_STORE_H_
#define DYAD_STORE_ACTOR_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"
#include "dyad/store.h"
#include "store/sqlite.h"

namespace dyad::store {

// ActorRegistry over the actors, actor_codes and actor_spellings tables.
// Learned records are also kept in memory (an InMemoryActorRegistry, loaded
// when the registry is made and after a failed batch) because the resolver
// asks FindByName for every unresolved capitalized word run; the tables are
// written through on every Put, inside the caller's open transaction, so a
// record is committed together with the article that taught it.
//
// Put merges rather than replaces: name, role and evidence are replaced;
// codes and spellings are added (a code's date range widened); the record's
// `mentions` is ignored (the tables count mentions themselves, see Tally).
class SqliteActorRegistry final : public ActorRegistry {
 public:
  static Result<std::unique_ptr<SqliteActorRegistry>> Make(const sql::Db* db);

  Result<std::optional<ActorRecord>> Get(std::string_view id) const override;
  Status Put(const ActorRecord& record) override;
  Result<std::vector<ActorRecord>> List() const override;
  Result<std::vector<ActorRecord>> FindByName(std::string_view name,
                                              bool allow_surname) const override;

  // Re-reads the learned records from the database (after a rollback).
  Status Reload();

  // Counts one resolved mention: the actor row (created with `name` and a
  // source read from the id when new), its spelling and its code seen on
  // `article_date`.
  Status TallyMention(const ActorMention& m, const Date& article_date);
  // Counts one stored event naming the actor as source or target.
  Status TallyEvent(const std::string& actor_id);

 private:
  explicit SqliteActorRegistry(const sql::Db* db) : db_(db) {}
  Status UpsertCode(const std::string& id, const std::string& code, const Date& first,
                    const Date& last);
  Status AddSpelling(const std::string& id, const std::string& spelling, int64_t count);

  const sql::Db* db_;
  std::unique_ptr<InMemoryActorRegistry> cache_;
  sql::Stmt put_actor_, tally_actor_, upsert_code_, add_spelling_, tally_event_;
};

// Every stored actor (EventStore::Actors).
Result<std::vector<StoredActor>> ReadStoredActors(const sql::Db& db);

}  // namespace dyad::store

#endif  // DYAD_STORE_ACTOR_STORE_H_
