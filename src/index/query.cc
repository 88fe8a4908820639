// Scoring with windowed block-max MaxScore, counting a query's matches, and snippets.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <tuple>

#include "index/internal/query.h"
#include "text/analyzer.h"
#include "text/language_id.h"

namespace hoptac::index {

namespace {

// Scores are summed in fixed point (units of 2^-32): integer addition does not depend on the order
// of the terms, so a pruned evaluation, which adds a document's lists in another order than the
// exhaustive one, gives bit for bit the same scores, and bounds compare exactly.
using Fixed = int64_t;
constexpr float kFixedOne = 4294967296.0f;
Fixed ToFixed(float v) { return static_cast<Fixed>(v * kFixedOne); }
float FromFixed(Fixed v) { return static_cast<float>(static_cast<double>(v) / kFixedOne); }

// Documents are scored in windows of slots: the essential lists of a window are added up into an
// array, list by list, then each document found is completed from the other lists. Small windows
// have tight bounds (about one block of the longest list), large ones cost less per list to set up.
constexpr uint32_t kMinWindow = 512, kMaxWindow = 16384;

uint32_t WindowSize(const std::vector<QueryList>& lists, size_t slots) {
  size_t longest = 1;
  for (const auto& q : lists) longest = std::max<size_t>(longest, q.list->df);
  const size_t want = std::max(slots * kBlockSize / longest, 16 * lists.size());
  return static_cast<uint32_t>(std::clamp<size_t>(std::bit_ceil(want), kMinWindow, kMaxWindow));
}

// A posting list and the weights the query gives it: lists of different terms with the same
// postings (words that always come together, like the syllables of a place name) are read once.
constexpr size_t kMaxWeights = 8;

// Document lengths in classes, eight per octave (by the float's exponent and top mantissa bits),
// class 0 for lengths under 1: ClassLength(c) is the shortest length of class c, so a score bound
// computed for it holds for every document of the class.
constexpr uint32_t kLengthClasses = 96;

uint32_t LengthClass(float length) {
  if (!(length >= 1.0f)) return 0;
  const uint32_t c = (std::bit_cast<uint32_t>(length) >> 20) - (127u << 3) + 1;
  return std::min(c, kLengthClasses - 1);
}

float ClassLength(uint32_t c) { return c == 0 ? 0.0f : std::bit_cast<float>((c - 1 + (127u << 3)) << 20); }

struct Term {
  float weights[kMaxWeights] = {};
  uint32_t count = 0;               // of weights
  float idf = 0;
  float scale = 0;                  // the weights' sum * idf * (k1 + 1): see TermScore
  uint32_t df = 0;
  const Bitmap* bits = nullptr;     // the list's slots, when it is dense
  Fixed bound = 0;                  // over the whole list
  size_t window_block = 0;          // first segment that may reach the current window
  size_t cached_block = SIZE_MAX;   // the segment `cached_bound` is for
  Fixed cached_bound = 0;
  bool by_length_ready = false;     // by_length is computed the first time the term is non-essential
  Cursor cursor;
  Fixed by_length[kLengthClasses];  // the term's largest score for a document of each length class
};

struct Entry {
  Fixed score;
  uint32_t slot;
};

// Per-thread scratch space, reused from query to query.
struct Scratch {
  std::vector<Term> terms;
  std::vector<Fixed> acc = std::vector<Fixed>(kMaxWindow, 0);  // scores of the window's documents
  uint64_t marked[kMaxWindow / 64] = {};                      // which of them the essential lists reach
  std::vector<uint32_t> cand = std::vector<uint32_t>(kMaxWindow);  // the candidates, by offset in the window
  std::vector<Fixed> pot = std::vector<Fixed>(kMaxWindow, 0);     // what dense lists could still add
  Fixed by_length[kLengthClasses] = {};                            // what all the others could add
};

thread_local Scratch scratch;

// BM25 (state.h) rearranged for the scoring loop, with the query's constants folded in: the sum of
// the term's weights times BM25 is scale * units / (units + c0 + c1 * length), one division.
struct Norm {
  float c0, c1;
  explicit Norm(float avg) : c0(2.0f * 1.2f * (1 - 0.75f)), c1(2.0f * 1.2f * 0.75f / avg) {
    static_assert(kUnitsPerOccurrence == 2.0f, "c0 and c1 assume half units");
  }
};

float TermScore(const Term& t, float units, float length, const Norm& norm) {
  return t.scale * units / (units + norm.c0 + norm.c1 * length);
}

Fixed Score(const Term& t, uint16_t units, float length, const Norm& norm) {
  return ToFixed(TermScore(t, units, length, norm));
}

// A bound on scores: a little above the largest, so that rounding in the division, which the
// arithmetic does not order exactly with its arguments, can never put a score above its bound.
Fixed Bound(float score) { return ToFixed(score * 1.000001f) + 1; }

bool SamePostings(const PostingList& a, const PostingList& b) {
  return a.df == b.df && a.last_doc == b.last_doc && a.tail_offset == b.tail_offset && a.bytes == b.bytes;
}

// Upper bound of a term's score over segment `b` of its list.
Fixed SegmentBound(Term& t, size_t b, const Norm& norm) {
  if (b != t.cached_block) {
    const PostingList& pl = t.cursor.list();
    float bound = 0.0f;
    if (b < pl.blocks.size()) {
      for (uint8_t i = 0; i < pl.blocks[b].impacts; ++i) {
        const Impact impact = pl.ImpactOf(b, i);
        bound = std::max(bound, TermScore(t, static_cast<float>(impact.units), impact.length, norm));
      }
    } else {
      bound = TermScore(t, pl.tail_max_units, pl.tail_min_length, norm);
    }
    t.cached_block = b;
    t.cached_bound = Bound(bound);
  }
  return t.cached_bound;
}

// Upper bound of a term's score for documents in [lo, hi): the largest of its blocks there; 0 when
// the list has nothing there.
Fixed WindowBound(Term& t, uint32_t lo, uint32_t hi, const Norm& norm) {
  const size_t segments = t.cursor.list().Segments();
  while (t.window_block < segments && t.cursor.BlockLast(t.window_block) < lo) ++t.window_block;
  Fixed bound = 0;
  for (size_t b = t.window_block; b < segments; ++b) {
    if (b > t.window_block && t.cursor.BlockLast(b - 1) + 1 >= hi) break;  // the block starts at or after hi
    bound = std::max(bound, SegmentBound(t, b, norm));
  }
  return bound;
}

// Upper bound of a term's score for `doc`, from the block that would hold it (0: not in the list).
Fixed DocBound(Term& t, uint32_t doc, const Norm& norm) {
  if (t.cursor.doc() > doc || !t.cursor.ShallowTo(doc)) return 0;
  return SegmentBound(t, t.cursor.shallow(), norm);
}

}  // namespace

Evaluation Evaluate(const Index::State& state, const std::vector<QueryList>& lists, const Bitmap& accept,
                    const EvaluateOptions& options) {
  Evaluation out;
  const size_t k = options.k;
  if (lists.empty() || k == 0) return out;
  const Norm norm(static_cast<float>(state.AverageLength()));
  const float* lengths = state.lengths.data();

  // Terms: the lists, those with the same postings together.
  Scratch& s = scratch;
  s.terms.resize(lists.size());
  size_t n = 0;
  {
    std::vector<uint32_t> by_key(lists.size());
    for (uint32_t i = 0; i < lists.size(); ++i) by_key[i] = i;
    auto key = [&](uint32_t i) {
      const PostingList& pl = *lists[i].list;
      return std::make_tuple(pl.df, pl.last_doc, pl.bytes.size(), lists[i].idf);
    };
    std::sort(by_key.begin(), by_key.end(), [&](uint32_t a, uint32_t b) { return std::make_pair(key(a), a) < std::make_pair(key(b), b); });
    std::vector<uint32_t> term_of(lists.size(), UINT32_MAX);
    for (size_t r = 0; r < by_key.size(); ++r) {
      const uint32_t i = by_key[r];
      for (size_t p = r; p-- > 0 && key(by_key[p]) == key(i);) {
        const uint32_t other = term_of[by_key[p]];
        if (s.terms[other].count < kMaxWeights && SamePostings(*lists[i].list, *lists[by_key[p]].list)) {
          term_of[i] = other;
          break;
        }
      }
      if (term_of[i] == UINT32_MAX) {
        term_of[i] = static_cast<uint32_t>(n++);
        s.terms[term_of[i]].count = 0;
      }
      Term& t = s.terms[term_of[i]];
      t.weights[t.count++] = lists[i].weight;
    }
    // Set each term up from its first list.
    std::vector<bool> ready(n, false);
    for (uint32_t i = 0; i < lists.size(); ++i) {
      Term& t = s.terms[term_of[i]];
      if (ready[term_of[i]]) continue;
      ready[term_of[i]] = true;
      const QueryList& q = lists[i];
      t.cursor.Reset(q.list);
      t.bits = q.list->bitmap != kNoBitmap ? &state.dense[q.list->bitmap] : nullptr;
      t.idf = q.idf;
      float weight = 0.0f;
      for (uint32_t w = 0; w < t.count; ++w) weight += t.weights[w];
      t.scale = weight * q.idf * (1.2f + 1.0f);
      t.df = q.list->df;
      t.bound = Bound(TermScore(t, q.list->max_units, q.list->min_length, norm));
      t.by_length_ready = false;
      t.window_block = 0;
      t.cached_block = SIZE_MAX;
    }
  }
  std::vector<uint32_t> global(n);  // positions by ascending bound over the whole list
  uint32_t first = kNoDoc;
  for (uint32_t i = 0; i < n; ++i) {
    global[i] = i;
    first = std::min(first, s.terms[i].cursor.doc());
  }
  std::sort(global.begin(), global.end(), [&](uint32_t a, uint32_t b) { return s.terms[a].bound < s.terms[b].bound; });
  // Positions by descending postings per unit of bound.
  std::vector<uint32_t> cheap = global;
  std::sort(cheap.begin(), cheap.end(), [&](uint32_t a, uint32_t b) {
    return static_cast<double>(s.terms[a].df) * static_cast<double>(s.terms[b].bound) >
           static_cast<double>(s.terms[b].df) * static_cast<double>(s.terms[a].bound);
  });

  std::vector<Entry> heap;  // the k best so far, the worst in front
  auto better = [](const Entry& a, const Entry& b) { return a.score != b.score ? a.score > b.score : a.slot < b.slot; };
  // A document enters when the heap has room or it scores above the worst: on a tie, the worst has
  // the lower slot (documents come in slot order) and stays.
  auto can_enter = [&](Fixed upper) { return heap.size() < k || upper > heap.front().score; };

  std::vector<uint32_t> order(n);   // the window's positions by ascending window bound
  std::vector<Fixed> wbound(n);
  std::vector<char> chosen(n);
  const uint32_t slots = static_cast<uint32_t>(state.docs.size());
  const uint32_t window = WindowSize(lists, slots);
  for (uint32_t lo = first - first % window; first != kNoDoc && lo < slots; lo += window) {
    const uint32_t hi = std::min<uint32_t>(slots, lo + window);
    // Lists whose bounds over the whole list add up to no more than the k-th best score cannot lift
    // a document on their own: they need no bound per window.
    size_t g = 0;
    if (options.prune && heap.size() == k) {
      Fixed sum = 0;
      while (g < n && (sum += s.terms[global[g]].bound) <= heap.front().score) ++g;
      if (g == n) break;  // nothing left can enter
    }
    for (size_t j = 0; j < n; ++j) {
      Term& t = s.terms[global[j]];
      wbound[global[j]] = j < g ? t.bound : WindowBound(t, lo, hi, norm);
    }
    // The window's non-essential lists: any set whose bounds add up to no more than the k-th best
    // score will do, since a document only they reach cannot enter. The longest lists for their
    // bound go first, so that the essential lists, added up in full, are the short ones.
    size_t ne = 0;
    std::fill(chosen.begin(), chosen.end(), 0);
    if (options.prune && heap.size() == k) {
      Fixed sum = 0;
      for (uint32_t i : cheap) {
        if (wbound[i] != 0 && sum + wbound[i] <= heap.front().score) {
          sum += wbound[i];
          chosen[i] = 1;
          order[ne++] = i;
        }
      }
    }
    size_t m = ne;
    for (uint32_t i = 0; i < n; ++i) {
      if (wbound[i] != 0 && !chosen[i]) order[m++] = i;
    }
    if (m == ne) continue;  // nothing here can enter
    // Non-essential lists by ascending bound: read from the last.
    std::sort(order.begin(), order.begin() + static_cast<long>(ne),
              [&](uint32_t a, uint32_t b) { return wbound[a] < wbound[b]; });

    // Add up the essential lists, list by list.
    bool any = false;
    for (size_t j = ne; j < m; ++j) {
      Term& t = s.terms[order[j]];
      Cursor& c = t.cursor;
      c.NextGeq(lo);
      for (uint32_t d = c.doc(); d < hi; c.Next(), d = c.doc()) {
        if (!accept.Test(d)) continue;
        const uint32_t w = d - lo;
        s.acc[w] += Score(t, c.units(), lengths[d], norm);
        s.marked[w >> 6] |= uint64_t{1} << (w & 63);
        any = true;
      }
    }
    if (!any) continue;

    // The documents found are the candidates: their scores so far stay in acc, `marked` tells which
    // are still candidates, and pot[w] what the dense non-essential lists that have the document
    // could still add (known exactly from their bit sets); `uniform` is what the other non-essential
    // lists could add to any document.
    const uint32_t words = window / 64;
    Fixed uniform = 0;
    // What the non-essential lists could add to a document of each length class (however many of
    // them have it).
    std::fill(s.by_length, s.by_length + kLengthClasses, 0);
    for (size_t j = 0; j < ne; ++j) {
      Term& t = s.terms[order[j]];
      if (!t.by_length_ready) {
        const PostingList& pl = t.cursor.list();
        for (uint32_t c = 0; c < kLengthClasses; ++c) {
          t.by_length[c] = Bound(TermScore(t, pl.max_units, std::max(ClassLength(c), pl.min_length), norm));
        }
        t.by_length_ready = true;
      }
      for (uint32_t c = 0; c < kLengthClasses; ++c) s.by_length[c] += t.by_length[c];
    }
    auto left = [&](uint32_t w) {  // what the non-essential lists not read yet could add to w
      return std::min(s.pot[w] + uniform, s.by_length[LengthClass(lengths[lo + w])]);
    };
    for (size_t j = 0; j < ne; ++j) {
      Term& t = s.terms[order[j]];
      const Fixed b = wbound[order[j]];
      if (!t.bits) {
        uniform += b;
        continue;
      }
      const uint64_t* list_words = t.bits->data() + lo / 64;
      const uint32_t have = static_cast<uint32_t>(std::min<size_t>(words, t.bits->words() > lo / 64 ? t.bits->words() - lo / 64 : 0));
      for (uint32_t word = 0; word < have; ++word) {
        for (uint64_t x = s.marked[word] & list_words[word]; x; x &= x - 1) {
          s.pot[word * 64 + static_cast<uint32_t>(__builtin_ctzll(x))] += b;
        }
      }
    }
    size_t c = 0;
    for (uint32_t word = 0; word < words; ++word) {
      for (uint64_t bits = s.marked[word]; bits; bits &= bits - 1) {
        const uint32_t w = word * 64 + static_cast<uint32_t>(__builtin_ctzll(bits));
        if (ne > 0 && !can_enter(s.acc[w] + left(w))) {
          s.acc[w] = 0;
          s.pot[w] = 0;
          continue;
        }
        s.cand[c++] = w;
      }
      s.marked[word] = 0;
    }
    for (size_t i = 0; i < c; ++i) {
      const uint32_t w = s.cand[i];
      s.marked[w >> 6] |= uint64_t{1} << (w & 63);
    }
    // Complete the survivors from the non-essential lists, largest bound first, one list at a time,
    // dropping those that cannot enter even with everything the lists left could add.
    for (size_t j = ne; j-- > 0 && c > 0;) {
      const Fixed theta = heap.front().score;  // the heap is full when there are non-essential lists
      size_t kept = 0;
      for (size_t i = 0; i < c; ++i) {
        const uint32_t w = s.cand[i];
        if (s.acc[w] + left(w) <= theta) {
          s.acc[w] = 0;
          s.pot[w] = 0;
          s.marked[w >> 6] &= ~(uint64_t{1} << (w & 63));
          continue;
        }
        s.cand[kept++] = w;
      }
      c = kept;
      Term& t = s.terms[order[j]];
      const Fixed b = wbound[order[j]];
      for (uint32_t k = 0; k < kLengthClasses; ++k) s.by_length[k] -= t.by_length[k];
      if (t.bits) {
        // Only the candidates in the list's bit set are in it.
        auto add = [&](uint32_t w) {
          const uint32_t d = lo + w;
          s.pot[w] -= b;
          t.cursor.NextGeq(d);
          if (t.cursor.doc() == d) s.acc[w] += Score(t, t.cursor.units(), lengths[d], norm);
        };
        if (c * 8 < words) {
          for (size_t i = 0; i < c; ++i) {
            if (t.bits->Test(lo + s.cand[i])) add(s.cand[i]);
          }
          continue;
        }
        const uint64_t* list_words = t.bits->data() + lo / 64;
        const uint32_t have = static_cast<uint32_t>(std::min<size_t>(words, t.bits->words() > lo / 64 ? t.bits->words() - lo / 64 : 0));
        for (uint32_t word = 0; word < have; ++word) {
          for (uint64_t x = s.marked[word] & list_words[word]; x; x &= x - 1) {
            add(word * 64 + static_cast<uint32_t>(__builtin_ctzll(x)));
          }
        }
        continue;
      }
      uniform -= b;
      const double in_window = static_cast<double>(t.df) * (hi - lo) / static_cast<double>(slots);
      if (in_window <= static_cast<double>(c) * 4) {
        // The list has fewer postings here than there are candidates: read them all.
        Cursor& cur = t.cursor;
        cur.NextGeq(lo);
        for (uint32_t d = cur.doc(); d < hi; cur.Next(), d = cur.doc()) {
          const uint32_t w = d - lo;
          if (s.marked[w >> 6] >> (w & 63) & 1) s.acc[w] += Score(t, cur.units(), lengths[d], norm);
        }
        continue;
      }
      // Else look each candidate up, skipping blocks whose maximum cannot lift it.
      for (size_t i = 0; i < c; ++i) {
        const uint32_t w = s.cand[i];
        const uint32_t d = lo + w;
        const Fixed doc_bound = DocBound(t, d, norm);
        if (doc_bound == 0) continue;
        if (s.acc[w] + doc_bound + left(w) <= theta) {
          s.acc[w] = std::numeric_limits<Fixed>::min() / 2;  // cannot enter
          continue;
        }
        t.cursor.NextGeq(d);
        if (t.cursor.doc() == d) s.acc[w] += Score(t, t.cursor.units(), lengths[d], norm);
      }
    }
    for (size_t i = 0; i < c; ++i) {
      const uint32_t w = s.cand[i];
      const Fixed score = s.acc[w];
      s.acc[w] = 0;
      s.pot[w] = 0;
      if (!can_enter(score)) continue;
      if (heap.size() == k) {
        std::pop_heap(heap.begin(), heap.end(), better);
        heap.pop_back();
      }
      heap.push_back({score, lo + w});
      std::push_heap(heap.begin(), heap.end(), better);
    }
    std::fill(s.marked, s.marked + window / 64, 0);
  }

  std::sort(heap.begin(), heap.end(), better);
  out.best.reserve(heap.size());
  for (const Entry& e : heap) out.best.push_back({e.slot, FromFixed(e.score)});
  return out;
}

std::vector<float> Contributions(const Index::State& state, const std::vector<QueryList>& lists,
                                 const std::vector<uint32_t>& slots) {
  const size_t n = lists.size();
  std::vector<float> out(slots.size() * n, 0.0f);
  const float avg = static_cast<float>(state.AverageLength());
  for (size_t i = 0; i < n; ++i) {
    const QueryList& q = lists[i];
    const Bitmap* bits = q.list->bitmap != kNoBitmap ? &state.dense[q.list->bitmap] : nullptr;
    for (size_t j = 0; j < slots.size(); ++j) {
      if (bits && !bits->Test(slots[j])) continue;
      const int units = q.list->Find(slots[j]);
      if (units >= 0) out[j * n + i] = q.weight * Bm25(q.idf, static_cast<float>(units), state.lengths[slots[j]], avg);
    }
  }
  return out;
}

void MarkReached(const Index::State& state, const std::vector<QueryList>& lists, uint64_t* words) {
  const size_t n = state.words();
  for (const auto& q : lists) {
    const PostingList& pl = *q.list;
    if (pl.bitmap != kNoBitmap) {
      OrInto(words, n, state.dense[pl.bitmap]);
      continue;
    }
    uint32_t docs[kBlockSize];
    uint16_t units[kBlockSize];
    for (size_t b = 0; b < pl.Segments(); ++b) {
      const uint32_t count = pl.Decode(b, docs, units);
      for (uint32_t i = 0; i < count; ++i) words[docs[i] >> 6] |= uint64_t{1} << (docs[i] & 63);
    }
  }
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
size_t CharStart(std::string_view s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace

std::string Snippet(const IndexOptions& options, std::string_view text, const std::string& lang,
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
