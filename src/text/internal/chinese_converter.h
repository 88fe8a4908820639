// ChineseConverter: Traditional -> Simplified Chinese with OpenCC (t2s), before segmentation, so
// that 無人機 and 无人机 give the same tokens. Only runs of Han characters that contain a
// character with a Simplified form are converted; everything else is left alone and keeps exact
// byte offsets. Thread-safe: OpenCC converters are immutable after construction.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "text/internal/working_text.h"

namespace opencc {
class SimpleConverter;
}

namespace hoptac::text::internal {

class ChineseConverter {
 public:
  // `config` is an OpenCC configuration file, normally .../opencc/t2s.json.
  static Result<std::unique_ptr<ChineseConverter>> Create(const std::string& config);
  ~ChineseConverter();

  // Rewrites `text` in place when it contains Traditional characters.
  void ToSimplified(WorkingText& text) const;

 private:
  explicit ChineseConverter(std::unique_ptr<opencc::SimpleConverter> converter);
  std::unique_ptr<opencc::SimpleConverter> converter_;
};

}  // namespace hoptac::text::internal
