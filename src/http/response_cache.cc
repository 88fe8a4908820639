#include "http/response_cache.h"

#include <mutex>

namespace hoptac::http {

std::shared_ptr<const std::string> ResponseCache::Find(const std::string& key, int64_t generation) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  return it->second.body;
}

void ResponseCache::Put(const std::string& key, int64_t generation, std::string body) {
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::unique_lock lock(mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = {generation, std::move(shared)};
}

}  // namespace hoptac::http
