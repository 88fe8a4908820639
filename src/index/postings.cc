// Packing and unpacking posting lists (internal/postings.h), and the bit set helpers
// (internal/bitmap.h).
#include <algorithm>
#include <array>
#include <utility>
#include <bit>
#include <cstring>
#include <immintrin.h>

#include "index/internal/bitmap.h"
#include "index/internal/postings.h"

namespace hoptac::index {

namespace {

void PutVarint(std::vector<uint8_t>& out, uint32_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

uint32_t GetVarint(const uint8_t*& p) {
  uint32_t v = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    v |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
}

uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;  // little-endian hosts only, as everything hoptac runs on
}

uint8_t BitWidth(uint32_t v) { return static_cast<uint8_t>(std::bit_width(v)); }

// Appends `n` values of `bits` bits each to a bit stream ending at byte `out.size()`.
class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) : out_(out) {}
  void Put(uint32_t v, uint8_t bits) {
    acc_ |= static_cast<uint64_t>(v) << have_;
    have_ += bits;
    while (have_ >= 8) {
      out_.push_back(static_cast<uint8_t>(acc_));
      acc_ >>= 8;
      have_ -= 8;
    }
  }
  void Flush() {
    if (have_ > 0) out_.push_back(static_cast<uint8_t>(acc_));
    acc_ = 0;
    have_ = 0;
  }

 private:
  std::vector<uint8_t>& out_;
  uint64_t acc_ = 0;
  int have_ = 0;
};

}  // namespace

void PostingList::Append(uint32_t doc, uint16_t units, const float* lengths) {
  const float length = lengths[doc];
  const uint32_t gap = doc - last_doc - 1;  // the first posting's "previous" is kNoDoc, i.e. -1
  bytes.resize(bytes.size() - kPadding);
  PutVarint(bytes, gap);
  PutVarint(bytes, units);
  bytes.resize(bytes.size() + kPadding, 0);
  ++tail_count;
  ++df;
  last_doc = doc;
  tail_max_units = std::max(tail_max_units, units);
  tail_min_length = std::min(tail_min_length, length);
  max_units = std::max(max_units, units);
  min_length = std::min(min_length, length);
  if (tail_count == kBlockSize) PackTail(lengths);
}

void PostingList::PackTail(const float* lengths) {
  uint32_t docs[kBlockSize];
  uint16_t units[kBlockSize];
  const uint32_t n = Decode(blocks.size(), docs, units);
  uint32_t prev = DocBefore(blocks.size());
  uint32_t max_gap = 0, max_u = 0;
  for (uint32_t i = 0; i < n; ++i) {
    max_gap = std::max(max_gap, docs[i] - prev - 1);
    max_u = std::max<uint32_t>(max_u, units[i]);
    prev = docs[i];
  }
  // Impacts: by descending frequency, each shorter than every one before it.
  Impact all[kBlockSize];
  for (uint32_t i = 0; i < n; ++i) all[i] = {lengths[docs[i]], units[i]};
  std::sort(all, all + n, [](const Impact& a, const Impact& b) {
    return a.units != b.units ? a.units > b.units : a.length < b.length;
  });
  std::vector<Impact> impacts;
  for (uint32_t i = 0; i < n; ++i) {
    if (impacts.empty() || all[i].length < impacts.back().length) impacts.push_back(all[i]);
  }
  while (impacts.size() > kMaxImpacts) {
    // Merge the two neighbours closest in frequency into one that bounds both.
    size_t best = 0;
    for (size_t i = 1; i + 1 < impacts.size(); ++i) {
      if (impacts[i].units - impacts[i + 1].units < impacts[best].units - impacts[best + 1].units) best = i;
    }
    impacts[best].length = impacts[best + 1].length;
    impacts.erase(impacts.begin() + static_cast<long>(best) + 1);
  }
  Block block{.last_doc = docs[n - 1],
              .offset = tail_offset,
              .count = static_cast<uint8_t>(n),
              .doc_bits = BitWidth(max_gap),
              .unit_bits = BitWidth(max_u),
              .impacts = static_cast<uint8_t>(impacts.size())};
  bytes.resize(tail_offset);
  for (const Impact& impact : impacts) {
    const auto* raw = reinterpret_cast<const uint8_t*>(&impact);
    bytes.insert(bytes.end(), raw, raw + sizeof(Impact));
  }
  BitWriter w(bytes);
  prev = DocBefore(blocks.size());
  for (uint32_t i = 0; i < n; ++i) {
    w.Put(docs[i] - prev - 1, block.doc_bits);
    prev = docs[i];
  }
  for (uint32_t i = 0; i < n; ++i) w.Put(units[i], block.unit_bits);
  w.Flush();
  blocks.push_back(block);
  tail_offset = static_cast<uint32_t>(bytes.size());
  bytes.resize(bytes.size() + kPadding, 0);
  tail_count = 0;
  tail_max_units = 0;
  tail_min_length = std::numeric_limits<float>::infinity();
}

void PostingList::ShrinkToFit() {
  bytes.shrink_to_fit();
  blocks.shrink_to_fit();
}

namespace {

// Unpacks kBlockSize values of B bits each, starting at bit `bit` of `base`.
template <unsigned B, typename T>
void Unpack(const uint8_t* base, uint64_t bit, T* out) {
  if constexpr (B == 0) {
    std::fill(out, out + kBlockSize, T{0});
  } else {
    constexpr uint64_t kMask = (uint64_t{1} << B) - 1;
    for (uint32_t i = 0; i < kBlockSize; ++i, bit += B) {
      out[i] = static_cast<T>((Load64(base + (bit >> 3)) >> (bit & 7)) & kMask);
    }
  }
}

template <typename T, size_t... Bs>
constexpr auto UnpackTable(std::index_sequence<Bs...>) {
  return std::array<void (*)(const uint8_t*, uint64_t, T*), sizeof...(Bs)>{&Unpack<Bs, T>...};
}

constexpr auto kUnpackDocs = UnpackTable<uint32_t>(std::make_index_sequence<33>());
constexpr auto kUnpackUnits = UnpackTable<uint16_t>(std::make_index_sequence<17>());

}  // namespace

uint32_t PostingList::DecodeDocs(size_t b, uint32_t* docs, uint16_t* units) const {
  uint32_t prev = DocBefore(b);
  if (b < blocks.size()) {
    const Block& block = blocks[b];
    kUnpackDocs[block.doc_bits](bytes.data() + block.offset + block.impacts * sizeof(Impact), 0, docs);
    for (uint32_t i = 0; i < kBlockSize; ++i) docs[i] = prev += docs[i] + 1;
    return kBlockSize;
  }
  const uint8_t* p = bytes.data() + tail_offset;
  for (uint32_t i = 0; i < tail_count; ++i) {
    prev += GetVarint(p) + 1;
    docs[i] = prev;
    units[i] = static_cast<uint16_t>(GetVarint(p));
  }
  return tail_count;
}

void PostingList::DecodeUnits(size_t b, uint16_t* units) const {
  if (b >= blocks.size()) return;  // the tail's came with its slots
  const Block& block = blocks[b];
  kUnpackUnits[block.unit_bits](bytes.data() + block.offset + block.impacts * sizeof(Impact),
                                uint64_t{kBlockSize} * block.doc_bits, units);
}

int PostingList::Find(uint32_t slot) const {
  if (df == 0 || slot > last_doc) return -1;
  const auto it = std::lower_bound(blocks.begin(), blocks.end(), slot,
                                   [](const Block& b, uint32_t s) { return b.last_doc < s; });
  const size_t b = static_cast<size_t>(it - blocks.begin());
  uint32_t doc = DocBefore(b);
  if (b == blocks.size()) {
    const uint8_t* p = bytes.data() + tail_offset;
    for (uint32_t i = 0; i < tail_count; ++i) {
      doc += GetVarint(p) + 1;
      const uint32_t units = GetVarint(p);
      if (doc >= slot) return doc == slot ? static_cast<int>(units) : -1;
    }
    return -1;
  }
  const Block& block = *it;
  const uint8_t* base = bytes.data() + block.offset + block.impacts * sizeof(Impact);
  const uint64_t doc_mask = (uint64_t{1} << block.doc_bits) - 1;
  uint64_t bit = 0;
  for (uint32_t i = 0; i < kBlockSize; ++i, bit += block.doc_bits) {
    doc += static_cast<uint32_t>((Load64(base + (bit >> 3)) >> (bit & 7)) & doc_mask) + 1;
    if (doc < slot) continue;
    if (doc > slot) return -1;
    const uint64_t unit_bit = uint64_t{kBlockSize} * block.doc_bits + uint64_t{i} * block.unit_bits;
    const uint64_t unit_mask = (uint64_t{1} << block.unit_bits) - 1;
    return static_cast<int>((Load64(base + (unit_bit >> 3)) >> (unit_bit & 7)) & unit_mask);
  }
  return -1;
}

uint32_t PostingList::Decode(size_t b, uint32_t* docs, uint16_t* units) const {
  const uint32_t n = DecodeDocs(b, docs, units);
  DecodeUnits(b, units);
  return n;
}

uint32_t PostingList::FirstDoc() const {
  if (df == 0) return kNoDoc;
  if (blocks.empty()) {
    const uint8_t* p = bytes.data() + tail_offset;
    return GetVarint(p);  // the gap from -1
  }
  const Block& block = blocks[0];
  const uint64_t mask = (uint64_t{1} << block.doc_bits) - 1;
  return static_cast<uint32_t>(Load64(bytes.data() + block.offset + block.impacts * sizeof(Impact)) & mask);
}

void Cursor::Reset(const PostingList* list) {
  list_ = list;
  block_ = 0;
  shallow_ = 0;
  pos_ = 0;
  n_ = 0;
  loaded_ = false;
  doc_ = list->FirstDoc();
}

void Cursor::NextBlock() {
  if (loaded_) {
    Load(block_ + 1);
    return;
  }
  Load(0);  // was on the first posting without having unpacked it
  if (++pos_ < n_) {
    doc_ = docs_[pos_];
  } else {
    Load(1);
  }
}

void Cursor::Load(size_t b) {
  loaded_ = true;
  block_ = b;
  pos_ = 0;
  n_ = b < list_->Segments() ? list_->DecodeDocs(b, docs_, units_) : 0;
  units_ready_ = b >= list_->blocks.size();  // the tail's are unpacked with its slots
  doc_ = n_ ? docs_[0] : kNoDoc;
  if (!n_) units_[0] = 0;
}

// --- bit sets ---------------------------------------------------------------------------------
// Bits are counted with the widest instructions the processor has, chosen at start-up (not with
// ifuncs, which sanitizers cannot run).

namespace {

size_t CountAndPortable(const uint64_t* a, const uint64_t* b, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) count += static_cast<size_t>(__builtin_popcountll(b ? a[i] & b[i] : a[i]));
  return count;
}

[[gnu::target("popcnt")]] size_t CountAndPopcnt(const uint64_t* a, const uint64_t* b, size_t n) {
  size_t count = 0;
  if (b) {
    for (size_t i = 0; i < n; ++i) count += static_cast<size_t>(__builtin_popcountll(a[i] & b[i]));
  } else {
    for (size_t i = 0; i < n; ++i) count += static_cast<size_t>(__builtin_popcountll(a[i]));
  }
  return count;
}

// Eight words at a time (AVX-512 VPOPCNTDQ).
[[gnu::target("avx512f,avx512vpopcntdq,popcnt")]] size_t CountAndVector(const uint64_t* a, const uint64_t* b,
                                                                        size_t n) {
  __m512i sum = _mm512_set1_epi64(0);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512i x = _mm512_loadu_si512(a + i);
    if (b) x = _mm512_and_si512(x, _mm512_loadu_si512(b + i));
    sum = _mm512_add_epi64(sum, _mm512_popcnt_epi64(x));
  }
  alignas(64) uint64_t lanes[8];
  _mm512_store_si512(lanes, sum);
  size_t count = 0;
  for (uint64_t lane : lanes) count += lane;
  for (; i < n; ++i) count += static_cast<size_t>(__builtin_popcountll(b ? a[i] & b[i] : a[i]));
  return count;
}

using CountFn = size_t (*)(const uint64_t*, const uint64_t*, size_t);

CountFn ChooseCount() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq")) return CountAndVector;
  if (__builtin_cpu_supports("popcnt")) return CountAndPopcnt;
  return CountAndPortable;
}

const CountFn kCount = ChooseCount();

}  // namespace

size_t CountBits(const uint64_t* a, size_t n) { return kCount(a, nullptr, n); }

size_t CountAnd(const uint64_t* a, const uint64_t* b, size_t n) { return kCount(a, b, n); }

void AndInto(uint64_t* dst, size_t n, const Bitmap& src) {
  const size_t m = std::min(n, src.words());
  const uint64_t* s = src.data();
  for (size_t i = 0; i < m; ++i) dst[i] &= s[i];
  std::fill(dst + m, dst + n, 0);
}

void OrInto(uint64_t* dst, size_t n, const Bitmap& src) {
  const size_t m = std::min(n, src.words());
  const uint64_t* s = src.data();
  for (size_t i = 0; i < m; ++i) dst[i] |= s[i];
}

}  // namespace hoptac::index
