#include "app/app.h"

#include <filesystem>

#include "app/internal/record_cache.h"
#include "app/record_json.h"
#include "domain/validate.h"

namespace hoptac::app {

using domain::Record;
using domain::TypeSpec;

namespace {

Result<const TypeSpec*> TypeOf(const std::string& name) {
  const TypeSpec* type = domain::FindType(name);
  if (!type) return Status::NotFound("There is no record type '" + name + "'.");
  return type;
}

}  // namespace

bool IsPublic(const TypeSpec& type, const Record& record) {
  switch (type.visibility) {
    case domain::Visibility::kPublic: return true;
    case domain::Visibility::kPrivate: return false;
    case domain::Visibility::kWhenPublished: {
      const auto* status = record.Get("status");
      return status && status->is_string() && status->as_string() == "published";
    }
  }
  return false;
}

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) return Status::Unavailable("Cannot create the data directory " + options.data_dir + ": " + ec.message());
  auto store = store::OpenSqliteStore({.path = (std::filesystem::path(options.data_dir) / "hoptac.db").string(),
                                       .reader_connections = options.reader_connections,
                                       .synchronous_full = options.synchronous_full});
  if (!store.ok()) return store.status();
  std::unique_ptr<App> app(new App());
  app->store_ = std::move(store).value();
  app->cache_ = std::make_unique<RecordCache>();
  HOPTAC_RETURN_IF_ERROR(app->OpenAccounts(options));
  HOPTAC_RETURN_IF_ERROR(app->OpenSearch(options));
  return app;
}



void App::Remember(const Record& record) {
  const TypeSpec* type = domain::FindType(record.type);
  if (!type) return;
  std::shared_ptr<const std::string> json;
  if (IsPublic(*type, record)) json = std::make_shared<const std::string>(RecordToJson(*type, record));
  cache_->Put(record.type, record.id, record.version, std::move(json));
}

App::CachedRecord App::CachedPublicJson(const std::string& type, int64_t id) const {
  auto hit = cache_->Find(type, id);
  return {std::move(hit.json), hit.version};
}

std::string App::RecordJson(const Record& record) {
  const TypeSpec* type = domain::FindType(record.type);
  if (IsPublic(*type, record)) {
    auto json = std::make_shared<const std::string>(RecordToJson(*type, record));
    cache_->Put(record.type, record.id, record.version, json);
    return *json;
  }
  return RecordToJson(*type, record);
}

Result<Record> App::Create(const Principal& who, Record record) {
  if (!who.authenticated) return CheckChange(who, Change::kCreate, nullptr, &record);
  auto type = TypeOf(record.type);
  if (!type.ok()) return type.status();
  HOPTAC_RETURN_IF_ERROR(domain::Validate(**type, record));
  HOPTAC_RETURN_IF_ERROR(ResolveRefsForCheck(record));
  HOPTAC_RETURN_IF_ERROR(CheckChange(who, Change::kCreate, nullptr, &record));
  if (record.type == "enrolment") HOPTAC_RETURN_IF_ERROR(CheckCrossBorderConsent(record));
  auto created = store_->Create(std::move(record), ActorOf(who));
  if (created.ok()) {
    Remember(*created);
    CatchUp();
  }
  return created;
}

Result<Record> App::Get(const Principal& who, const std::string& type_name, int64_t id) {
  auto type = TypeOf(type_name);
  if (!type.ok()) return type.status();
  HOPTAC_RETURN_IF_ERROR(CheckRead(who, **type, nullptr));
  auto record = store_->Get(type_name, id);
  if (!record.ok()) return record.status();
  HOPTAC_RETURN_IF_ERROR(CheckRead(who, **type, &*record));
  return record;
}

Result<Record> App::Update(const Principal& who, const std::string& type_name, int64_t id, Record body, bool replace,
                           std::optional<int64_t> expected_version) {
  if (!who.authenticated || !who.can_write) return CheckChange(who, Change::kUpdate, nullptr, &body);
  auto type = TypeOf(type_name);
  if (!type.ok()) return type.status();
  auto current = store_->Get(type_name, id);
  if (!current.ok()) return current.status();
  // One who may not read a record learns nothing about it, not even that it exists.
  HOPTAC_RETURN_IF_ERROR(CheckRead(who, **type, &*current));
  Record next;
  if (replace) {
    next = std::move(body);
    HOPTAC_RETURN_IF_ERROR(domain::Validate(**type, next, domain::ValidateMode::kReplace));
  } else {
    next = *current;
    HOPTAC_RETURN_IF_ERROR(domain::ApplyPatch(**type, body, next));
  }
  next.type = type_name;
  next.id = id;
  if (!next.ref) next.ref = current->ref;  // a body without "ref" keeps the record's ref
  HOPTAC_RETURN_IF_ERROR(ResolveRefsForCheck(next));
  HOPTAC_RETURN_IF_ERROR(CheckChange(who, Change::kUpdate, &*current, &next));
  // Without If-Match, the update applies to the version just read, so a concurrent writer in
  // between is reported as a conflict rather than silently overwritten.
  auto updated = store_->Update(std::move(next), expected_version.value_or(current->version), ActorOf(who));
  if (updated.ok()) {
    Remember(*updated);
    CatchUp();
  }
  return updated;
}

Status App::Delete(const Principal& who, const std::string& type_name, int64_t id) {
  if (!who.authenticated || !who.can_write) return CheckChange(who, Change::kDelete, nullptr, nullptr);
  auto type = TypeOf(type_name);
  if (!type.ok()) return type.status();
  auto current = store_->Get(type_name, id);
  if (!current.ok()) return current.status();
  HOPTAC_RETURN_IF_ERROR(CheckRead(who, **type, &*current));
  HOPTAC_RETURN_IF_ERROR(CheckChange(who, Change::kDelete, &*current, nullptr));
  Status s = store_->Delete(type_name, id, ActorOf(who));
  if (s.ok()) {
    cache_->Erase(type_name, id);
    CatchUp();
  }
  return s;
}

Result<store::Page> App::List(const Principal& who, store::ListQuery query) {
  auto type = TypeOf(query.type);
  if (!type.ok()) return type.status();
  HOPTAC_RETURN_IF_ERROR(CheckRead(who, **type, nullptr));
  if (who.AtLeast(domain::Role::kStaff)) return store_->List(query);
  const bool filtered = (*type)->visibility == domain::Visibility::kPrivate ||
                        ((*type)->visibility == domain::Visibility::kWhenPublished && who.authenticated);
  if (!filtered) {
    if ((*type)->visibility == domain::Visibility::kWhenPublished) query.published_only = true;
    return store_->List(query);
  }
  // Keep only what this caller may read. A page may come back shorter than the limit; its cursor
  // still continues after the last record looked at, so a client walking the pages sees everything.
  auto page = store_->List(query);
  if (!page.ok()) return page;
  int64_t last = page->items.empty() ? 0 : page->items.back().id;
  std::erase_if(page->items, [&](const Record& r) { return !CheckRead(who, **type, &r).ok(); });
  if (page->next_after_id != 0) page->next_after_id = last;
  return page;
}

domain::Actor App::ActorOf(const Principal& who) {
  return {.name = who.name, .kind = who.user_id != 0 ? "user" : (who.name == "cli" ? "cli" : "token")};
}

// Ref fields may arrive as ref strings; access rules compare ids, so resolve them first. An unknown
// ref is left as is for the store to report with its field name.
Status App::ResolveRefsForCheck(Record& record) {
  const TypeSpec* type = domain::FindType(record.type);
  if (!type) return Status::Ok();
  for (const auto& spec : type->fields) {
    if (spec.kind != domain::FieldKind::kRef && spec.kind != domain::FieldKind::kRefs) continue;
    auto it = record.fields.find(spec.name);
    if (it == record.fields.end()) continue;
    auto resolve = [&](domain::Value& v) {
      if (!v.is_string()) return;
      auto target = store_->GetByRef(spec.target, v.as_string());
      if (target.ok()) v = domain::Value(target->id);
    };
    if (it->second.is_list()) {
      for (auto& item : it->second.as_list()) resolve(item);
    } else {
      resolve(it->second);
    }
  }
  return Status::Ok();
}

Status App::Backup(const std::string& path) { return store_->Backup(path); }

}  // namespace hoptac::app
