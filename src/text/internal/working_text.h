// WorkingText: the text a pipeline segments, with a map back to byte offsets of the original.
//
// Analysis may rewrite the input before segmentation (repair ill-formed UTF-8, NFC, Traditional to
// Simplified Chinese); tokens must still point into the caller's original bytes for highlighting.
// While the text is unchanged the map is the identity and costs nothing. Not thread-safe: one
// WorkingText lives inside one Analyze call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hoptac::text::internal {

class WorkingText {
 public:
  // Borrows `original` (it must outlive this object); repairs UTF-8 and applies NFC if needed.
  explicit WorkingText(std::string_view original);
  WorkingText(const WorkingText&) = delete;
  WorkingText& operator=(const WorkingText&) = delete;

  std::string_view text() const { return changed_ ? std::string_view(text_) : original_; }
  // Byte offset in the original text of byte `i` of text(); i == text().size() maps to the end.
  uint32_t Origin(size_t i) const { return changed_ ? origin_[i] : static_cast<uint32_t>(i); }

  // Replaces text() by `text`, where origin_in_current[k] is the offset in the current text() of
  // byte k of `text` (size text.size() + 1).
  void Replace(std::string text, const std::vector<uint32_t>& origin_in_current);

 private:
  std::string_view original_;
  bool changed_ = false;
  std::string text_;
  std::vector<uint32_t> origin_;
};

}  // namespace hoptac::text::internal
