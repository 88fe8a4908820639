#include "text/internal/term_trie.h"

namespace hoptac::text::internal {

uint32_t TermTrie::Intern(std::string_view term) {
  auto it = vocabulary_.find(term);
  if (it != vocabulary_.end()) return it->second;
  const auto id = static_cast<uint32_t>(vocabulary_.size() + 1);
  vocabulary_.emplace(std::string(term), id);
  return id;
}

uint32_t TermTrie::Insert(std::span<const uint32_t> terms) {
  uint32_t node = kRoot;
  for (uint32_t term : terms) {
    auto [it, inserted] = edges_.try_emplace(EdgeKey(node, term), node_count_);
    if (inserted) ++node_count_;
    node = it->second;
  }
  return node;
}

uint32_t TermTrie::Find(std::string_view term) const {
  auto it = vocabulary_.find(term);
  return it == vocabulary_.end() ? kNone : it->second;
}

uint32_t TermTrie::Child(uint32_t node, uint32_t term) const {
  auto it = edges_.find(EdgeKey(node, term));
  return it == edges_.end() ? kNone : it->second;
}

}  // namespace hoptac::text::internal
