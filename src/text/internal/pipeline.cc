#include "text/internal/pipeline.h"

#include <unicode/uchar.h>

#include "text/internal/fold.h"
#include "text/internal/utf8.h"

namespace hoptac::text::internal {

namespace {

// True if only white space separates two words: a phrase never spans punctuation.
bool OnlySpaceBetween(std::string_view gap) {
  for (char c : gap) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// True if the text between two words ends a clause: a multi-word concept label never spans it.
bool HasClauseBreak(std::string_view gap) {
  for (size_t i = 0; i < gap.size();) {
    switch (DecodeNext(gap, i)) {
      case ',': case ';': case ':': case '.': case '!': case '?': case '\n': case '\r':
      case '(': case ')': case '[': case ']': case '"': case 0x2026 /* … */:
      case 0x3002 /* 。 */: case 0xFF0C /* ， */: case 0x3001 /* 、 */: case 0xFF1B /* ； */:
      case 0xFF1A /* ： */: case 0xFF01 /* ！ */: case 0xFF1F /* ？ */: case 0xFF08: case 0xFF09:
      case 0x300C: case 0x300D: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
        return true;
      default:
        break;
    }
  }
  return false;
}

// Two or more letters, at least one upper case and none lower case: "AI", "ĐỒNG"; an English
// plural "s" may follow ("UAVs").
bool IsAllCaps(std::string_view word) {
  if (word.size() > 2 && word.back() == 's') word.remove_suffix(1);
  size_t letters = 0;
  bool upper = false;
  for (size_t i = 0; i < word.size();) {
    const auto c = static_cast<UChar32>(DecodeNext(word, i));
    if (u_isULowercase(c)) return false;
    upper |= u_isUUppercase(c) != 0;
    letters += u_isalpha(c) ? 1 : 0;
  }
  return upper && letters >= 2;
}

uint16_t FlagsOf(WordKind kind) {
  switch (kind) {
    case WordKind::kNumber: return kTokenNumber;
    case WordKind::kIdeographic: return kTokenIdeographic;
    case WordKind::kLetters: return 0;
  }
  return 0;
}

}  // namespace

Pipeline::Pipeline(Config config)
    : language_(std::move(config.language)),
      segmenter_(std::move(config.segmenter)),
      phrase_joiner_(std::move(config.phrase_joiner)) {}

void Pipeline::Rewrite(WorkingText&) const {}

std::vector<Token> Pipeline::Analyze(std::string_view original, const AnalyzeOptions& options) const {
  WorkingText working(original);
  Rewrite(working);
  const std::string_view text = working.text();
  const std::vector<WordSpan> words = segmenter_->Segment(text);

  std::vector<Token> tokens;
  tokens.reserve(words.size() + (options.phrases ? words.size() : 0));
  uint32_t position = 0;
  uint32_t previous_end = 0;
  for (const WordSpan& word : words) {
    Token t;
    const std::string_view surface = text.substr(word.begin, word.end - word.begin);
    t.term = CaseFold(surface);
    if (t.term.empty()) continue;  // only default-ignorable characters
    t.begin = word.begin;
    t.end = word.end;
    t.position = position++;
    t.flags = FlagsOf(word.kind);
    if (word.kind == WordKind::kLetters && IsAllCaps(surface)) t.flags |= kTokenAllCaps;
    if (position > 1 && HasClauseBreak(text.substr(previous_end, word.begin - previous_end)))
      t.flags |= kTokenAfterBreak;
    previous_end = word.end;
    tokens.push_back(std::move(t));
  }
  Refine(text, tokens);
  if (options.phrases && phrase_joiner_) AppendPhrases(text, tokens);
  for (Token& t : tokens) {
    t.begin = working.Origin(t.begin);
    t.end = working.Origin(t.end);
  }
  return tokens;
}

void Pipeline::AppendPhrases(std::string_view text, std::vector<Token>& tokens) const {
  const size_t words = tokens.size();
  for (size_t i = 0; i + 1 < words; ++i) {
    const Token& a = tokens[i];
    const Token& b = tokens[i + 1];
    if (b.position != a.position + 1) continue;  // a stop word between them
    if (a.Has(kTokenNumber) || b.Has(kTokenNumber)) continue;
    if (a.Has(kTokenIdeographic) != b.Has(kTokenIdeographic)) continue;
    if (b.begin < a.end || !OnlySpaceBetween(text.substr(a.end, b.begin - a.end))) continue;
    Token phrase;
    phrase.term = a.term + *phrase_joiner_ + b.term;
    phrase.folded = a.folded + *phrase_joiner_ + b.folded;
    phrase.begin = a.begin;
    phrase.end = b.end;
    phrase.position = a.position;
    phrase.flags = static_cast<uint16_t>(kTokenPhrase | ((a.flags | b.flags) & kTokenIdeographic) |
                                         (phrase.folded != phrase.term ? kTokenFolded : 0));
    tokens.push_back(std::move(phrase));
  }
}

}  // namespace hoptac::text::internal
