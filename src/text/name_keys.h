// NameKeys: the keys under which a proper name matches across scripts, for duplicate detection
// and name search. Two names that share a key are probably the same place or organisation:
//   广西 -> {"guangxi", "quangtay"}    Guangxi -> {"guangxi"}    Quảng Tây -> {"quangtay"}
//   南宁 -> {"nanning", "namninh"}     Nanning -> {"nanning"}    Nam Ninh -> {"namninh"}
// Han text gives its pinyin without tones (ICU "Han-Latin; Latin-ASCII; Lower") and its
// Sino-Vietnamese reading (Unihan kVietnamese, after a small Hán-Việt supplement), folded
// without diacritics. Names of at most kMaxCombinedHan Han characters also get the other
// readings of polyphonic characters (Unihan kMandarin and kTGHZ2013 for pinyin: 长沙 ->
// "zhangsha" from ICU, "changsha" from Unihan; 宁 -> "ninh", "tru"), up to kMaxNameKeys / 2
// keys per reading system. The usual readings come first. Other text gives its case- and
// diacritic-folded form. Keys keep only letters and digits (no spaces or punctuation).
//
// Thread-safe. The first call builds ICU's Han-Latin transliterator (tens of milliseconds);
// concurrent callers then share clones of it from a process-wide pool, as ICU shares its own data.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hoptac::text {

inline constexpr size_t kMaxNameKeys = 8;
inline constexpr size_t kMaxCombinedHan = 6;

// Distinct keys of `name`, at most kMaxNameKeys, the usual pinyin first; empty when the name has
// no letters or digits.
std::vector<std::string> NameKeys(std::string_view name);

}  // namespace hoptac::text
