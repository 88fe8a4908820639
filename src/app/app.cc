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
  HOPTAC_RETURN_IF_ERROR(app->OpenSearch(options));
  return app;
}



Status App::CheckWrite(const Principal& who) const {
  if (!who.authenticated) {
    return Status::Unauthenticated("Changing records needs an API token: send 'Authorization: Bearer <token>'.");
  }
  if (!who.can_write) return Status::PermissionDenied("This token may not change records.");
  return Status::Ok();
}

Status App::CheckRead(const Principal& who, const TypeSpec& type, const Record* record) const {
  if (who.can_read_private) return Status::Ok();
  if (type.visibility == domain::Visibility::kPrivate) {
    return who.authenticated ? Status::PermissionDenied("This token may not read " + type.plural + ".")
                             : Status::Unauthenticated("Reading " + type.plural + " needs an API token.");
  }
  if (record && !IsPublic(type, *record)) {
    // Unpublished records do not exist for the public: do not reveal their ids.
    return Status::NotFound("No " + type.name + " with id " + std::to_string(record->id) + ".");
  }
  return Status::Ok();
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
  HOPTAC_RETURN_IF_ERROR(CheckWrite(who));
  auto type = TypeOf(record.type);
  if (!type.ok()) return type.status();
  HOPTAC_RETURN_IF_ERROR(domain::Validate(**type, record));
  auto created = store_->Create(std::move(record), {.name = who.name});
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
  HOPTAC_RETURN_IF_ERROR(CheckWrite(who));
  auto type = TypeOf(type_name);
  if (!type.ok()) return type.status();
  auto current = store_->Get(type_name, id);
  if (!current.ok()) return current.status();
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
  // Without If-Match, the update applies to the version just read, so a concurrent writer in
  // between is reported as a conflict rather than silently overwritten.
  auto updated = store_->Update(std::move(next), expected_version.value_or(current->version), {.name = who.name});
  if (updated.ok()) {
    Remember(*updated);
    CatchUp();
  }
  return updated;
}

Status App::Delete(const Principal& who, const std::string& type_name, int64_t id) {
  HOPTAC_RETURN_IF_ERROR(CheckWrite(who));
  auto type = TypeOf(type_name);
  if (!type.ok()) return type.status();
  Status s = store_->Delete(type_name, id, {.name = who.name});
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
  if (!who.can_read_private && (*type)->visibility == domain::Visibility::kWhenPublished) query.published_only = true;
  return store_->List(query);
}

Status App::Backup(const std::string& path) { return store_->Backup(path); }

}  // namespace hoptac::app
