// Access rules: who may read and change which record. One place, whatever the door (browser
// session, API token, CLI); docs/security.md has the same rules as a matrix, and
// tests/api/access_matrix_test.cc checks every route against every role.
//
//   admin, staff  every record (admin also users, roles and the audit trail)
//   editor        records that belong to one of its organisations (OwnerOrgs below); it may not
//                 create or delete organisations, nor touch documents and consents
//   trainee       its own person record, its own enrolments (apply, cancel) and consents
//   public        published content only
#include <algorithm>

#include "app/app.h"
#include "app/internal/walk.h"

namespace hoptac::app {

using domain::Record;
using domain::Role;
using domain::TypeSpec;

namespace {

std::optional<int64_t> RefField(const Record& record, const char* field) {
  const auto* v = record.Get(field);
  if (v && v->is_int()) return v->as_int();
  return std::nullopt;
}

void AddRefs(const Record& record, const char* field, std::vector<int64_t>& out) {
  const auto* v = record.Get(field);
  if (!v) return;
  if (v->is_int()) out.push_back(v->as_int());
  if (v->is_list()) {
    for (const auto& item : v->as_list()) {
      if (item.is_int()) out.push_back(item.as_int());
    }
  }
}

bool Intersects(const Principal& who, const std::vector<int64_t>& orgs) {
  return std::any_of(orgs.begin(), orgs.end(), [&](int64_t org) { return who.Member(org); });
}

// Records a trainee holds as its own: its person, and the enrolments and consents naming it.
bool OwnsAsTrainee(const Principal& who, const Record& record) {
  if (!who.person_id) return false;
  if (record.type == "person") return record.id == *who.person_id;
  if (record.type == "enrolment" || record.type == "consent") return RefField(record, "person") == who.person_id;
  return false;
}

Status NeedsSignIn(const std::string& what) {
  return Status::Unauthenticated(what + " needs you to sign in, or an API token: send 'Authorization: Bearer <token>'.");
}

}  // namespace

bool Principal::Member(int64_t organisation) const {
  return std::find(organisations.begin(), organisations.end(), organisation) != organisations.end();
}

std::vector<int64_t> App::OwnerOrgs(const Record& record) {
  std::vector<int64_t> out;
  const std::string& t = record.type;
  if (t == "organisation") {
    out.push_back(record.id);
  } else if (t == "person" || t == "profile") {
    AddRefs(record, "organisation", out);
  } else if (t == "case") {
    AddRefs(record, "supplier", out);
    AddRefs(record, "adopter", out);
  } else if (t == "agreement" || t == "project") {
    AddRefs(record, "parties", out);
  } else if (t == "programme") {
    AddRefs(record, "provider", out);
  } else if (t == "session" || t == "enrolment") {
    // A session belongs to its programme's provider; an enrolment to its session's.
    std::optional<int64_t> session_id = t == "session" ? std::optional<int64_t>(record.id) : RefField(record, "session");
    std::optional<int64_t> programme_id;
    if (t == "session") programme_id = RefField(record, "programme");
    else if (session_id) {
      auto session = store_->Get("session", *session_id);
      if (session.ok()) programme_id = RefField(*session, "programme");
    }
    if (programme_id) {
      auto programme = store_->Get("programme", *programme_id);
      if (programme.ok()) AddRefs(*programme, "provider", out);
    }
  } else if (t == "interest") {
    // The interested organisation and the organisation whose profile it is about.
    AddRefs(record, "organisation", out);
    if (auto profile_id = RefField(record, "profile")) {
      auto profile = store_->Get("profile", *profile_id);
      if (profile.ok()) AddRefs(*profile, "organisation", out);
    }
  }
  return out;
}

Status App::CheckRead(const Principal& who, const TypeSpec& type, const Record* record) {
  if (who.AtLeast(Role::kStaff)) return Status::Ok();
  if (record == nullptr) {
    // May this caller list the collection at all? Lists of private types are filtered per record.
    if (type.visibility != domain::Visibility::kPrivate) return Status::Ok();
    if (!who.authenticated) return NeedsSignIn("Reading " + type.plural);
    const bool editor_sees = who.role == Role::kEditor && (type.name == "person" || type.name == "enrolment" ||
                                                           type.name == "interest");
    const bool trainee_sees = who.role == Role::kTrainee && (type.name == "person" || type.name == "enrolment" ||
                                                             type.name == "consent");
    if (editor_sees || trainee_sees) return Status::Ok();
    return Status::PermissionDenied("Your role may not read " + type.plural + ".");
  }
  if (IsPublic(type, *record)) return Status::Ok();
  if (who.role == Role::kEditor && Intersects(who, OwnerOrgs(*record))) return Status::Ok();
  if (who.role == Role::kTrainee && OwnsAsTrainee(who, *record)) return Status::Ok();
  if (!who.authenticated && type.visibility == domain::Visibility::kPrivate) return NeedsSignIn("Reading " + type.plural);
  // Records one may not read do not exist for them: do not reveal their ids.
  return Status::NotFound("No " + type.name + " with id " + std::to_string(record->id) + ".");
}

Status App::CheckWrite(const Principal& who) const {
  if (!who.authenticated) return NeedsSignIn("Changing records");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  if (!who.AtLeast(Role::kStaff)) return Status::PermissionDenied("Only centre staff may import or change records in bulk.");
  return Status::Ok();
}

Status App::CheckChange(const Principal& who, Change change, const Record* before, const Record* after) {
  if (!who.authenticated) return NeedsSignIn("Changing records");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  if (who.AtLeast(Role::kStaff)) return Status::Ok();
  const Record& any = before ? *before : *after;
  const std::string& t = any.type;
  auto refuse = [&](const std::string& why) { return Status::PermissionDenied(why); };
  if (who.role == Role::kEditor) {
    if (t == "document" || t == "consent") return refuse("Only centre staff may change " + t + "s.");
    if (t == "organisation" && change != Change::kUpdate) {
      return refuse("Only centre staff may create or delete organisations.");
    }
    // Both the record as it is and as it would be must belong to one of the editor's organisations:
    // an editor can neither touch another's record nor move its own to another organisation.
    for (const Record* r : {before, after}) {
      if (r && !Intersects(who, OwnerOrgs(*r))) {
        return refuse("You may only change records of your own organisation.");
      }
    }
    return Status::Ok();
  }
  if (who.role == Role::kTrainee) {
    if (change == Change::kDelete) return refuse("Trainees may not delete records; cancel an application instead.");
    for (const Record* r : {before, after}) {
      if (r && !OwnsAsTrainee(who, *r)) return refuse("You may only change your own details and applications.");
    }
    if (t == "person" && change == Change::kCreate) return refuse("Your person record is created when you apply.");
    if (t == "enrolment") {
      const auto* status = after ? after->Get("status") : nullptr;
      const std::string next = status && status->is_string() ? status->as_string() : "applied";
      const std::string wanted = change == Change::kCreate ? "applied" : "cancelled";
      if (next != wanted) return refuse("A trainee may apply for a session or cancel an application, nothing else.");
      if (before && after && (RefField(*before, "session") != RefField(*after, "session"))) {
        return refuse("Apply for the other session instead of moving an application.");
      }
    }
    if (t == "person" || t == "enrolment" || t == "consent") return Status::Ok();
    return refuse("Trainees may only change their own details, applications and consents.");
  }
  return refuse("Your role may not change records.");
}

// A person's data crosses a border when they enrol in a session held in another country: that
// needs their recorded, unwithdrawn consent for that country (PIPL, Decree 13/2023).
Status App::CheckCrossBorderConsent(const Record& enrolment) {
  auto person_id = RefField(enrolment, "person");
  auto session_id = RefField(enrolment, "session");
  if (!person_id || !session_id) return Status::Ok();
  auto person = store_->Get("person", *person_id);
  auto session = store_->Get("session", *session_id);
  if (!person.ok() || !session.ok()) return Status::Ok();  // the store reports dangling refs
  const std::string from = FieldText(*person, "country"), to = FieldText(*session, "country");
  if (from.empty() || to.empty() || from == to) return Status::Ok();
  bool consented = false;
  store::ListQuery q{.type = "consent", .equals = {{"person", std::to_string(*person_id)}}, .limit = 500};
  auto page = store_->List(q);
  if (!page.ok()) return page.status();
  for (const auto& c : page->items) {
    if (FieldText(c, "destination_country") == to && FieldText(c, "withdrawn_at").empty() &&
        FieldText(c, "purpose") == "cross_border_transfer") {
      consented = true;
    }
  }
  if (consented) return Status::Ok();
  return Status::InvalidArgument(
      "This session is held in " + to + " and the person lives in " + from +
          ": record their consent to the transfer of their data first (POST /api/v1/consents).",
      {{"person", "consent_required", "has not consented to their data going to " + to}});
}

}  // namespace hoptac::app
