// Dense bit sets over slots: the live documents, the documents of each filter value, the documents
// of dense posting lists, and per query the documents that match it. One bit per slot, so a filter
// or a facet costs a pass over words (1/64 of the slots) instead of a look at every document.
// Plain values; guarded by whoever owns them (Index::mu_ for the index's, thread-local for a query's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hoptac::index {

class Bitmap {
 public:
  void Set(uint32_t slot) {
    const size_t w = slot >> 6;
    if (w >= words_.size()) words_.resize(w + 1, 0);
    words_[w] |= uint64_t{1} << (slot & 63);
  }
  void Clear(uint32_t slot) {
    const size_t w = slot >> 6;
    if (w < words_.size()) words_[w] &= ~(uint64_t{1} << (slot & 63));
  }
  bool Test(uint32_t slot) const {
    const size_t w = slot >> 6;
    return w < words_.size() && (words_[w] >> (slot & 63) & 1);
  }
  bool empty() const { return words_.empty(); }
  size_t words() const { return words_.size(); }
  const uint64_t* data() const { return words_.data(); }
  uint64_t* data() { return words_.data(); }
  // Exactly `n` words (zeros added, or the end cut off).
  void Resize(size_t n) { words_.resize(n, 0); }
  void Fill(uint64_t value) { words_.assign(words_.size(), value); }
  void ShrinkToFit() { words_.shrink_to_fit(); }
  size_t bytes() const { return words_.capacity() * sizeof(uint64_t); }

 private:
  std::vector<uint64_t> words_;
};

// Set bits in words [0, n). (Both use the processor's vector or scalar bit count when it has one.)
size_t CountBits(const uint64_t* a, size_t n);
// Set bits of a & b in words [0, n).
size_t CountAnd(const uint64_t* a, const uint64_t* b, size_t n);
// dst[0, n) &= src, reading src as zeros past its end.
void AndInto(uint64_t* dst, size_t n, const Bitmap& src);
// dst[0, n) |= src, ignoring src past n.
void OrInto(uint64_t* dst, size_t n, const Bitmap& src);

}  // namespace hoptac::index
