// RecordCache: the serialised JSON of public records, so that public GETs can be answered on the
// I/O thread without touching the store. Entries are stamped with the record version and only ever
// replaced by a newer version, so a slow reader can never put back a stale body after a write.
// Deleted records leave a tombstone (ids are never reused). Thread-safe (one shared_mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace hoptac::app {

class RecordCache {
 public:
  explicit RecordCache(size_t max_entries = 200000) : max_entries_(max_entries) {}

  struct Hit {
    std::shared_ptr<const std::string> json;  // null when absent, deleted, or not public
    int64_t version = 0;
  };
  Hit Find(const std::string& type, int64_t id) const;
  // `json` null means: exists but is not public (e.g. a draft).
  void Put(const std::string& type, int64_t id, int64_t version, std::shared_ptr<const std::string> json);
  void Erase(const std::string& type, int64_t id);

 private:
  struct Entry {
    int64_t version = 0;
    std::shared_ptr<const std::string> json;
  };
  static std::string Key(const std::string& type, int64_t id) { return type + '/' + std::to_string(id); }

  size_t max_entries_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace hoptac::app
