#include "corpus.h"

#include <algorithm>
#include <unordered_set>

#include "text/analyzer.h"

namespace hoptac::bench {

namespace {

// Keeps letters and digits: ASCII punctuation inside a term ("4.0", "co.,") would make a tokenizer
// split it; other bytes are kept (Han, letters of other scripts).
std::string Clean(std::string_view term) {
  std::string out;
  out.reserve(term.size());
  for (char c : term) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> Terms(const text::AnalyzerRegistry& analyzers, std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const auto& t : analyzers.AnalyzeText(text, lang)) {
    if (t.Has(text::kTokenPhrase)) continue;
    std::string term = Clean(t.folded);
    if (!term.empty()) out.push_back(std::move(term));
  }
  return out;
}

std::string Join(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

}  // namespace

index::DocInput ToDocInput(const SyntheticProfile& p, const SyntheticOrganisation& org) {
  // As app/search.cc ToDoc does for a profile record and its organisation (no translations here).
  index::DocInput doc{.type = "profile", .id = p.id};
  doc.parts.push_back({.text = p.title, .lang = p.lang, .weight = 2.0f});
  doc.parts.push_back({.text = p.summary, .lang = p.lang, .weight = 1.0f});
  doc.title = p.title;
  doc.title_lang = p.lang;
  doc.summary = p.summary;
  doc.summary_lang = p.lang;
  doc.kind = p.kind;
  doc.subject = p.subject;
  doc.status = p.status;
  doc.date = p.deadline;
  doc.target_countries = p.target_countries;
  doc.organisation = p.organisation;
  doc.parts.push_back({.text = org.name, .lang = org.name_lang, .weight = 0.5f, .name = true});
  doc.country = org.country;
  doc.locality = org.locality;
  if (!doc.locality.empty()) doc.parts.push_back({.text = doc.locality, .weight = 0.5f, .name = true});
  return doc;
}

std::string SegmentedTerms(const text::AnalyzerRegistry& analyzers, std::string_view text, std::string_view lang) {
  return Join(Terms(analyzers, text, lang));
}

TermDoc ToTermDoc(const text::AnalyzerRegistry& analyzers, const SyntheticProfile& p,
                  const SyntheticOrganisation& org) {
  TermDoc d{.id = p.id, .offer = p.kind == "offer", .published = p.status == "published"};
  d.title = SegmentedTerms(analyzers, p.title, p.lang);
  d.summary = SegmentedTerms(analyzers, p.summary, p.lang);
  d.extra = SegmentedTerms(analyzers, org.name, org.name_lang);
  std::string locality = SegmentedTerms(analyzers, org.locality, "");
  if (!locality.empty()) d.extra += (d.extra.empty() ? "" : " ") + locality;
  return d;
}

TermQuery ToTermQuery(const text::AnalyzerRegistry& analyzers, const SyntheticQuery& q) {
  TermQuery out;
  std::vector<std::string> terms = Terms(analyzers, q.text, "");
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < terms.size(); ++i) {
    const bool last = i + 1 == terms.size();
    // The unfinished word stays even if a finished one is the same term.
    if (seen.insert(terms[i]).second || (last && q.prefix)) out.terms.push_back(terms[i]);
  }
  out.last_is_prefix = q.prefix && !out.terms.empty();
  return out;
}

TermQuery MatchQueryOf(const TermDoc& doc, size_t cap, bool& truncated) {
  TermQuery out;
  std::unordered_set<std::string_view> seen;
  truncated = false;
  for (const std::string* field : {&doc.title, &doc.summary}) {
    std::string_view s = *field;
    while (!s.empty()) {
      size_t space = s.find(' ');
      std::string_view term = s.substr(0, space);
      s = space == std::string_view::npos ? std::string_view() : s.substr(space + 1);
      if (term.empty() || !seen.insert(term).second) continue;
      if (cap && out.terms.size() == cap) {
        truncated = true;
        return out;
      }
      out.terms.emplace_back(term);
    }
  }
  return out;
}

}  // namespace hoptac::bench
