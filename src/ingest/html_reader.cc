// HTML articles: main-text extraction with gumbo. Boilerplate containers
// (navigation, header, footer, asides, forms, scripts, and elements whose
// class or id names share/social/related/newsletter/comments/cookie/advert
// blocks) are dropped; the main text is the <article> with the most
// paragraph text, else the element whose <p> children hold the most text.
#include <gumbo.h>

#include <array>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/ingest.h"
#include "ingest/reader_util.h"
#include "ingest/utf8.h"

namespace dyad {
namespace {

using ingest::CollapseSpace;
using ingest::TrimSpace;

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool IsElement(const GumboNode* n, GumboTag tag) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

// Tags whose content is never article text.
bool IsDroppedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// class/id words that mark boilerplate blocks.
bool IsBoilerplateName(std::string_view names) {
  static constexpr std::array<std::string_view, 18> kContains = {
      "share",      "social",     "related", "recent-post", "recent_post", "recentpost",
      "newsletter", "comments",   "disqus",  "cookie",      "advert",      "subscribe",
      "sidebar",    "breadcrumb", "promo",   "most-read",   "popular",     "byline"};
  // Whole parts of a class word, so "commentary" and "header-adjust" survive.
  static constexpr std::array<std::string_view, 5> kWhole = {"ad", "ads", "nav", "menu", "comment"};
  const std::string l = Lower(names);
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && std::isspace(static_cast<unsigned char>(l[i]))) ++i;
    size_t j = i;
    while (j < l.size() && !std::isspace(static_cast<unsigned char>(l[j]))) ++j;
    std::string_view word(l.data() + i, j - i);
    for (auto k : kContains)
      if (word.find(k) != std::string_view::npos) return true;
    // Whole parts of a word split at '-' / '_' ("ad-slot", "top_ads").
    size_t p = 0;
    while (p <= word.size()) {
      size_t q = word.find_first_of("-_", p);
      if (q == std::string_view::npos) q = word.size();
      std::string_view part = word.substr(p, q - p);
      for (auto k : kWhole)
        if (part == k) return true;
      p = q + 1;
    }
    i = j;
  }
  return false;
}

bool IsDropped(const GumboNode* n) {
  if (n->type == GUMBO_NODE_COMMENT) return true;
  if (n->type != GUMBO_NODE_ELEMENT) return false;
  if (IsDroppedTag(n->v.element.tag)) return true;
  if (Attr(n, "hidden").data() != nullptr) return true;
  if (Lower(Attr(n, "aria-hidden")) == "true") return true;
  std::string_view role = Attr(n, "role");
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary")
    return true;
  return IsBoilerplateName(Attr(n, "class")) || IsBoilerplateName(Attr(n, "id"));
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Text of a subtree, boilerplate dropped, whitespace collapsed; blocks become
// paragraphs separated by blank lines. Iterative: deeply nested input cannot
// exhaust the stack.
std::string BlockText(const GumboNode* root) {
  std::string out, para;
  auto flush = [&] {
    std::string p = CollapseSpace(para);
    para.clear();
    if (p.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += p;
  };
  struct Item {
    const GumboNode* node;
    bool exit;
  };
  std::vector<Item> stack = {{root, false}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const GumboNode* n = it.node;
    if (it.exit) {
      flush();
      continue;
    }
    if (n != root && IsDropped(n)) continue;
    // The headline is Article::title; repeating it in the text would code
    // its events twice.
    if (n != root && IsElement(n, GUMBO_TAG_H1)) continue;
    // A <time> standing alone between blocks is page furniture ("10 March
    // 2023" above the story); inside a sentence it is text and stays.
    if (n != root && IsElement(n, GUMBO_TAG_TIME) && n->parent &&
        n->parent->type == GUMBO_NODE_ELEMENT && IsBlock(n->parent->v.element.tag) &&
        n->parent->v.element.tag != GUMBO_TAG_P && n->parent->v.element.tag != GUMBO_TAG_LI)
      continue;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      para += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboVector& kids =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboTag t = n->v.element.tag;
      if (t == GUMBO_TAG_BR) {
        para += ' ';
        continue;
      }
      if (IsBlock(t)) {
        flush();
        stack.push_back({n, true});
      } else if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
        para += ' ';
      }
    }
    for (unsigned k = kids.length; k-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(kids.data[k]), false});
  }
  flush();
  return out;
}

// Plain text length of a subtree (no boilerplate filtering inside a <p>).
size_t TextLength(const GumboNode* root) {
  size_t len = 0;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT) {
      for (const char* p = n->v.text.text; *p; ++p)
        len += !std::isspace(static_cast<unsigned char>(*p));
    } else if (n->type == GUMBO_NODE_ELEMENT && !IsDropped(n)) {
      const GumboVector& kids = n->v.element.children;
      for (unsigned k = 0; k < kids.length; ++k)
        stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
    }
  }
  return len;
}

struct Page {
  std::unordered_map<std::string, std::string> meta;  // lowercase key -> first content
  std::string title_tag, h1, canonical, time_datetime, itemprop_date;
  std::vector<const GumboNode*> articles;               // <article> elements not dropped
  std::unordered_map<const GumboNode*, size_t> p_text;  // parent -> text of its <p> children
  std::unordered_map<const GumboNode*, size_t> article_p_text;
};

void Scan(const GumboNode* root, Page* page) {
  struct Item {
    const GumboNode* node;
    bool dropped;
    const GumboNode* article;  // innermost enclosing <article>
  };
  std::vector<Item> stack = {{root, false, nullptr}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const GumboNode* n = it.node;
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    bool dropped = it.dropped;
    const GumboNode* article = it.article;
    if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboTag t = n->v.element.tag;
      // Metadata is read wherever it is, even inside dropped containers.
      if (t == GUMBO_TAG_META) {
        std::string_view content = Attr(n, "content");
        for (const char* k : {"property", "name", "itemprop", "http-equiv"}) {
          std::string_view key = Attr(n, k);
          if (!key.empty() && !content.empty())
            page->meta.emplace(Lower(key), std::string(content));
        }
      } else if (t == GUMBO_TAG_TITLE && page->title_tag.empty()) {
        page->title_tag = CollapseSpace(BlockText(n));
      } else if (t == GUMBO_TAG_LINK && Lower(Attr(n, "rel")) == "canonical" &&
                 page->canonical.empty()) {
        page->canonical = std::string(Attr(n, "href"));
      } else if (t == GUMBO_TAG_TIME && page->time_datetime.empty() &&
                 !Attr(n, "datetime").empty()) {
        page->time_datetime = std::string(Attr(n, "datetime"));
      } else if (t == GUMBO_TAG_H1 && page->h1.empty()) {
        page->h1 = CollapseSpace(BlockText(n));
      }
      if (Attr(n, "itemprop") == "datePublished" && page->itemprop_date.empty()) {
        std::string_view v = Attr(n, "datetime");
        if (v.empty()) v = Attr(n, "content");
        page->itemprop_date = v.empty() ? CollapseSpace(BlockText(n)) : std::string(v);
      }
      dropped = dropped || IsDropped(n);
      if (!dropped && t == GUMBO_TAG_ARTICLE) {
        page->articles.push_back(n);
        article = n;
      }
      if (!dropped && t == GUMBO_TAG_P && n->parent) {
        const size_t len = TextLength(n);
        page->p_text[n->parent] += len;
        if (article) page->article_p_text[article] += len;
      }
    }
    const GumboVector& kids =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned k = kids.length; k-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(kids.data[k]), dropped, article});
  }
}

std::string FirstMeta(const Page& page, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = page.meta.find(k);
    if (it != page.meta.end() && !TrimSpace(it->second).empty()) return it->second;
  }
  return "";
}

}  // namespace

void ParseHtmlArticle(std::string_view bytes, const SourceLocation& where,
                      const ArticleVisitor& visitor, std::string_view default_id) {
  if (bytes.empty()) {
    ingest::Fail(visitor, where, "empty file; skipped");
    return;
  }
  if (ingest::LooksBinary(bytes)) {
    ingest::Fail(visitor, where, "binary file, not text; skipped");
    return;
  }
  std::string buf;
  ingest::RepairInto(bytes, where, "file", visitor, &buf);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not reported: real pages are full of them
  std::unique_ptr<GumboOutput, GumboDeleter> out(
      gumbo_parse_with_options(&options, buf.data(), buf.size()));
  if (!out) {
    ingest::Fail(visitor, where, "HTML parser failed; skipped");
    return;
  }
  Page page;
  Scan(out->document, &page);

  Article a;
  a.source = where;
  a.id = ingest::DefaultId(where, default_id);
  // Main text: the <article> with the most paragraph text, else the element
  // whose <p> children hold the most text, else the whole body.
  const GumboNode* main = nullptr;
  size_t best = 0;
  for (const GumboNode* art : page.articles) {
    auto it = page.article_p_text.find(art);
    const size_t len = it == page.article_p_text.end() ? 0 : it->second;
    if (len > best) best = len, main = art;
  }
  if (!main) {
    for (const auto& [node, len] : page.p_text)
      if (len > best) best = len, main = node;
  }
  a.text = BlockText(main ? main : out->root);

  a.title = CollapseSpace(FirstMeta(page, {"og:title", "twitter:title"}));
  if (a.title.empty()) a.title = page.title_tag;
  if (a.title.empty()) a.title = page.h1;
  a.outlet = CollapseSpace(FirstMeta(page, {"og:site_name", "application-name"}));
  a.url = std::string(TrimSpace(FirstMeta(page, {"og:url"})));
  if (a.url.empty()) a.url = std::string(TrimSpace(page.canonical));
  std::string author = FirstMeta(page, {"author", "article:author", "byl", "dc.creator"});
  if (author.rfind("http", 0) != 0) a.byline = CollapseSpace(author);
  if (a.byline.rfind("By ", 0) == 0) a.byline = a.byline.substr(3);
  std::string lang = FirstMeta(page, {"og:locale", "language", "content-language"});
  if (!lang.empty() && lang.size() <= 8) a.language = Lower(lang.substr(0, 2));

  const std::string date_sources[] = {
      FirstMeta(page, {"article:published_time", "og:article:published_time", "og:published_time",
                       "og:pubdate", "date", "dc.date", "dc.date.issued", "dcterms.created",
                       "pubdate", "publishdate", "publish-date", "sailthru.date",
                       "parsely-pub-date", "datepublished"}),
      page.itemprop_date, page.time_datetime};
  for (const std::string& s : date_sources) {
    if (s.empty()) continue;
    a.published = ParsePublicationDate(s);
    if (a.published.known()) break;
  }
  // Gumbo decodes character references such as "&#x1F60EEEE;" (beyond
  // U+10FFFF) into bytes that are not valid UTF-8 (found by the fuzzer).
  for (std::string* s : {&a.text, &a.title, &a.outlet, &a.url, &a.byline, &a.language})
    ingest::RepairUtf8InPlace(s);
  if (TrimSpace(a.text).empty()) {
    ingest::Fail(visitor, where, "no article text found in the HTML page; skipped");
    return;
  }
  ingest::ApplyDateline(&a);
  if (visitor.on_article) visitor.on_article(std::move(a));
}

}  // namespace dyad
