#include "text/internal/chinese_converter.h"

#include <opencc/opencc.h>
#include <unicode/uchar.h>

#include <exception>
#include <vector>

#include "text/internal/unihan.h"
#include "text/internal/utf8.h"

namespace hoptac::text::internal {

namespace {

bool IsHan(char32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC); }

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

ChineseConverter::ChineseConverter(std::unique_ptr<opencc::SimpleConverter> converter)
    : converter_(std::move(converter)) {}
ChineseConverter::~ChineseConverter() = default;

Result<std::unique_ptr<ChineseConverter>> ChineseConverter::Create(const std::string& config) {
  try {
    auto converter = std::make_unique<opencc::SimpleConverter>(config);
    return std::unique_ptr<ChineseConverter>(new ChineseConverter(std::move(converter)));
  } catch (const std::exception& e) {
    return Status::Internal("OpenCC configuration '" + config + "': " + e.what());
  }
}

void ChineseConverter::ToSimplified(WorkingText& text) const {
  const std::string_view in = text.text();
  // Find Han runs; remember those that need conversion.
  struct Run {
    size_t begin, end;
  };
  std::vector<Run> runs;
  for (size_t i = 0; i < in.size();) {
    const size_t start = i;
    char32_t c = DecodeNext(in, i);
    if (!IsHan(c)) continue;
    bool needs = HasSimplifiedForm(c);
    size_t end = i;
    while (end < in.size()) {
      size_t next = end;
      c = DecodeNext(in, next);
      if (!IsHan(c)) break;
      needs |= HasSimplifiedForm(c);
      end = next;
    }
    if (needs) runs.push_back({start, end});
    i = end;
  }
  if (runs.empty()) return;

  std::string out;
  out.reserve(in.size());
  std::vector<uint32_t> origin;
  origin.reserve(in.size() + 1);
  auto copy = [&](size_t begin, size_t end) {
    out.append(in.substr(begin, end - begin));
    for (size_t k = begin; k < end; ++k) origin.push_back(static_cast<uint32_t>(k));
  };
  size_t done = 0;
  for (const Run& run : runs) {
    copy(done, run.begin);
    const std::string_view source = in.substr(run.begin, run.end - run.begin);
    std::string converted;
    try {
      converted = converter_->Convert(source.data(), source.size());
    } catch (const std::exception&) {
      converted.assign(source);
    }
    if (CountCodePoints(converted) == CountCodePoints(source)) {
      // Character for character (the usual case): each output character maps to its source.
      size_t si = 0, ci = 0;
      while (ci < converted.size()) {
        const size_t c_start = ci, s_start = si;
        DecodeNext(converted, ci);
        DecodeNext(source, si);
        origin.insert(origin.end(), ci - c_start, static_cast<uint32_t>(run.begin + s_start));
      }
    } else {
      origin.insert(origin.end(), converted.size(), static_cast<uint32_t>(run.begin));
    }
    out += converted;
    done = run.end;
  }
  copy(done, in.size());
  origin.push_back(static_cast<uint32_t>(in.size()));
  text.Replace(std::move(out), origin);
}

}  // namespace hoptac::text::internal
