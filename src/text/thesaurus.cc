#include "text/thesaurus.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "text/codes.h"

namespace hoptac::text {

namespace {

using nlohmann::json;

constexpr size_t kMaxReportedErrors = 20;

// Collects errors with their line numbers; the Status lists them all (up to a limit).
class Errors {
 public:
  explicit Errors(std::string_view source) : source_(source) {}

  void Add(size_t line, std::string code, std::string message) {
    ++count_;
    if (fields_.size() >= kMaxReportedErrors) return;
    fields_.push_back({"line " + std::to_string(line), std::move(code),
                       source_ + ":" + std::to_string(line) + ": " + message});
  }
  bool empty() const { return count_ == 0; }

  Status ToStatus() const {
    std::string message = fields_.front().message;
    if (count_ > 1) message += " (and " + std::to_string(count_ - 1) + " more errors)";
    return Status::InvalidArgument(std::move(message), fields_);
  }

 private:
  std::string source_;
  size_t count_ = 0;
  std::vector<FieldError> fields_;
};

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 200) return false;
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= ' ') return false;
  }
  return true;
}

// Reads an optional array of strings; false if present with the wrong type.
bool ReadStrings(const json& object, const char* key, std::vector<std::string>& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_array()) return false;
  for (const json& v : *it) {
    if (!v.is_string()) return false;
    out.push_back(v.get<std::string>());
  }
  return true;
}

// Fills `entry` from one parsed line; reports problems to `errors`.
void ReadConcept(const json& j, size_t line, Concept& entry, Errors& errors) {
  if (!j.is_object()) {
    errors.Add(line, "not_object", "expected a JSON object");
    return;
  }
  auto id = j.find("id");
  if (id == j.end() || !id->is_string() || !IsValidId(id->get<std::string>())) {
    errors.Add(line, "invalid_id", "\"id\" must be a non-empty string without spaces");
    return;
  }
  entry.id = id->get<std::string>();
  if (!ReadStrings(j, "broader", entry.broader))
    errors.Add(line, "invalid_broader", "\"broader\" of '" + entry.id + "' must be an array of strings");
  auto labels = j.find("labels");
  if (labels == j.end() || !labels->is_object() || labels->empty()) {
    errors.Add(line, "missing_labels", "'" + entry.id + "' needs a \"labels\" object with at least one language");
    return;
  }
  for (const auto& [lang, value] : labels->items()) {
    ConceptLabels out;
    if (!CanonicalLanguageTag(lang)) {
      errors.Add(line, "invalid_language", "'" + lang + "' in labels of '" + entry.id + "' is not a BCP-47 tag");
      continue;
    }
    auto pref = value.is_object() ? value.find("pref") : value.end();
    if (!value.is_object() || pref == value.end() || !pref->is_string() || pref->get<std::string>().empty()) {
      errors.Add(line, "missing_pref", "label '" + lang + "' of '" + entry.id + "' needs a non-empty \"pref\" string");
      continue;
    }
    out.pref = pref->get<std::string>();
    if (!ReadStrings(value, "alt", out.alt))
      errors.Add(line, "invalid_alt", "\"alt\" in label '" + lang + "' of '" + entry.id + "' must be an array of strings");
    entry.labels.emplace(lang, std::move(out));
  }
}

}  // namespace

const ConceptLabels* Concept::LabelsFor(std::string_view lang) const {
  auto it = labels.find(lang);
  return it == labels.end() ? nullptr : &it->second;
}

const std::string& Concept::PrefLabel(std::string_view lang) const {
  for (std::string_view tag : {lang, std::string_view("en")}) {
    if (const auto* l = LabelsFor(tag); l && !l->pref.empty()) return l->pref;
  }
  for (const auto& [tag, l] : labels) {
    if (!l.pref.empty()) return l.pref;
  }
  return id;
}

Result<Thesaurus> Thesaurus::Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open thesaurus " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::Internal("cannot read thesaurus " + path.string());
  return Parse(content.str(), path.filename().string());
}

Result<Thesaurus> Thesaurus::Parse(std::string_view jsonl, std::string_view source) {
  Thesaurus t;
  Errors errors(source);
  std::vector<size_t> lines;  // line of each entry, for errors found after parsing
  size_t line_no = 0;
  while (!jsonl.empty()) {
    ++line_no;
    const size_t nl = jsonl.find('\n');
    std::string_view line = jsonl.substr(0, nl);
    jsonl.remove_prefix(nl == std::string_view::npos ? jsonl.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    json j;
    try {
      j = json::parse(line);
    } catch (const json::parse_error& e) {
      errors.Add(line_no, "invalid_json", std::string("invalid JSON: ") + e.what());
      continue;
    }
    Concept entry;
    ReadConcept(j, line_no, entry, errors);
    if (entry.id.empty()) continue;
    auto [it, inserted] = t.index_.emplace(entry.id, static_cast<uint32_t>(t.concepts_.size()));
    if (!inserted) {
      errors.Add(line_no, "duplicate_id", "duplicate id '" + entry.id + "' (first on line " +
                                              std::to_string(lines[it->second]) + ")");
      continue;
    }
    t.concepts_.push_back(std::move(entry));
    lines.push_back(line_no);
  }

  // Resolve broader links, derive narrower ones.
  const size_t n = t.concepts_.size();
  t.broader_.assign(n, {});
  t.narrower_.assign(n, {});
  for (uint32_t i = 0; i < n; ++i) {
    for (const std::string& b : t.concepts_[i].broader) {
      auto it = t.index_.find(b);
      if (it == t.index_.end()) {
        errors.Add(lines[i], "unknown_broader", "'" + t.concepts_[i].id + "' has unknown broader entry '" + b + "'");
      } else if (it->second == i) {
        errors.Add(lines[i], "broader_cycle", "'" + b + "' lists itself as broader");
      } else if (std::find(t.broader_[i].begin(), t.broader_[i].end(), it->second) == t.broader_[i].end()) {
        t.broader_[i].push_back(it->second);
        t.narrower_[it->second].push_back(i);
      }
    }
  }
  // Cycle check: depth-first over broader links, colouring nodes on the current path.
  std::vector<uint8_t> state(n, 0);  // 0 unseen, 1 on path, 2 done
  for (uint32_t start = 0; start < n; ++start) {
    if (state[start] != 0) continue;
    std::vector<std::pair<uint32_t, size_t>> stack{{start, 0}};
    state[start] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == t.broader_[node].size()) {
        state[node] = 2;
        stack.pop_back();
        continue;
      }
      const uint32_t up = t.broader_[node][next++];
      if (state[up] == 1) {
        errors.Add(lines[up], "broader_cycle", "'" + t.concepts_[up].id + "' is its own ancestor (via '" +
                                                   t.concepts_[node].id + "')");
        continue;
      }
      if (state[up] == 0) {
        state[up] = 1;
        stack.push_back({up, 0});
      }
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t child : t.narrower_[i]) t.concepts_[i].narrower.push_back(t.concepts_[child].id);
  }
  return t;
}

const Concept* Thesaurus::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &concepts_[it->second];
}

std::vector<const Concept*> Thesaurus::Walk(std::string_view id, bool up) const {
  std::vector<const Concept*> out;
  auto it = index_.find(id);
  if (it == index_.end()) return out;
  const auto& links = up ? broader_ : narrower_;
  std::vector<bool> seen(concepts_.size(), false);
  std::vector<uint32_t> frontier{it->second};
  seen[it->second] = true;
  // Breadth-first, so nearer concepts come first.
  for (size_t head = 0; head < frontier.size(); ++head) {
    for (uint32_t next : links[frontier[head]]) {
      if (seen[next]) continue;
      seen[next] = true;
      frontier.push_back(next);
      out.push_back(&concepts_[next]);
    }
  }
  return out;
}

std::vector<const Concept*> Thesaurus::Ancestors(std::string_view id) const { return Walk(id, true); }
std::vector<const Concept*> Thesaurus::Descendants(std::string_view id) const { return Walk(id, false); }

}  // namespace hoptac::text
