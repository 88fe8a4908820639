// The audit trail and personal data: reading the trail (administrators), a person's export, and
// erasure that keeps the published figures true.
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/internal/walk.h"
#include "app/record_json.h"
#include "core/clock.h"
#include "domain/validate.h"

namespace hoptac::app {

using domain::Record;
using domain::Role;
using nlohmann::ordered_json;

namespace {

constexpr const char* kErasedName = "[erased]";

ordered_json RecordValue(const Record& record) {
  return ordered_json::parse(RecordToJson(*domain::FindType(record.type), record));
}

}  // namespace

Result<std::vector<store::AuditEntry>> App::Audit(const Principal& who, const store::AuditQuery& query) {
  if (!who.AtLeast(Role::kAdmin)) return Status::PermissionDenied("Only a centre administrator may read the audit trail.");
  return store_->Audit(query);
}

Result<std::string> App::ExportPerson(const Principal& who, int64_t person_id) {
  const bool self = who.person_id && *who.person_id == person_id;
  if (!self && !who.AtLeast(Role::kStaff)) {
    return who.authenticated ? Status::PermissionDenied("Only centre staff or the person may export their data.")
                             : Status::Unauthenticated("Exporting personal data needs you to sign in.");
  }
  auto person = store_->Get("person", person_id);
  if (!person.ok()) return person.status();
  ordered_json out = ordered_json::object();
  out["exported_at"] = NowIso8601();
  out["person"] = RecordValue(*person);
  for (const char* type : {"enrolment", "consent"}) {
    ordered_json list = ordered_json::array();
    store::ListQuery q{.type = type, .equals = {{"person", std::to_string(person_id)}}, .limit = 500};
    while (true) {
      auto page = store_->List(q);
      if (!page.ok()) return page.status();
      for (const auto& r : page->items) list.push_back(RecordValue(r));
      if (page->next_after_id == 0) break;
      q.after_id = page->next_after_id;
    }
    out[std::string(type) + "s"] = list;
  }
  ordered_json accounts = ordered_json::array();
  auto users = store_->ListUsers();
  if (!users.ok()) return users.status();
  for (const auto& u : *users) {
    if (u.person_id != person_id) continue;
    accounts.push_back({{"id", u.id}, {"email", u.email}, {"display_name", u.display_name}, {"lang", u.lang},
                        {"role", u.role}, {"status", u.status}, {"created_at", u.created_at}});
  }
  out["accounts"] = accounts;
  ordered_json history = ordered_json::array();
  auto entries = store_->Audit({.limit = 1000, .type = "person", .record_id = person_id});
  if (!entries.ok()) return entries.status();
  for (const auto& e : *entries) {
    history.push_back({{"at", e.change.at}, {"op", e.change.op}, {"by", e.change.actor}});
  }
  out["changes"] = history;
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

Status App::ErasePerson(const Principal& who, int64_t person_id) {
  if (!who.can_write || !who.AtLeast(Role::kStaff)) {
    return who.authenticated ? Status::PermissionDenied("Only centre staff may erase a person's data.")
                             : Status::Unauthenticated("Erasing personal data needs you to sign in.");
  }
  auto person = store_->Get("person", person_id);
  if (!person.ok()) return person.status();
  Record erased = *person;
  erased.ref.reset();
  erased.fields.erase("email");
  erased.fields.erase("role");
  erased.fields.erase("languages");
  erased.fields["name"] = domain::Value(std::string(kErasedName));
  // country, locality, organisation and the enrolments stay: the figures count them, and alone
  // they no longer say who the person was.
  auto updated = store_->Update(std::move(erased), person->version, ActorOf(who));
  if (!updated.ok()) return updated.status();
  Remember(*updated);
  HOPTAC_RETURN_IF_ERROR(store_->PurgeHistory("person", person_id));
  auto users = store_->ListUsers();
  if (!users.ok()) return users.status();
  for (auto u : *users) {
    if (u.person_id != person_id) continue;
    u.display_name = kErasedName;
    u.email = "erased-" + std::to_string(u.id) + "@erased.invalid";
    u.status = "disabled";
    u.person_id.reset();
    HOPTAC_RETURN_IF_ERROR(store_->UpdateUser(u, ActorOf(who)).status());
    HOPTAC_RETURN_IF_ERROR(store_->DeleteSessionsOf(u.id));
  }
  CatchUp();
  return Status::Ok();
}

Result<Record> App::CreateOwnPerson(const Principal& who, const nlohmann::json& details) {
  if (who.user_id == 0) return Status::PermissionDenied("A service token has no account to attach a person to.");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  if (who.person_id) return Status::Conflict("Your account already has a person record.");
  auto user = store_->GetUser(who.user_id);
  if (!user.ok()) return user.status();
  Record person{.type = "person"};
  person.fields["name"] = domain::Value(user->display_name);
  person.fields["email"] = domain::Value(user->email);
  for (const char* key : {"country", "locality"}) {
    auto it = details.find(key);
    if (it != details.end() && it->is_string()) person.fields[key] = domain::Value(it->get<std::string>());
  }
  if (auto it = details.find("languages"); it != details.end() && it->is_array()) {
    domain::List langs;
    for (const auto& l : *it) {
      if (l.is_string()) langs.push_back(domain::Value(l.get<std::string>()));
    }
    person.fields["languages"] = domain::Value(std::move(langs));
  }
  if (!person.fields.count("country")) {
    return Status::InvalidArgument("Your country is needed.", {{"country", "required", "is required"}});
  }
  HOPTAC_RETURN_IF_ERROR(domain::Validate(*domain::FindType("person"), person));
  auto created = store_->Create(std::move(person), ActorOf(who));
  if (!created.ok()) return created.status();
  user->person_id = created->id;
  HOPTAC_RETURN_IF_ERROR(store_->UpdateUser(*user, ActorOf(who)).status());
  CatchUp();
  return created;
}

}  // namespace hoptac::app
