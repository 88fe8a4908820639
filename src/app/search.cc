// Search and matching in app/: the index and what feeds it. Records become index documents here
// (which fields are searched, with what weight, which filters they fill), the index is rebuilt from
// the store at start-up and kept current from the change log.
#include <atomic>
#include <set>
#include <unordered_map>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "app/internal/accounts_state.h"
#include "app/internal/record_cache.h"
#include "app/internal/walk.h"
#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/thesaurus.h"

namespace hoptac::app {

using domain::Record;

struct SearchState {
  text::AnalyzerRegistry analyzers;
  std::unique_ptr<text::Thesaurus> thesaurus;
  std::unique_ptr<text::ConceptTagger> tagger;
  std::unique_ptr<index::Index> index;

  std::mutex apply_mu;            // one applier of the change log at a time
  int64_t applied_seq = 0;        // GUARDED_BY(apply_mu)

  std::mutex follow_mu;
  std::condition_variable follow_cv;
  bool stopping = false;          // GUARDED_BY(follow_mu)
  std::thread follower;

  explicit SearchState(text::AnalyzerRegistry a) : analyzers(std::move(a)) {}
  ~SearchState() {
    {
      std::lock_guard lock(follow_mu);
      stopping = true;
    }
    follow_cv.notify_all();
    if (follower.joinable()) follower.join();
  }
};

namespace {

const std::set<std::string>& IndexedTypes() {
  static const std::set<std::string> kTypes = {"profile", "organisation", "case", "document"};
  return kTypes;
}

const domain::Text* TextOf(const Record& r, const std::string& field) {
  const auto* v = r.Get(field);
  return v && v->is_text() ? &v->as_text() : nullptr;
}

void AddText(index::DocInput& doc, const domain::Text* t, float weight, bool name = false) {
  if (!t) return;
  doc.parts.push_back({.text = t->text, .lang = t->lang, .weight = weight, .name = name});
  // Translations help cross-lingual search, a little less than the original.
  for (const auto& [lang, text] : t->translations) {
    doc.parts.push_back({.text = text, .lang = lang, .weight = weight * 0.8f, .name = name});
  }
}

void SetDisplay(index::DocInput& doc, const domain::Text* title, const domain::Text* summary) {
  if (title) doc.title = title->text, doc.title_lang = title->lang;
  if (summary) doc.summary = summary->text, doc.summary_lang = summary->lang;
}

}  // namespace

// Builds the index document of a record. `org` is the profile's organisation when known.
index::DocInput ToDoc(const Record& r, const Record* org) {
  index::DocInput doc{.type = r.type, .id = r.id};
  doc.status = "published";
  if (r.type == "profile") {
    AddText(doc, TextOf(r, "title"), 2.0f);
    AddText(doc, TextOf(r, "summary"), 1.0f);
    SetDisplay(doc, TextOf(r, "title"), TextOf(r, "summary"));
    doc.kind = FieldText(r, "kind");
    doc.subject = FieldText(r, "subject");
    doc.status = FieldText(r, "status");
    doc.date = FieldText(r, "deadline");
    if (const auto* t = r.Get("target_countries"); t && t->is_list()) {
      for (const auto& c : t->as_list()) doc.target_countries.push_back(c.as_string());
    }
    if (const auto* o = r.Get("organisation"); o && o->is_int()) doc.organisation = o->as_int();
    if (org) {
      AddText(doc, TextOf(*org, "name"), 0.5f, /*name=*/true);
      doc.country = FieldText(*org, "country");
      doc.locality = FieldText(*org, "locality");
      if (!doc.locality.empty()) doc.parts.push_back({.text = doc.locality, .weight = 0.5f, .name = true});
    }
  } else if (r.type == "organisation") {
    AddText(doc, TextOf(r, "name"), 2.0f, /*name=*/true);
    AddText(doc, TextOf(r, "description"), 1.0f);
    SetDisplay(doc, TextOf(r, "name"), TextOf(r, "description"));
    doc.kind = FieldText(r, "kind");
    doc.country = FieldText(r, "country");
    doc.locality = FieldText(r, "locality");
    if (!doc.locality.empty()) doc.parts.push_back({.text = doc.locality, .weight = 1.0f, .name = true});
  } else if (r.type == "case") {
    AddText(doc, TextOf(r, "title"), 2.0f);
    AddText(doc, TextOf(r, "summary"), 1.0f);
    AddText(doc, TextOf(r, "outcome"), 1.0f);
    SetDisplay(doc, TextOf(r, "title"), TextOf(r, "summary"));
    doc.kind = FieldText(r, "domain");
    doc.country = FieldText(r, "country");
    doc.locality = FieldText(r, "locality");
    doc.date = FieldText(r, "year");
    if (!doc.locality.empty()) doc.parts.push_back({.text = doc.locality, .weight = 1.0f, .name = true});
  } else if (r.type == "document") {
    AddText(doc, TextOf(r, "title"), 2.0f);
    AddText(doc, TextOf(r, "body"), 1.0f);
    SetDisplay(doc, TextOf(r, "title"), TextOf(r, "body"));
    doc.date = FieldText(r, "date");
  }
  return doc;
}

Status App::OpenSearch(const AppOptions& options) {
  if (!options.build_index) return Status::Ok();  // one-shot commands: no index at all
  auto analyzers = text::AnalyzerRegistry::Create();
  if (!analyzers.ok()) return analyzers.status();
  search_ = std::make_unique<SearchState>(std::move(analyzers).value());
  if (!options.thesaurus_path.empty()) {
    auto thesaurus = text::Thesaurus::Load(options.thesaurus_path);
    if (!thesaurus.ok()) return thesaurus.status();
    search_->thesaurus = std::make_unique<text::Thesaurus>(std::move(thesaurus).value());
    search_->tagger = std::make_unique<text::ConceptTagger>(*search_->thesaurus, search_->analyzers);
  }
  search_->index = std::make_unique<index::Index>(index::IndexOptions{
      .analyzers = search_->analyzers, .tagger = search_->tagger.get(), .thesaurus = search_->thesaurus.get()});

  // Rebuild from the store: remember the log position first, so changes made while we read are
  // applied again by CatchUp (applying a change twice is harmless).
  auto seq = store_->LastChangeSeq();
  if (!seq.ok()) return seq.status();
  std::unordered_map<int64_t, Record> orgs;
  std::vector<index::DocInput> docs;
  for (const auto& type : {"organisation", "profile", "case", "document"}) {
    HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, type, [&](Record& r) {
      const Record* org = nullptr;
      if (const auto* o = r.Get("organisation"); o && o->is_int()) {
        auto it = orgs.find(o->as_int());
        if (it != orgs.end()) org = &it->second;
      }
      docs.push_back(ToDoc(r, org));
      if (r.type == "organisation") orgs.emplace(r.id, std::move(r));
    }));
  }
  search_->index->Bulk(docs);
  std::lock_guard lock(search_->apply_mu);
  search_->applied_seq = *seq;
  generation_.store(*seq, std::memory_order_release);
  return Status::Ok();
}

void App::IndexRecord(const Record& r) {
  std::optional<Record> org;
  if (const auto* o = r.Get("organisation"); r.type == "profile" && o && o->is_int()) {
    auto got = store_->Get("organisation", o->as_int());
    if (got.ok()) org = std::move(got).value();
  }
  search_->index->Upsert(ToDoc(r, org ? &*org : nullptr));
}

void App::CatchUp() {
  if (!search_) {
    generation_.fetch_add(1, std::memory_order_acq_rel);
    return;
  }
  std::lock_guard lock(search_->apply_mu);
  while (true) {
    auto changes = store_->ChangesSince(search_->applied_seq, 1000);
    if (!changes.ok() || changes->empty()) return;
    for (const auto& c : *changes) {
      search_->applied_seq = c.seq;
      if (c.op == "delete") {
        cache_->Erase(c.type, c.id);
        if (IndexedTypes().count(c.type)) search_->index->Remove(c.type, c.id);
        continue;
      }
      auto record = store_->Get(c.type, c.id);
      if (!record.ok()) {
        // Deleted by a later change that we will apply in turn.
        cache_->Erase(c.type, c.id);
        if (IndexedTypes().count(c.type)) search_->index->Remove(c.type, c.id);
        continue;
      }
      Remember(*record);  // another process's write replaces what the record cache holds
      if (!IndexedTypes().count(c.type)) continue;
      IndexRecord(*record);
      if (c.type == "organisation") {
        // Profiles carry their organisation's name, country and locality.
        for (int64_t pid : search_->index->ProfilesOf(c.id)) {
          auto profile = store_->Get("profile", pid);
          if (profile.ok()) IndexRecord(*profile);
        }
      }
    }
    generation_.store(search_->applied_seq, std::memory_order_release);
  }
}

void App::StartFollowing(int period_ms) {
  if (!search_ || search_->follower.joinable()) return;
  search_->follower = std::thread([this, period_ms] {
    std::unique_lock lock(search_->follow_mu);
    while (!search_->stopping) {
      search_->follow_cv.wait_for(lock, std::chrono::milliseconds(period_ms));
      if (search_->stopping) break;
      lock.unlock();
      CatchUp();
      lock.lock();
    }
  });
}

std::string App::ConceptLabel(const std::string& concept_id, const std::string& lang) const {
  if (!search_ || !search_->thesaurus) return concept_id;
  const text::Concept* c = search_->thesaurus->Find(concept_id);
  return c ? c->PrefLabel(lang) : concept_id;
}

App::App() = default;
App::~App() = default;

index::IndexStats App::IndexStats() const { return search_ ? search_->index->Stats() : index::IndexStats{}; }

std::optional<domain::Record> App::OrganisationOf(const domain::Record& record) {
  if (record.type != "profile") return std::nullopt;
  const auto* org = record.Get("organisation");
  if (!org || !org->is_int()) return std::nullopt;
  auto found = store_->Get("organisation", org->as_int());
  if (!found.ok()) return std::nullopt;
  return std::move(found).value();
}

Result<SearchPage> App::Search(const Principal& who, index::SearchQuery query) {
  if (!search_) return Status::Unavailable("Search is not available in this process.");
  if (!who.AtLeast(domain::Role::kStaff)) query.published_only = true;
  else if (query.status.empty()) query.published_only = false;
  auto result = search_->index->Search(query);
  if (!result.ok()) return result.status();
  SearchPage page{.total = result->total, .facets = std::move(result->facets)};
  page.more = query.offset + result->hits.size() < result->total;
  for (auto& hit : result->hits) {
    auto record = store_->Get(hit.type, hit.id);
    if (!record.ok()) continue;  // deleted since: the index catches up
    auto organisation = OrganisationOf(*record);
    page.items.push_back({std::move(hit), std::move(record).value(), std::move(organisation)});
  }
  return page;
}

Result<std::vector<MatchResultItem>> App::Match(const Principal& who, const index::MatchQuery& query) {
  if (!search_) return Status::Unavailable("Matching is not available in this process.");
  auto profile = Get(who, "profile", query.profile_id);
  if (!profile.ok()) return profile.status();
  auto matches = search_->index->Match(query);
  if (!matches.ok()) return matches.status();
  std::vector<MatchResultItem> out;
  for (auto& m : *matches) {
    auto record = store_->Get("profile", m.id);
    if (!record.ok()) continue;
    auto organisation = OrganisationOf(*record);
    out.push_back({std::move(m), std::move(record).value(), std::move(organisation)});
  }
  return out;
}

}  // namespace hoptac::app
