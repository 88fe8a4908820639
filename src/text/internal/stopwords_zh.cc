// Chinese stop words: function words that ICU's dictionary segmentation leaves as single-character
// tokens. Characters that start common compounds after segmentation (对 in 对虾) are not listed.
#include "text/internal/stopwords.h"

namespace hoptac::text::internal {

namespace {
constexpr std::string_view kWords[] = {
    "的", "了", "和", "与", "及", "是", "在", "等", "也", "或", "并", "而", "之", "其", "着",
    "过", "吗", "呢", "吧", "啊",
};
}  // namespace

std::span<const std::string_view> ChineseStopwords() { return kWords; }

}  // namespace hoptac::text::internal
