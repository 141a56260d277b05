#include "store/actor_store.h"

#include <map>

namespace dyad::store {
namespace {

ActorSource SourceOf(std::string_view id) {
  return id.starts_with("learned:") ? ActorSource::kLearned : ActorSource::kDictionary;
}

Date DateOrUnknown(std::string_view s) {
  if (s.empty()) return Date();
  std::optional<Date> d = Date::Parse(s);
  return d ? *d : Date();
}

// Widens [first, last] (text dates, '' = unknown) by the incoming ?3..?4.
constexpr char kWidenFirst[] =
    "CASE WHEN excluded.first_day <> '' AND (first_day = '' OR excluded.first_day < first_day) "
    "THEN excluded.first_day ELSE first_day END";
constexpr char kWidenLast[] =
    "CASE WHEN excluded.last_day <> '' AND (last_day = '' OR excluded.last_day > last_day) "
    "THEN excluded.last_day ELSE last_day END";

}  // namespace

Result<std::unique_ptr<SqliteActorRegistry>> SqliteActorRegistry::Make(const sql::Db* db) {
  std::unique_ptr<SqliteActorRegistry> r(new SqliteActorRegistry(db));
  DYAD_ASSIGN_OR_RETURN(
      r->put_actor_,
      db->Prepare("INSERT INTO actors (id, name, source, role, evidence, evidence_where) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
                  "name = excluded.name, source = excluded.source, role = excluded.role, "
                  "evidence = excluded.evidence, evidence_where = excluded.evidence_where"));
  DYAD_ASSIGN_OR_RETURN(
      r->tally_actor_,
      db->Prepare("INSERT INTO actors (id, name, source, mentions) VALUES (?1, ?2, ?3, 1) "
                  "ON CONFLICT (id) DO UPDATE SET mentions = mentions + 1"));
  DYAD_ASSIGN_OR_RETURN(
      r->upsert_code_,
      db->Prepare(std::string("INSERT INTO actor_codes (actor_id, code, first_day, last_day, seq) "
                              "VALUES (?1, ?2, ?3, ?4, (SELECT COUNT(*) FROM actor_codes WHERE "
                              "actor_id = ?1)) ON CONFLICT (actor_id, code) DO UPDATE SET "
                              "first_day = ") +
                  kWidenFirst + ", last_day = " + kWidenLast));
  DYAD_ASSIGN_OR_RETURN(
      r->add_spelling_,
      db->Prepare("INSERT INTO actor_spellings (actor_id, spelling, count, seq) VALUES "
                  "(?1, ?2, ?3, (SELECT COUNT(*) FROM actor_spellings WHERE actor_id = ?1)) "
                  "ON CONFLICT (actor_id, spelling) DO UPDATE SET count = count + ?3"));
  DYAD_ASSIGN_OR_RETURN(r->tally_event_,
                        db->Prepare("UPDATE actors SET events = events + 1 WHERE id = ?1"));
  DYAD_RETURN_IF_ERROR(r->Reload());
  return r;
}

Status SqliteActorRegistry::Reload() {
  cache_ = std::make_unique<InMemoryActorRegistry>();
  DYAD_ASSIGN_OR_RETURN(std::vector<StoredActor> all, ReadStoredActors(*db_));
  for (StoredActor& a : all)
    if (a.record.source == ActorSource::kLearned) DYAD_RETURN_IF_ERROR(cache_->Put(a.record));
  return Status::Ok();
}

Result<std::optional<ActorRecord>> SqliteActorRegistry::Get(std::string_view id) const {
  return cache_->Get(id);
}

Result<std::vector<ActorRecord>> SqliteActorRegistry::List() const { return cache_->List(); }

Result<std::vector<ActorRecord>> SqliteActorRegistry::FindByName(std::string_view name,
                                                                 bool allow_surname) const {
  return cache_->FindByName(name, allow_surname);
}

Status SqliteActorRegistry::UpsertCode(const std::string& id, const std::string& code,
                                       const Date& first, const Date& last) {
  return upsert_code_.Bind(1, id)
      .Bind(2, code)
      .Bind(3, first.known() ? first.ToString() : "")
      .Bind(4, last.known() ? last.ToString() : "")
      .Run();
}

Status SqliteActorRegistry::AddSpelling(const std::string& id, const std::string& spelling,
                                        int64_t count) {
  return add_spelling_.Bind(1, id).Bind(2, spelling).Bind(3, count).Run();
}

Status SqliteActorRegistry::Put(const ActorRecord& r) {
  if (r.id.empty()) return Status::InvalidArgument("actor record without an id");
  DYAD_RETURN_IF_ERROR(put_actor_.Bind(1, r.id)
                           .Bind(2, r.name)
                           .Bind(3, ActorSourceName(r.source))
                           .Bind(4, r.role)
                           .Bind(5, r.evidence)
                           .Bind(6, r.evidence_where)
                           .Run());
  for (const ActorCodeSeen& c : r.codes)
    DYAD_RETURN_IF_ERROR(UpsertCode(r.id, c.code, c.first, c.last));
  for (const std::string& s : r.spellings) DYAD_RETURN_IF_ERROR(AddSpelling(r.id, s, 0));
  return cache_->Put(r);
}

Status SqliteActorRegistry::TallyMention(const ActorMention& m, const Date& article_date) {
  if (m.actor_id.empty()) return Status::Ok();
  DYAD_RETURN_IF_ERROR(tally_actor_.Bind(1, m.actor_id)
                           .Bind(2, m.name.empty() ? m.spelling : m.name)
                           .Bind(3, ActorSourceName(SourceOf(m.actor_id)))
                           .Run());
  // Pronouns and role words ("he", "the speaker") name no one: counted as
  // mentions, not kept as spellings.
  if (m.how != "pronoun" && m.how != "role" && m.how != "agent")
    DYAD_RETURN_IF_ERROR(AddSpelling(m.actor_id, m.spelling, 1));
  if (!m.code.empty())
    DYAD_RETURN_IF_ERROR(UpsertCode(m.actor_id, m.code, article_date, article_date));
  return Status::Ok();
}

Status SqliteActorRegistry::TallyEvent(const std::string& actor_id) {
  if (actor_id.empty()) return Status::Ok();
  return tally_event_.Bind(1, actor_id).Run();
}

Result<std::vector<StoredActor>> ReadStoredActors(const sql::Db& db) {
  std::vector<StoredActor> out;
  std::map<std::string, size_t, std::less<>> at;
  DYAD_ASSIGN_OR_RETURN(sql::Stmt a,
                        db.Prepare("SELECT id, name, source, role, evidence, evidence_where, "
                                   "mentions, events FROM actors ORDER BY id"));
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(bool row, a.Step());
    if (!row) break;
    StoredActor s;
    s.record.id = std::string(a.Text(0));
    s.record.name = std::string(a.Text(1));
    s.record.source = a.Text(2) == "dictionary" ? ActorSource::kDictionary : ActorSource::kLearned;
    s.record.role = std::string(a.Text(3));
    s.record.evidence = std::string(a.Text(4));
    s.record.evidence_where = std::string(a.Text(5));
    s.record.mentions = static_cast<uint64_t>(a.Int(6));
    s.events = static_cast<uint64_t>(a.Int(7));
    at[s.record.id] = out.size();
    out.push_back(std::move(s));
  }
  DYAD_ASSIGN_OR_RETURN(sql::Stmt c, db.Prepare("SELECT actor_id, code, first_day, last_day FROM "
                                                "actor_codes ORDER BY actor_id, seq"));
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    auto it = at.find(c.Text(0));
    if (it == at.end()) continue;
    out[it->second].record.codes.push_back(
        {std::string(c.Text(1)), DateOrUnknown(c.Text(2)), DateOrUnknown(c.Text(3))});
  }
  DYAD_ASSIGN_OR_RETURN(sql::Stmt sp, db.Prepare("SELECT actor_id, spelling, count FROM "
                                                 "actor_spellings ORDER BY actor_id, seq"));
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(bool row, sp.Step());
    if (!row) break;
    auto it = at.find(sp.Text(0));
    if (it == at.end()) continue;
    out[it->second].record.spellings.emplace_back(sp.Text(1));
    out[it->second].spelling_counts.push_back(static_cast<uint64_t>(sp.Int(2)));
  }
  return out;
}

}  // namespace dyad::store
