// Term-at-a-time scoring into dense thread-local accumulators, with MaxScore-style pruning, and
// snippets.
#include <algorithm>
#include <cmath>

#include "index/internal/query.h"
#include "text/analyzer.h"
#include "text/language_id.h"

namespace hoptac::index {

namespace {

// Per-thread scratch: one float per slot, and the slots touched by the current query.
struct Scratch {
  std::vector<float> score;
  std::vector<uint32_t> touched;

  void Prepare(size_t slots) {
    if (score.size() < slots) score.resize(slots, 0.0f);
    touched.clear();
  }
  void Reset() {
    for (uint32_t s : touched) score[s] = 0.0f;
    touched.clear();
  }
};

thread_local Scratch scratch;

float UpperBound(const QueryList& q, float avg_length) {
  // A document's score from a list is highest for its largest frequency and shortest length.
  return q.weight * Bm25(q.idf, q.list->max_units, 0.0f, avg_length);
}

float KthScore(const std::vector<uint32_t>& touched, const std::vector<float>& score, size_t k,
               const std::function<bool(uint32_t)>& accept, std::vector<float>& buffer) {
  buffer.clear();
  for (uint32_t s : touched) {
    if (accept(s)) buffer.push_back(score[s]);
  }
  if (buffer.size() < k) return 0.0f;
  std::nth_element(buffer.begin(), buffer.begin() + static_cast<long>(k - 1), buffer.end(), std::greater<>());
  return buffer[k - 1];
}

}  // namespace

std::vector<Candidate> Evaluate(const Index::State& state, const std::vector<QueryList>& input, size_t k,
                                const std::function<bool(uint32_t)>& accept,
                                const std::function<void(uint32_t)>& on_accept, bool prune, size_t* total) {
  const float avg = static_cast<float>(state.AverageLength());
  std::vector<const QueryList*> lists;
  for (const auto& q : input) lists.push_back(&q);
  std::vector<float> bounds(lists.size());
  std::sort(lists.begin(), lists.end(),
            [&](const QueryList* a, const QueryList* b) { return UpperBound(*a, avg) > UpperBound(*b, avg); });
  for (size_t i = 0; i < lists.size(); ++i) bounds[i] = UpperBound(*lists[i], avg);
  std::vector<float> remaining(lists.size() + 1, 0.0f);  // remaining[i] = sum of bounds[i..]
  for (size_t i = lists.size(); i-- > 0;) remaining[i] = remaining[i + 1] + bounds[i];

  Scratch& s = scratch;
  s.Prepare(state.docs.size());
  std::vector<float> buffer;
  bool closed = false;  // no new documents may enter
  for (size_t i = 0; i < lists.size(); ++i) {
    const QueryList& q = *lists[i];
    const PostingList& pl = *q.list;
    if (prune && !closed && k > 0 && i > 0 && pl.docs.size() > 4 * s.touched.size() + 1024) {
      // Before a long list: if what is left cannot lift an unseen document above the current
      // k-th best, only the documents already found need the remaining lists.
      closed = KthScore(s.touched, s.score, k, accept, buffer) > remaining[i];
    }
    if (!closed) {
      const float* lengths = state.lengths.data();
      for (size_t j = 0; j < pl.docs.size(); ++j) {
        uint32_t d = pl.docs[j];
        const float length = lengths[d];
        if (length < 0.0f) continue;  // tombstoned
        if (s.score[d] == 0.0f) s.touched.push_back(d);
        s.score[d] += q.weight * Bm25(q.idf, pl.units[j], length, avg);
      }
    } else {
      // Galloping lookups of the found documents in the long list.
      std::sort(s.touched.begin(), s.touched.end());
      auto from = pl.docs.begin();
      for (uint32_t d : s.touched) {
        from = std::lower_bound(from, pl.docs.end(), d);
        if (from == pl.docs.end()) break;
        if (*from != d) continue;
        size_t j = static_cast<size_t>(from - pl.docs.begin());
        s.score[d] += q.weight * Bm25(q.idf, pl.units[j], state.lengths[d], avg);
      }
    }
  }

  std::vector<Candidate> out;
  size_t accepted = 0;
  for (uint32_t d : s.touched) {
    if (!accept(d)) continue;
    ++accepted;
    if (on_accept) on_accept(d);
    out.push_back({d, s.score[d]});
  }
  s.Reset();
  if (total) *total = accepted;
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.slot < b.slot;
  };
  if (k > 0 && out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(k), out.end(), better);
    out.resize(k);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

namespace {

void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

// Moves `pos` back to the start of a UTF-8 sequence.
size_t CharStart(const std::string& s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace

std::string Snippet(const IndexOptions& options, const std::string& text, const std::string& lang,
                    const std::vector<std::string>& terms, size_t max_bytes) {
  if (text.empty()) return {};
  std::string resolved = lang.empty() ? text::DetectLanguage(text) : lang;
  auto tokens = options.analyzers.For(resolved).Analyze(text);
  std::vector<std::pair<uint32_t, uint32_t>> marks;
  for (const auto& t : tokens) {
    if (std::binary_search(terms.begin(), terms.end(), t.term) ||
        std::binary_search(terms.begin(), terms.end(), t.folded))
      marks.emplace_back(t.begin, t.end);
  }
  size_t start = 0;
  if (!marks.empty() && marks.front().first > max_bytes / 3) start = CharStart(text, marks.front().first - max_bytes / 3);
  size_t end = std::min(text.size(), start + max_bytes);
  end = end < text.size() ? CharStart(text, end) : end;
  std::string out;
  if (start > 0) out += "…";
  size_t pos = start;
  for (const auto& [b, e] : marks) {
    if (b < pos || e > end) continue;
    AppendEscaped(out, std::string_view(text).substr(pos, b - pos));
    out += "<mark>";
    AppendEscaped(out, std::string_view(text).substr(b, e - b));
    out += "</mark>";
    pos = e;
  }
  AppendEscaped(out, std::string_view(text).substr(pos, end - pos));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace hoptac::index
