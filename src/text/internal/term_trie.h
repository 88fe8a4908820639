// TermTrie: a trie over sequences of interned terms, the multi-pattern matcher behind the concept
// tagger. Terms are interned to dense ids once; a text then costs one hash lookup per token and
// one edge lookup per step. Built single-threaded, then read-only (thread-safe for readers).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hoptac::text::internal {

class TermTrie {
 public:
  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = 0;  // "no term" and "no child" (the root is nobody's child)

  // Build: the id of `term`, assigning the next one if new (ids start at 1).
  uint32_t Intern(std::string_view term);
  // Build: the node reached by `terms` from the root, creating nodes as needed.
  uint32_t Insert(std::span<const uint32_t> terms);

  // The id of `term`, or kNone if no pattern uses it.
  uint32_t Find(std::string_view term) const;
  // The child of `node` along `term`, or kNone.
  uint32_t Child(uint32_t node, uint32_t term) const;

  size_t node_count() const { return node_count_; }
  size_t term_count() const { return vocabulary_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static uint64_t EdgeKey(uint32_t node, uint32_t term) { return (uint64_t{node} << 32) | term; }

  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> vocabulary_;
  std::unordered_map<uint64_t, uint32_t> edges_;
  uint32_t node_count_ = 1;  // the root
};

}  // namespace hoptac::text::internal
