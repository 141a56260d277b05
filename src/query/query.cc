// Queries over the event store (include/dyad/query.h).
#include "dyad/query.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace dyad {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

// The least string greater than every string starting with `p` (p non-empty,
// ASCII): "IRN" -> "IRO".
std::string PrefixEnd(std::string p) {
  while (!p.empty() && static_cast<unsigned char>(p.back()) >= 0x7f) p.pop_back();
  if (p.empty()) return "\x7f";
  p.back() = static_cast<char>(p.back() + 1);
  return p;
}

bool HasPrefix(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Appends "col >= ? AND col < ?" for a prefix, with the bound values.
void PrefixClause(const std::string& col, const std::string& prefix, std::string* where,
                  std::vector<std::string>* args) {
  args->push_back(prefix);
  std::string lo = "?" + std::to_string(args->size());
  args->push_back(PrefixEnd(prefix));
  std::string hi = "?" + std::to_string(args->size());
  *where += "(" + col + " >= " + lo + " AND " + col + " < " + hi + ")";
}

// Appends "((source a AND target b) OR (source b AND target a))": a dyad in either
// direction, each side matched by code prefix.
void DyadClause(const std::string& a, const std::string& b, std::string* where,
                std::vector<std::string>* args) {
  *where += "((";
  PrefixClause("source_code", a, where, args);
  *where += " AND ";
  PrefixClause("target_code", b, where, args);
  *where += ") OR (";
  PrefixClause("source_code", b, where, args);
  *where += " AND ";
  PrefixClause("target_code", a, where, args);
  *where += "))";
}

Status StepAll(sql::Stmt* st, const std::function<void()>& on_row) {
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    on_row();
  }
}

std::string JsonStr(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

}  // namespace

Status WriteEvents(const EventStore& store, const EventFilter& f, OutputFormat format,
                   std::ostream* out) {
  const sql::Db& db = store.db();
  std::string where;
  std::vector<std::string> args;
  std::vector<std::pair<int, int64_t>> int_args;
  auto and_ = [&] {
    if (!where.empty()) where += " AND ";
  };
  if (!f.dyad_a.empty() || !f.dyad_b.empty()) {
    if (f.dyad_a.empty() || f.dyad_b.empty())
      return Status::InvalidArgument("--dyad needs two actor codes, A,B");
    and_();
    DyadClause(Upper(f.dyad_a), Upper(f.dyad_b), &where, &args);
  }
  if (!f.actor.empty()) {
    and_();
    std::string a = Upper(f.actor);
    where += "(";
    PrefixClause("source_code", a, &where, &args);
    where += " OR ";
    PrefixClause("target_code", a, &where, &args);
    where += ")";
  }
  if (!f.code_prefix.empty()) {
    and_();
    PrefixClause("code", f.code_prefix, &where, &args);
  }
  int next = 100;
  if (f.from) {
    if (f.from->precision != DatePrecision::kDay)
      return Status::InvalidArgument("--from needs a day-precise date, YYYY-MM-DD");
    and_();
    where += "day_hi >= ?" + std::to_string(next);
    int_args.push_back({next++, f.from->DaysSinceEpoch()});
  }
  if (f.to) {
    if (f.to->precision != DatePrecision::kDay)
      return Status::InvalidArgument("--to needs a day-precise date, YYYY-MM-DD");
    and_();
    where += "day_lo <= ?" + std::to_string(next);
    int_args.push_back({next++, f.to->DaysSinceEpoch()});
  }
  // One query for events and their mentions (issue 6: a mentions query per
  // event made `events --dyad USA,CHN --format jsonl` take up to 53.7 ms).
  std::string inner_q =
      "SELECT id, date, date_precision, source_code, source_name, target_code, target_name, "
      "code, root_code, quad_class, goldstein, num_mentions, num_articles, num_sources, "
      "source_actor_id, source_actor, target_actor_id, target_actor, day_lo FROM events";
  if (!where.empty()) inner_q += " WHERE " + where;
  inner_q += " ORDER BY day_lo IS NULL, day_lo, id";
  if (f.limit) inner_q += " LIMIT " + std::to_string(f.limit);
  const std::string q =
      "SELECT e.id, e.date, e.date_precision, e.source_code, e.source_name, e.target_code, "
      "e.target_name, e.code, e.root_code, e.quad_class, e.goldstein, e.num_mentions, "
      "e.num_articles, e.num_sources, e.source_actor_id, e.source_actor, e.target_actor_id, "
      "e.target_actor, "
      "a.article_key, a.outlet, a.url, a.published, m.sentence_index, "
      "m.sentence_begin, m.sentence_end, m.source_text, m.source_begin, m.source_end, "
      "m.target_text, m.target_begin, m.target_end, m.code, m.date, m.date_phrase, "
      "m.sentence, COALESCE(c.article_key, ''), m.source_actor_id, m.target_actor_id "
      "FROM (" + inner_q + ") e "
      "LEFT JOIN mentions m ON m.event_id = e.id "
      "LEFT JOIN articles a ON a.id = m.article_id "
      "LEFT JOIN articles c ON c.id = a.copy_of "
      "ORDER BY e.day_lo IS NULL, e.day_lo, e.id, m.id";
  DYAD_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(q));
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  for (auto& [i, v] : int_args) st.Bind(i, v);
  const bool json = format == OutputFormat::kJsonl;
  std::vector<std::string> cols = {"event_id",     "date",        "date_precision", "source_code",
                                   "source_name",  "target_code", "target_name",    "code",
                                   "root_code",    "quad_class",  "goldstein",      "num_mentions",
                                   "num_articles", "num_sources"};
  if (json) {
    cols.push_back("mentions");
  } else {
    for (const char* c : {"article_id", "outlet", "url", "sentence_index", "sentence"})
      cols.push_back(c);
  }
  // Appended (issue 5): the resolved actors, "" when unresolved.
  for (const char* c : {"source_actor_id", "source_actor", "target_actor_id", "target_actor"})
    cols.push_back(c);
  TableWriter w(out, format, cols);
  int64_t current = -1;
  std::string arr;
  std::string actors[4];
  bool have_mention = false;
  auto finish = [&] {
    if (current < 0) return;
    if (json) {
      arr += "]";
      w.AddRawJson(arr, arr);
    } else if (!have_mention) {  // no mention: cannot happen in a consistent store
      w.Add("").Add("").Add("").Add(int64_t{0}).Add("");
    }
    for (const std::string& a : actors) w.Add(a);
    w.EndRow();
  };
  DYAD_RETURN_IF_ERROR(StepAll(&st, [&] {
    const int64_t id = st.Int(0);
    if (id != current) {
      finish();
      current = id;
      have_mention = false;
      arr = "[";
      w.Add(st.Int(0)).Add(st.Text(1)).Add(st.Text(2)).Add(st.Text(3)).Add(st.Text(4));
      w.Add(st.Text(5)).Add(st.Text(6)).Add(st.Text(7)).Add(st.Text(8)).Add(st.Int(9));
      w.Add(st.Double(10)).Add(st.Int(11)).Add(st.Int(12)).Add(st.Int(13));
      for (int i = 0; i < 4; ++i) actors[i] = std::string(st.Text(14 + i));
    }
    if (st.IsNull(18)) return;  // LEFT JOIN row of an event without mentions
    constexpr int M = 18;  // first mention column
    if (!json) {
      if (!have_mention)
        w.Add(st.Text(M)).Add(st.Text(M + 1)).Add(st.Text(M + 2)).Add(st.Int(M + 4)).Add(
            st.Text(M + 16));
      have_mention = true;
      return;
    }
    if (have_mention) arr += ",";
    have_mention = true;
    arr += "{\"article_id\":" + JsonStr(st.Text(M)) + ",\"outlet\":" + JsonStr(st.Text(M + 1)) +
           ",\"url\":" + JsonStr(st.Text(M + 2)) + ",\"published\":" + JsonStr(st.Text(M + 3)) +
           ",\"sentence_index\":" + std::to_string(st.Int(M + 4)) +
           ",\"sentence_begin\":" + std::to_string(st.Int(M + 5)) +
           ",\"sentence_end\":" + std::to_string(st.Int(M + 6)) +
           ",\"source_text\":" + JsonStr(st.Text(M + 7)) +
           ",\"source_begin\":" + std::to_string(st.Int(M + 8)) +
           ",\"source_end\":" + std::to_string(st.Int(M + 9)) +
           ",\"target_text\":" + JsonStr(st.Text(M + 10)) +
           ",\"target_begin\":" + std::to_string(st.Int(M + 11)) +
           ",\"target_end\":" + std::to_string(st.Int(M + 12)) +
           ",\"code\":" + JsonStr(st.Text(M + 13)) + ",\"date\":" + JsonStr(st.Text(M + 14)) +
           ",\"date_phrase\":" + JsonStr(st.Text(M + 15)) +
           ",\"copy_of\":" + JsonStr(st.Text(M + 17)) +
           ",\"sentence\":" + JsonStr(st.Text(M + 16)) +
           ",\"source_actor_id\":" + JsonStr(st.Text(M + 18)) +
           ",\"target_actor_id\":" + JsonStr(st.Text(M + 19)) + "}";
  }));
  finish();
  return Status::Ok();
}

Result<Period> ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  if (name == "year") return Period::kYear;
  return Status::InvalidArgument("unknown period '" + std::string(name) +
                                 "'; use day, week, month or year");
}

Status WriteTimeline(const EventStore& store, std::string_view a_in, std::string_view b_in,
                     Period period, OutputFormat format, std::ostream* out) {
  std::string a = Upper(a_in), b = Upper(b_in);
  if (a.empty() || b.empty()) return Status::InvalidArgument("timeline needs two actor codes");
  std::string where;
  std::vector<std::string> args;
  DyadClause(a, b, &where, &args);
  DYAD_ASSIGN_OR_RETURN(
      sql::Stmt st, store.db().Prepare("SELECT source_code, target_code, quad_class, goldstein, "
                                       "date, date_precision, day_lo FROM events WHERE " +
                                       where));
  for (size_t i = 0; i < args.size(); ++i) st.Bind(static_cast<int>(i + 1), args[i]);
  struct Row {
    int64_t ab = 0, ba = 0, quad[5] = {0, 0, 0, 0, 0};
    double gsum = 0;
  };
  std::map<std::string, Row> rows;
  DYAD_RETURN_IF_ERROR(StepAll(&st, [&] {
    std::string_view prec = st.Text(5);
    std::string date(st.Text(4));
    std::string key;
    bool day = prec == "day", month = prec == "month", year = prec == "year";
    switch (period) {
      case Period::kDay:
        if (day) key = date;
        break;
      case Period::kWeek:
        if (day) {
          Date d = Date::FromDaysSinceEpoch(st.Int(6));
          int monday_offset = (DayOfWeek(d) + 6) % 7;
          key = Date::FromDaysSinceEpoch(st.Int(6) - monday_offset).ToString();
        }
        break;
      case Period::kMonth:
        if (day || month) key = date.substr(0, 7);
        break;
      case Period::kYear:
        if (day || month || year) key = date.substr(0, 4);
        break;
    }
    if (key.empty()) return;
    Row& r = rows[key];
    if (HasPrefix(st.Text(0), a) && HasPrefix(st.Text(1), b))
      ++r.ab;
    else
      ++r.ba;
    int q = static_cast<int>(st.Int(2));
    if (q >= 1 && q <= 4) ++r.quad[q];
    r.gsum += st.Double(3);
  }));
  TableWriter w(out, format,
                {"period", "a_to_b", "b_to_a", "events", "quad1", "quad2", "quad3", "quad4",
                 "goldstein_sum", "goldstein_mean"});
  for (const auto& [key, r] : rows) {
    int64_t n = r.ab + r.ba;
    w.Add(key).Add(r.ab).Add(r.ba).Add(n);
    for (int q = 1; q <= 4; ++q) w.Add(r.quad[q]);
    // Rounded so sums of binary fractions print the same everywhere.
    auto round4 = [](double v) { return std::round(v * 10000.0) / 10000.0; };
    w.Add(round4(r.gsum)).Add(round4(n ? r.gsum / static_cast<double>(n) : 0.0));
    w.EndRow();
  }
  return Status::Ok();
}

Status WriteSearch(const EventStore& store, std::string_view query, bool raw, size_t limit,
                   OutputFormat format, std::ostream* out) {
  std::string fts;
  if (raw) {
    fts = std::string(query);
  } else {
    // Each whitespace-separated word becomes a quoted FTS5 string, so
    // punctuation in the words is never read as query syntax.
    size_t i = 0;
    while (i < query.size()) {
      while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
      size_t j = i;
      while (j < query.size() && !std::isspace(static_cast<unsigned char>(query[j]))) ++j;
      if (j > i) {
        std::string word;
        for (char c : query.substr(i, j - i)) {
          if (c == '"')
            word += "\"\"";
          else
            word += c;
        }
        if (!fts.empty()) fts += ' ';
        fts += "\"" + word + "\"";
      }
      i = j;
    }
  }
  if (fts.empty()) return Status::InvalidArgument("search needs at least one word");
  DYAD_ASSIGN_OR_RETURN(
      sql::Stmt st,
      store.db().Prepare("SELECT a.article_key, a.published, a.outlet, a.title, "
                         "snippet(articles_fts, 1, '[', ']', '...', 16), bm25(articles_fts) "
                         "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                         "WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts), a.id "
                         "LIMIT ?2"));
  st.Bind(1, fts).Bind(2, static_cast<int64_t>(limit ? limit : 1000000000));
  TableWriter w(out, format, {"article_id", "published", "outlet", "title", "snippet", "score"});
  return StepAll(&st, [&] {
    w.Add(st.Text(0)).Add(st.Text(1)).Add(st.Text(2)).Add(st.Text(3)).Add(st.Text(4));
    w.Add(std::round(-st.Double(5) * 1000.0) / 1000.0);
    w.EndRow();
  });
}

Status WriteStats(const EventStore& store, size_t top, OutputFormat format, std::ostream* out) {
  const sql::Db& db = store.db();
  TableWriter w(out, format, {"section", "key", "value"});
  auto count = [&](const char* key, const char* sql) -> Status {
    DYAD_ASSIGN_OR_RETURN(int64_t n, db.QueryInt(sql));
    w.Add("count").Add(key).Add(n);
    w.EndRow();
    return Status::Ok();
  };
  // Counts come from the counters table kept by AddArticles (issue 6:
  // counting whole tables took 497 ms on the Reuters database); distinct
  // outlets and sources are read from their indexes.
  auto counter = [&](const char* key, const char* name) -> Status {
    DYAD_ASSIGN_OR_RETURN(sql::Stmt st,
                          db.Prepare("SELECT COALESCE(value, 0) FROM counters WHERE name = ?1"));
    st.Bind(1, std::string_view(name));
    DYAD_ASSIGN_OR_RETURN(bool row, st.Step());
    w.Add("count").Add(key).Add(row ? st.Int(0) : int64_t{0});
    w.EndRow();
    return Status::Ok();
  };
  DYAD_RETURN_IF_ERROR(counter("articles", "articles"));
  DYAD_RETURN_IF_ERROR(counter("copies", "copies"));
  DYAD_RETURN_IF_ERROR(counter("sentences", "sentences"));
  DYAD_RETURN_IF_ERROR(counter("events", "mentions"));
  DYAD_RETURN_IF_ERROR(counter("merged_events", "merged_events"));
  DYAD_RETURN_IF_ERROR(counter("mentions", "mentions"));
  DYAD_RETURN_IF_ERROR(count("outlets",
                             "SELECT COUNT(*) FROM (SELECT DISTINCT outlet FROM articles "
                             "WHERE outlet <> '')"));
  DYAD_RETURN_IF_ERROR(
      count("sources", "SELECT COUNT(*) FROM (SELECT DISTINCT source_key FROM articles)"));
  DYAD_RETURN_IF_ERROR(counter("undated_events", "undated_events"));
  {
    DYAD_ASSIGN_OR_RETURN(
        sql::Stmt st,
        db.Prepare("SELECT (SELECT value FROM counters WHERE name = 'first_day'), "
                   "(SELECT value FROM counters WHERE name = 'last_day')"));
    DYAD_ASSIGN_OR_RETURN(bool row, st.Step());
    std::string first, last;
    if (row && !st.IsNull(0) && !st.IsNull(1)) {
      first = Date::FromDaysSinceEpoch(st.Int(0)).ToString();
      last = Date::FromDaysSinceEpoch(st.Int(1)).ToString();
    }
    w.Add("dates").Add("first").Add(first);
    w.EndRow();
    w.Add("dates").Add("last").Add(last);
    w.EndRow();
  }
  {
    DYAD_ASSIGN_OR_RETURN(
        sql::Stmt st, db.Prepare("SELECT source_code || '->' || target_code AS d, n "
                                 "FROM dyad_counts ORDER BY n DESC, d LIMIT ?1"));
    st.Bind(1, static_cast<int64_t>(top));
    DYAD_RETURN_IF_ERROR(StepAll(&st, [&] {
      w.Add("top_dyad").Add(st.Text(0)).Add(st.Int(1));
      w.EndRow();
    }));
  }
  {
    DYAD_ASSIGN_OR_RETURN(sql::Stmt st,
                          db.Prepare("SELECT root_code, n FROM root_counts ORDER BY root_code"));
    DYAD_RETURN_IF_ERROR(StepAll(&st, [&] {
      w.Add("root_code").Add(st.Text(0)).Add(st.Int(1));
      w.EndRow();
    }));
  }
  return Status::Ok();
}

Status WriteMentionExport(const EventStore& store, OutputFormat format, std::ostream* out) {
  DYAD_ASSIGN_OR_RETURN(
      sql::Stmt st,
      store.db().Prepare(
          "SELECT m.id, e.id, e.date, e.date_precision, e.source_code, e.target_code, e.code, "
          "e.root_code, e.quad_class, e.goldstein, e.num_mentions, e.num_articles, "
          "e.num_sources, a.article_key, a.outlet, a.url, a.published, "
          "COALESCE(c.article_key, ''), m.sentence_index, m.sentence_begin, m.sentence_end, "
          "m.source_code, m.source_name, m.source_text, m.source_begin, m.source_end, "
          "m.target_code, m.target_name, m.target_text, m.target_begin, m.target_end, m.code, "
          "m.date, m.date_precision, m.date_phrase, m.sentence, m.rule, m.issues "
          "FROM mentions m JOIN events e ON e.id = m.event_id "
          "JOIN articles a ON a.id = m.article_id LEFT JOIN articles c ON c.id = a.copy_of "
          "ORDER BY e.id, m.id"));
  TableWriter w(out, format,
                {"mention_id",
                 "event_id",
                 "event_date",
                 "event_date_precision",
                 "event_source_code",
                 "event_target_code",
                 "event_code",
                 "root_code",
                 "quad_class",
                 "goldstein",
                 "num_mentions",
                 "num_articles",
                 "num_sources",
                 "article_id",
                 "outlet",
                 "url",
                 "published",
                 "copy_of",
                 "sentence_index",
                 "sentence_begin",
                 "sentence_end",
                 "source_code",
                 "source_name",
                 "source_text",
                 "source_begin",
                 "source_end",
                 "target_code",
                 "target_name",
                 "target_text",
                 "target_begin",
                 "target_end",
                 "code",
                 "date",
                 "date_precision",
                 "date_phrase",
                 "sentence",
                 "rule",
                 "issues"});
  const int ncols = 38;
  return StepAll(&st, [&] {
    for (int c = 0; c < ncols; ++c) {
      int t = sqlite3_column_type(st.get(), c);
      if (t == SQLITE_INTEGER)
        w.Add(st.Int(c));
      else if (t == SQLITE_FLOAT)
        w.Add(st.Double(c));
      else
        w.Add(st.Text(c));
    }
    w.EndRow();
  });
}

}  // namespace dyad
