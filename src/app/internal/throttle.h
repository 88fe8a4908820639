// Throttling of sign-in attempts per client address: a sliding count of failures in a window, kept
// in memory (an attacker spreading over many addresses meets the per-account delays instead, which
// live in the store). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/thread_annotations.h"

namespace hoptac::app {

class AddressThrottle {
 public:
  struct Options {
    int max_failures = 30;                               // per address and window
    std::chrono::seconds window = std::chrono::minutes(15);
  };
  AddressThrottle() : AddressThrottle(Options{}) {}
  explicit AddressThrottle(Options options) : options_(options) {}

  // Seconds to wait before this address may try again (0: go ahead).
  int64_t RetryAfter(const std::string& address) {
    std::lock_guard lock(mu_);
    auto it = failures_.find(address);
    if (it == failures_.end()) return 0;
    const auto now = std::chrono::steady_clock::now();
    if (now - it->second.since >= options_.window) {
      failures_.erase(it);
      return 0;
    }
    if (it->second.count < options_.max_failures) return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(options_.window - (now - it->second.since)).count() + 1;
  }

  void Failed(const std::string& address) {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (failures_.size() > 100000) failures_.clear();  // bounded memory under a flood of addresses
    auto& entry = failures_[address];
    if (entry.count == 0 || now - entry.since >= options_.window) entry = {.since = now, .count = 0};
    ++entry.count;
  }

 private:
  struct Entry {
    std::chrono::steady_clock::time_point since;
    int count = 0;
  };
  Options options_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> failures_ GUARDED_BY(mu_);
};

}  // namespace hoptac::app
