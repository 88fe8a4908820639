#include "text/internal/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text/internal/pool.h"

namespace hoptac::text::internal {

struct WordSegmenter::Impl {
  explicit Impl(std::unique_ptr<icu::BreakIterator> proto)
      : prototype(std::move(proto)),
        pool([this] { return std::unique_ptr<icu::BreakIterator>(prototype->clone()); }) {}
  std::unique_ptr<icu::BreakIterator> prototype;
  Pool<icu::BreakIterator> pool;
};

WordSegmenter::WordSegmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WordSegmenter::~WordSegmenter() = default;

Result<std::unique_ptr<WordSegmenter>> WordSegmenter::Create(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status) || !bi) {
    return Status::Internal("ICU word break iterator for '" + locale + "': " + u_errorName(status));
  }
  return std::unique_ptr<WordSegmenter>(new WordSegmenter(std::make_unique<Impl>(std::move(bi))));
}

std::vector<WordSpan> WordSegmenter::Segment(std::string_view text) const {
  std::vector<WordSpan> words;
  if (text.empty()) return words;
  auto bi = impl_->pool.Acquire();
  if (bi.get() == nullptr) return words;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  bi->setText(&ut, status);  // the iterator keeps its own shallow clone of `ut`
  utext_close(&ut);
  if (U_FAILURE(status)) return words;
  words.reserve(text.size() / 5 + 1);
  int32_t prev = bi->first();
  for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; prev = pos, pos = bi->next()) {
    const int32_t rule = bi->getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    WordKind kind = WordKind::kLetters;
    if (rule < UBRK_WORD_NUMBER_LIMIT) kind = WordKind::kNumber;
    else if (rule >= UBRK_WORD_KANA) kind = WordKind::kIdeographic;  // kana and ideographs
    words.push_back({static_cast<uint32_t>(prev), static_cast<uint32_t>(pos), kind});
  }
  // Drop the iterator's reference to `text` before it goes back to the pool.
  UText empty = UTEXT_INITIALIZER;
  utext_openUTF8(&empty, "", 0, &status);
  bi->setText(&empty, status);
  utext_close(&empty);
  return words;
}

}  // namespace hoptac::text::internal
