#include "app/internal/record_cache.h"

#include <limits>
#include <mutex>

namespace hoptac::app {

RecordCache::Hit RecordCache::Find(const std::string& type, int64_t id) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(Key(type, id));
  if (it == entries_.end() || !it->second.json) return {};
  return {it->second.json, it->second.version};
}

void RecordCache::Put(const std::string& type, int64_t id, int64_t version, std::shared_ptr<const std::string> json) {
  std::unique_lock lock(mu_);
  auto [it, inserted] = entries_.try_emplace(Key(type, id));
  if (!inserted && it->second.version >= version) return;
  if (inserted && entries_.size() > max_entries_) {
    // Full: stop caching new records (they are served from the store). Dropping existing entries
    // instead could drop a tombstone and let a slow reader bring a deleted record back.
    entries_.erase(it);
    return;
  }
  it->second = {version, std::move(json)};
}

void RecordCache::Erase(const std::string& type, int64_t id) {
  std::unique_lock lock(mu_);
  entries_[Key(type, id)] = {std::numeric_limits<int64_t>::max(), nullptr};
}

}  // namespace hoptac::app
