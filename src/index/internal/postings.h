// Posting lists: for one term, the slots of the documents that contain it (ascending) with their
// weighted frequency in half units (state.h), stored compactly and read document at a time.
//
// Layout: full blocks of kBlockSize postings, bit-packed (slot gaps minus one, then units, each at the
// block's smallest bit width), then a tail of fewer than kBlockSize postings as varints, so that an
// Upsert appends in O(1) and a tail is packed once it fills. A packed block starts with its impacts:
// the (frequency, length) pairs of its documents that no other document of the block beats on both
// (at most kMaxImpacts, merged upwards past that), so that the block's best possible BM25 score is
// known exactly for any average length, without unpacking it. The block headers give each block's
// last slot, to skip it. The tail and the whole list have a looser bound: their largest frequency and
// shortest document. `bytes` always ends with kPadding zero bytes, so unpacking may read 8 bytes at
// a time.
//
// Slots of tombstoned documents stay in the lists until compaction; readers skip them with a filter.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace hoptac::index {

inline constexpr uint32_t kBlockSize = 128;
inline constexpr uint32_t kNoDoc = UINT32_MAX;
inline constexpr uint32_t kNoBitmap = UINT32_MAX;
inline constexpr size_t kPadding = 8;
inline constexpr size_t kMaxImpacts = 8;

// A frequency and a document length that bound the BM25 score of some of a block's documents.
struct Impact {
  float length;
  uint32_t units;
};

struct Block {
  uint32_t last_doc;
  uint32_t offset;    // of its impacts, then its packed bits, in PostingList::bytes
  uint8_t count;      // postings, 1..kBlockSize
  uint8_t doc_bits;   // bits per slot gap
  uint8_t unit_bits;  // bits per frequency
  uint8_t impacts;    // number of impacts
};

struct PostingList {
  std::vector<uint8_t> bytes = std::vector<uint8_t>(kPadding, 0);  // packed blocks, tail, padding
  std::vector<Block> blocks;
  uint32_t df = 0;                // postings, including tombstoned slots
  uint32_t last_doc = kNoDoc;
  uint32_t tail_offset = 0;       // where the tail's varints start in `bytes`
  uint32_t bitmap = kNoBitmap;    // index of its bit set in State::dense, when the list is dense
  float min_length = std::numeric_limits<float>::infinity();
  float tail_min_length = std::numeric_limits<float>::infinity();
  uint16_t max_units = 0;
  uint16_t tail_max_units = 0;
  uint8_t tail_count = 0;

  // Adds a posting for a slot above every slot in the list; `lengths` gives the length of every
  // slot in the tail (to compute impacts when it is packed).
  void Append(uint32_t doc, uint16_t units, const float* lengths);
  // Drops spare capacity (after a bulk load).
  void ShrinkToFit();
  // Every posting, in order: f(doc, units).
  template <typename F>
  void ForEach(F&& f) const;
  // Memory held, in bytes.
  size_t MemoryBytes() const { return bytes.capacity() + blocks.capacity() * sizeof(Block) + sizeof(PostingList); }

  // Unpacks block `b` (b == blocks.size(): the tail) into docs and units; returns the count.
  uint32_t Decode(size_t b, uint32_t* docs, uint16_t* units) const;
  // Only the slots of block `b` (the tail: both, for `units` is then filled too); returns the count.
  uint32_t DecodeDocs(size_t b, uint32_t* docs, uint16_t* units) const;
  // Only the frequencies of packed block `b`.
  void DecodeUnits(size_t b, uint16_t* units) const;
  // The frequency of `slot`, or -1 when the list does not have it: one block, unpacked only as far
  // as needed.
  int Find(uint32_t slot) const;
  // Impact `i` of packed block `b`.
  Impact ImpactOf(size_t b, size_t i) const {
    Impact impact;
    std::memcpy(&impact, bytes.data() + blocks[b].offset + i * sizeof(Impact), sizeof impact);
    return impact;
  }
  // The slot before the first of block `b` (kNoDoc, which wraps to -1, for the first).
  uint32_t DocBefore(size_t b) const { return b == 0 ? kNoDoc : blocks[b - 1].last_doc; }
  size_t Segments() const { return blocks.size() + (tail_count ? 1 : 0); }  // blocks, and the tail
  uint32_t FirstDoc() const;  // kNoDoc when empty

 private:
  void PackTail(const float* lengths);
};

template <typename F>
void PostingList::ForEach(F&& f) const {
  uint32_t docs[kBlockSize];
  uint16_t units[kBlockSize];
  for (size_t b = 0; b < Segments(); ++b) {
    const uint32_t n = Decode(b, docs, units);
    for (uint32_t i = 0; i < n; ++i) f(docs[i], units[i]);
  }
}

// Reads one list document at a time: Next, NextGeq (skipping whole blocks by their headers), and
// shallow moves that look at block headers only (for block-max bounds).
class Cursor {
 public:
  // Positions the cursor on the list's first posting, without unpacking anything yet.
  void Reset(const PostingList* list);
  uint32_t doc() const { return doc_; }
  uint16_t units() {
    if (!loaded_) Load(0);
    if (!units_ready_) {
      list_->DecodeUnits(block_, units_);
      units_ready_ = true;
    }
    return units_[pos_];
  }
  void Next() {
    if (++pos_ < n_) {
      doc_ = docs_[pos_];
    } else {
      NextBlock();
    }
  }
  // Moves to the first posting at or after `target`.
  void NextGeq(uint32_t target) {
    if (doc_ >= target) return;
    if (target > list_->last_doc) {
      doc_ = kNoDoc;
      return;
    }
    if (!loaded_ || target > BlockLast(block_)) Load(SeekBlock(loaded_ ? block_ + 1 : block_, target));
    while (docs_[pos_] < target) ++pos_;
    doc_ = docs_[pos_];
  }
  // The segment (block, or the tail) that would hold `target`, without unpacking it; returns false
  // when the list has nothing at or after `target`.
  bool ShallowTo(uint32_t target) {
    if (target > list_->last_doc) return false;
    if (shallow_ < block_) shallow_ = block_;
    if (BlockLast(shallow_) < target) shallow_ = SeekBlock(shallow_ + 1, target);
    return true;
  }
  size_t shallow() const { return shallow_; }
  const PostingList& list() const { return *list_; }
  uint32_t BlockLast(size_t b) const { return b < list_->blocks.size() ? list_->blocks[b].last_doc : list_->last_doc; }

 private:
  // The first segment from `from` on whose last slot is at least `target` (which must not be past
  // the list's last slot): galloping, then binary search, so that long jumps cost O(log distance).
  size_t SeekBlock(size_t from, uint32_t target) const {
    const auto& blocks = list_->blocks;
    size_t lo = from, step = 1;
    while (lo < blocks.size() && blocks[lo].last_doc < target) {
      const size_t next = lo + step;
      if (next >= blocks.size() || blocks[next].last_doc >= target) {
        auto it = std::lower_bound(blocks.begin() + static_cast<long>(lo) + 1,
                                   blocks.begin() + static_cast<long>(std::min(next, blocks.size())), target,
                                   [](const Block& b, uint32_t t) { return b.last_doc < t; });
        return static_cast<size_t>(it - blocks.begin());
      }
      lo = next;
      step *= 2;
    }
    return lo;
  }
  void Load(size_t b);
  void NextBlock();

  const PostingList* list_ = nullptr;
  size_t block_ = 0, shallow_ = 0;
  uint32_t n_ = 0, pos_ = 0;
  uint32_t doc_ = kNoDoc;
  bool loaded_ = false;       // whether block_ is unpacked (after Reset, nothing is)
  bool units_ready_ = false;  // frequencies are unpacked when first asked for
  uint32_t docs_[kBlockSize];
  uint16_t units_[kBlockSize];
};

}  // namespace hoptac::index
