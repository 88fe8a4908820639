// Stop words per language, matched on the case-folded exact term (with its diacritics, so that
// Vietnamese "là" is a stop word and "la" typed without marks is not). Lists are compiled in.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace hoptac::text::internal {

std::span<const std::string_view> EnglishStopwords();
std::span<const std::string_view> FrenchStopwords();
std::span<const std::string_view> VietnameseStopwords();
std::span<const std::string_view> ChineseStopwords();

// Immutable set over one of the lists above: open addressing with one hash and usually one
// comparison per lookup (std::unordered_set scans small sets linearly). Thread-safe for readers.
class StopList {
 public:
  StopList() = default;
  explicit StopList(std::span<const std::string_view> words) {
    size_t capacity = 16;
    while (capacity < words.size() * 4) capacity *= 2;
    slots_.assign(capacity, std::string_view());
    for (std::string_view w : words) {
      size_t i = Hash(w) & (capacity - 1);
      while (!slots_[i].empty() && slots_[i] != w) i = (i + 1) & (capacity - 1);
      slots_[i] = w;
    }
  }

  bool Contains(std::string_view term) const {
    if (slots_.empty() || term.empty()) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(term) & mask;; i = (i + 1) & mask) {
      if (slots_[i].empty()) return false;
      if (slots_[i] == term) return true;
    }
  }

 private:
  static size_t Hash(std::string_view s) {  // FNV-1a
    uint64_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }

  std::vector<std::string_view> slots_;  // views into static storage; empty view = free slot
};

}  // namespace hoptac::text::internal
