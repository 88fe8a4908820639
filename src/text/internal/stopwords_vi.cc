// Vietnamese stop words. Deliberately short: syllables combine into words, so only particles
// that never carry meaning inside a compound are dropped. Matched with diacritics.
#include "text/internal/stopwords.h"

namespace hoptac::text::internal {

namespace {
constexpr std::string_view kWords[] = {
    "và", "của", "các", "những", "là", "thì", "mà", "với", "này", "đó", "cũng", "đã", "sẽ",
    "đang", "rằng", "nhé", "ạ",
};
}  // namespace

std::span<const std::string_view> VietnameseStopwords() { return kWords; }

}  // namespace hoptac::text::internal
