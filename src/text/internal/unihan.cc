#include "text/internal/unihan.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/internal/fold.h"

namespace hoptac::text::internal {

namespace {

void AppendReadings(std::string_view list, std::vector<std::string>& out) {
  while (!list.empty()) {
    const size_t space = list.find(' ');
    std::string_view one = list.substr(0, space);
    if (!one.empty() && std::find(out.begin(), out.end(), one) == out.end()) out.emplace_back(one);
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
}

using ReadingMap = std::unordered_map<char32_t, std::vector<std::string>>;

// Pinyin with tone marks removed ("cháng" -> "chang", "lǜ" -> "lu"), duplicates dropped.
const ReadingMap& Pinyin() {
  static const ReadingMap kMap = [] {
    ReadingMap map;
    map.reserve(kUnihanPinyinSize);
    for (size_t i = 0; i < kUnihanPinyinSize; ++i) {
      std::vector<std::string> toned;
      AppendReadings(kUnihanPinyin[i].readings, toned);
      std::vector<std::string>& out = map[kUnihanPinyin[i].code_point];
      for (const std::string& r : toned) {
        std::string plain = FoldDiacritics(r);
        if (std::find(out.begin(), out.end(), plain) == out.end()) out.push_back(std::move(plain));
      }
    }
    return map;
  }();
  return kMap;
}

const ReadingMap& Readings() {
  static const ReadingMap kMap = [] {
    ReadingMap map;
    map.reserve(kUnihanVietnameseSize + kSinoVietnameseSupplementSize);
    for (size_t i = 0; i < kSinoVietnameseSupplementSize; ++i) {
      AppendReadings(kSinoVietnameseSupplement[i].readings, map[kSinoVietnameseSupplement[i].code_point]);
    }
    for (size_t i = 0; i < kUnihanVietnameseSize; ++i) {
      AppendReadings(kUnihanVietnamese[i].readings, map[kUnihanVietnamese[i].code_point]);
    }
    return map;
  }();
  return kMap;
}

const std::vector<bool>& SimplifiableBits() {
  static const std::vector<bool> kBits = [] {
    char32_t max = 0;
    for (size_t i = 0; i < kUnihanHasSimplifiedSize; ++i) max = std::max(max, kUnihanHasSimplified[i]);
    std::vector<bool> bits(static_cast<size_t>(max) + 1, false);
    for (size_t i = 0; i < kUnihanHasSimplifiedSize; ++i) bits[kUnihanHasSimplified[i]] = true;
    return bits;
  }();
  return kBits;
}

}  // namespace

std::span<const std::string> SinoVietnameseReadings(char32_t c) {
  const ReadingMap& map = Readings();
  auto it = map.find(c);
  if (it == map.end()) return {};
  return it->second;
}

std::span<const std::string> MandarinReadings(char32_t c) {
  const ReadingMap& map = Pinyin();
  auto it = map.find(c);
  if (it == map.end()) return {};
  return it->second;
}

bool HasSimplifiedForm(char32_t c) {
  const std::vector<bool>& bits = SimplifiableBits();
  return c < bits.size() && bits[c];
}

}  // namespace hoptac::text::internal
