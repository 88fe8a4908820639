// The cooperation in figures: counts computed from the records themselves (never typed in), for the
// public dashboard.
#include "app/app.h"

namespace hoptac::app {

namespace {

std::string Str(const domain::Record& r, const std::string& field) {
  const auto* v = r.Get(field);
  if (!v) return {};
  if (v->is_string()) return v->as_string();
  if (v->is_int()) return std::to_string(v->as_int());
  return {};
}

// Calls `each` for every record of `type`, page by page.
template <typename F>
Status ForEach(store::Store& store, const std::string& type, F&& each) {
  store::ListQuery q{.type = type, .limit = 500};
  while (true) {
    auto page = store.List(q);
    if (!page.ok()) return page.status();
    for (const auto& r : page->items) each(r);
    if (!page->next_after_id) return Status::Ok();
    q.after_id = page->next_after_id;
  }
}

}  // namespace

Result<Figures> App::ComputeFigures() {
  Figures f;
  auto count = [&](const std::string& type) -> Result<int64_t> { return store_->Count(type); };
  for (const auto& type : domain::Schema()) {
    if (type.visibility == domain::Visibility::kPrivate) continue;
    auto n = count(type.name);
    if (!n.ok()) return n.status();
    f.totals[type.plural] = *n;
  }
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "profile", [&](const domain::Record& r) {
    if (Str(r, "status") == "published") ++f.published_profiles[Str(r, "kind")];
  }));
  f.totals["profiles"] = f.published_profiles["offer"] + f.published_profiles["request"];
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "agreement", [&](const domain::Record& r) {
    std::string date = Str(r, "signed_date");
    if (!date.empty() && Str(r, "status") != "draft") ++f.agreements_per_year[date.substr(0, 4)];
  }));
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "case", [&](const domain::Record& r) {
    std::string domain = Str(r, "domain");
    ++f.cases_per_domain[domain.empty() ? "other" : domain];
  }));
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "project", [&](const domain::Record& r) {
    ++f.projects_per_stage[Str(r, "stage")];
  }));
  std::map<int64_t, std::string> session_year;
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "session", [&](const domain::Record& r) {
    std::string year = Str(r, "start_date").substr(0, 4);
    session_year[r.id] = year;
    ++f.sessions_per_year[year];
  }));
  // Participants: enrolments that were attended or completed, placed by the person's country and
  // locality. Only counts leave this function, never a person.
  std::map<int64_t, std::pair<std::string, std::string>> person_place;
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "person", [&](const domain::Record& r) {
    person_place[r.id] = {Str(r, "country"), Str(r, "locality")};
  }));
  HOPTAC_RETURN_IF_ERROR(ForEach(*store_, "enrolment", [&](const domain::Record& r) {
    std::string status = Str(r, "status");
    if (status != "attended" && status != "completed") return;
    const auto* session = r.Get("session");
    const auto* person = r.Get("person");
    if (!session || !person || !session->is_int() || !person->is_int()) return;
    const std::string& year = session_year[session->as_int()];
    ++f.participants_per_year[year];
    const auto& [country, locality] = person_place[person->as_int()];
    ++f.participants_per_country[country.empty() ? "?" : country];
    if (!locality.empty()) ++f.participants_per_locality[locality];
    ++f.totals["participants"];
  }));
  return f;
}

}  // namespace hoptac::app
