#include "text/internal/han_latin.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "text/internal/pool.h"

namespace hoptac::text::internal {

namespace {

// Process-wide, like ICU's own caches: built once, never modified; each caller leases a clone
// because a Transliterator makes no thread-safety promise for concurrent use.
class HanLatin {
 public:
  HanLatin() : pool_([this] { return Clone(); }) {
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype_.reset();
  }

  std::optional<std::string> Apply(std::string_view utf8) {
    auto t = pool_.Acquire();
    if (t.get() == nullptr) return std::nullopt;
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    t->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
  }

 private:
  std::unique_ptr<icu::Transliterator> Clone() const {
    if (!prototype_) return nullptr;
    return std::unique_ptr<icu::Transliterator>(prototype_->clone());
  }

  std::unique_ptr<icu::Transliterator> prototype_;
  Pool<icu::Transliterator> pool_;
};

HanLatin& Instance() {
  static HanLatin instance;
  return instance;
}

}  // namespace

std::optional<std::string> HanToPinyin(std::string_view utf8) { return Instance().Apply(utf8); }

}  // namespace hoptac::text::internal
