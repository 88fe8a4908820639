// Han character data compiled in from Unihan at build time (see unihan_gen.cmake), plus a short
// hand-kept supplement of Sino-Vietnamese readings. Lookups are thread-safe (tables are built once,
// on first use, and never change).
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace hoptac::text::internal {

struct UnihanReading {
  char32_t code_point;
  const char* readings;  // space-separated, most usual first
};

// Generated tables (unihan_data.cc in the build tree).
extern const UnihanReading kUnihanVietnamese[];
extern const size_t kUnihanVietnameseSize;
extern const UnihanReading kUnihanPinyin[];
extern const size_t kUnihanPinyinSize;
extern const char32_t kUnihanHasSimplified[];
extern const size_t kUnihanHasSimplifiedSize;

// Hand-kept readings that come before Unihan's (sino_vietnamese_supplement.cc).
extern const UnihanReading kSinoVietnameseSupplement[];
extern const size_t kSinoVietnameseSupplementSize;

// Sino-Vietnamese readings of a Han character, usual Hán-Việt reading first: 南 -> {"nam"},
// 宁 -> {"ninh", "trữ"}. Empty when neither Unihan nor the supplement knows the character.
std::span<const std::string> SinoVietnameseReadings(char32_t c);

// Toneless Mandarin readings of a standard character, most usual first: 长 -> {"zhang", "chang"},
// 广 -> {"guang"}. Empty for characters outside the 2013 standard list.
std::span<const std::string> MandarinReadings(char32_t c);

// True for characters with a Simplified form other than themselves (廣, 寧, 乾): text containing
// none of them needs no Traditional-to-Simplified conversion.
bool HasSimplifiedForm(char32_t c);

}  // namespace hoptac::text::internal
