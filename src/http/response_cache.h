// ResponseCache: bodies of anonymous read responses (lists, search, matches), each stamped with the
// app generation (app::App::Generation) it was computed at. An entry is served only while the
// generation is unchanged, so any write makes every cached answer stale at once, and nothing stale
// is ever served. Bounded: when full it is simply emptied. Thread-safe (one shared_mutex).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace hoptac::http {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries = 20000) : max_entries_(max_entries) {}

  std::shared_ptr<const std::string> Find(const std::string& key, int64_t generation) const;
  void Put(const std::string& key, int64_t generation, std::string body);

 private:
  struct Entry {
    int64_t generation;
    std::shared_ptr<const std::string> body;
  };
  size_t max_entries_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace hoptac::http
