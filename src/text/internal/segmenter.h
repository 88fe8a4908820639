// WordSegmenter: ICU's word BreakIterator over UTF-8, for one locale. Every script goes through
// it: spaces and punctuation for Latin, syllables for Vietnamese, dictionary segmentation for
// Chinese (and Thai, Lao, Khmer, Burmese). Thread-safe: each call leases its own iterator.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace hoptac::text::internal {

enum class WordKind : uint8_t { kLetters, kNumber, kIdeographic };

struct WordSpan {
  uint32_t begin = 0;  // byte offsets in the segmented text
  uint32_t end = 0;
  WordKind kind = WordKind::kLetters;
};

class WordSegmenter {
 public:
  static Result<std::unique_ptr<WordSegmenter>> Create(const std::string& locale);
  ~WordSegmenter();

  // The words of `text` in order; spaces and punctuation are skipped.
  std::vector<WordSpan> Segment(std::string_view text) const;

 private:
  struct Impl;
  explicit WordSegmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::text::internal
