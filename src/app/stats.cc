// The cooperation in figures: counts computed from the records themselves (never typed in), for the
// public dashboard.
#include "app/app.h"
#include "app/internal/walk.h"

namespace hoptac::app {

Result<Figures> App::ComputeFigures() {
  Figures f;
  auto count = [&](const std::string& type) -> Result<int64_t> { return store_->Count(type); };
  for (const auto& type : domain::Schema()) {
    if (type.visibility == domain::Visibility::kPrivate) continue;
    auto n = count(type.name);
    if (!n.ok()) return n.status();
    f.totals[type.plural] = *n;
  }
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "profile", [&](const domain::Record& r) {
    if (FieldText(r, "status") == "published") ++f.published_profiles[FieldText(r, "kind")];
  }));
  f.totals["profiles"] = f.published_profiles["offer"] + f.published_profiles["request"];
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "agreement", [&](const domain::Record& r) {
    std::string date = FieldText(r, "signed_date");
    if (!date.empty() && FieldText(r, "status") != "draft") ++f.agreements_per_year[date.substr(0, 4)];
  }));
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "case", [&](const domain::Record& r) {
    std::string domain = FieldText(r, "domain");
    ++f.cases_per_domain[domain.empty() ? "other" : domain];
  }));
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "project", [&](const domain::Record& r) {
    ++f.projects_per_stage[FieldText(r, "stage")];
  }));
  std::map<int64_t, std::string> session_year;
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "session", [&](const domain::Record& r) {
    std::string year = FieldText(r, "start_date").substr(0, 4);
    session_year[r.id] = year;
    ++f.sessions_per_year[year];
  }));
  // Participants: enrolments that were attended or completed, placed by the person's country and
  // locality. Only counts leave this function, never a person.
  std::map<int64_t, std::pair<std::string, std::string>> person_place;
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "person", [&](const domain::Record& r) {
    person_place[r.id] = {FieldText(r, "country"), FieldText(r, "locality")};
  }));
  HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, "enrolment", [&](const domain::Record& r) {
    std::string status = FieldText(r, "status");
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
