// Listing stored actors (WriteActors, WriteLearnedActorsDictionary in
// include/dyad/query.h).
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/query.h"

namespace dyad {
namespace {

Result<std::vector<StoredActor>> Matching(const EventStore& store, std::string_view name) {
  DYAD_ASSIGN_OR_RETURN(std::vector<StoredActor> all, store.Actors());
  std::vector<StoredActor> out;
  for (StoredActor& a : all)
    if (ActorMatchesName(a.record, name)) out.push_back(std::move(a));
  return out;
}

}  // namespace

Status WriteActors(const EventStore& store, std::string_view name, OutputFormat format,
                   std::ostream* out) {
  DYAD_ASSIGN_OR_RETURN(std::vector<StoredActor> actors, Matching(store, name));
  if (format == OutputFormat::kJsonl) {
    for (const StoredActor& a : actors) {
      std::string j = ActorRecordToJson(a.record);
      j.pop_back();  // the closing brace: two fields follow
      j += ",\"spelling_counts\":[";
      for (size_t i = 0; i < a.spelling_counts.size(); ++i)
        j += (i ? "," : "") + std::to_string(a.spelling_counts[i]);
      j += "],\"events\":" + std::to_string(a.events) + "}\n";
      *out << j;
    }
  } else {
    TableWriter w(
        out, format,
        {"id", "name", "source", "codes", "spellings", "mentions", "events", "role", "evidence"});
    for (const StoredActor& a : actors) {
      const ActorRecord& r = a.record;
      std::string sp;
      for (size_t i = 0; i < r.spellings.size(); ++i) {
        if (i) sp += " | ";
        sp += r.spellings[i];
        if (i < a.spelling_counts.size()) sp += " (" + std::to_string(a.spelling_counts[i]) + ")";
      }
      w.Add(r.id).Add(r.name).Add(ActorSourceName(r.source)).Add(ActorCodesText(r)).Add(sp);
      w.Add(static_cast<int64_t>(r.mentions)).Add(static_cast<int64_t>(a.events)).Add(r.role);
      w.Add(r.evidence_where.empty() ? r.evidence : r.evidence_where + " " + r.evidence);
      w.EndRow();
    }
  }
  if (!*out) return Status::IOError("could not write the actor list");
  return Status::Ok();
}

Status WriteLearnedActorsDictionary(const EventStore& store, std::string_view name,
                                    std::ostream* out) {
  DYAD_ASSIGN_OR_RETURN(std::vector<StoredActor> actors, Matching(store, name));
  std::vector<ActorRecord> records;
  for (StoredActor& a : actors)
    if (a.record.source == ActorSource::kLearned) records.push_back(std::move(a.record));
  *out << LearnedActorsAsDictionary(records);
  if (!*out) return Status::IOError("could not write the learned actors");
  return Status::Ok();
}

}  // namespace dyad
