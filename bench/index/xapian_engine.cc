// Xapian over pre-segmented terms: a glass database on disk (the page cache keeps it in memory
// after loading), terms added as given (title terms at wdf 2), the filters as boolean terms,
// BM25Weight (Xapian's default) and OP_OR, whose matcher prunes with max-weight bounds.
#include <xapian.h>

#include <cstdlib>
#include <string_view>

#include "engines.h"

namespace hoptac::bench {

namespace {

// Boolean filter terms start with capitals, which no indexed term has (they are case-folded).
constexpr const char* kPublished = "XP";
constexpr const char* kOffer = "XKO";
constexpr const char* kRequest = "XKR";

void AddTerms(Xapian::Document& doc, std::string_view terms, Xapian::termcount wdf) {
  while (!terms.empty()) {
    size_t space = terms.find(' ');
    std::string_view term = terms.substr(0, space);
    terms = space == std::string_view::npos ? std::string_view() : terms.substr(space + 1);
    if (!term.empty()) doc.add_term(std::string(term), wdf);
  }
}

Status XapianError(const Xapian::Error& e) { return Status::Internal("Xapian: " + e.get_description()); }

class XapianEngine final : public Engine {
 public:
  explicit XapianEngine(std::filesystem::path path) : path_(std::move(path)) {}

  Status Open() {
    try {
      // Flush in big batches while loading (the default is every 10,000 documents).
      setenv("XAPIAN_FLUSH_THRESHOLD", "250000", 1);
      writer_ = std::make_unique<Xapian::WritableDatabase>(path_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::Error& e) {
      return XapianError(e);
    }
    return Status::Ok();
  }

  std::string name() const override { return "Xapian"; }
  std::string Describe() const override {
    return std::string("Xapian ") + Xapian::version_string() +
           " glass DB on disk (page cache), BM25Weight, OP_OR (+OP_WILDCARD for a prefix), boolean filter terms";
  }

  Status Add(std::span<const TermDoc> docs) override {
    try {
      for (const TermDoc& d : docs) {
        Xapian::Document doc;
        AddTerms(doc, d.title, 2);
        AddTerms(doc, d.summary, 1);
        AddTerms(doc, d.extra, 1);
        if (d.published) doc.add_boolean_term(kPublished);
        doc.add_boolean_term(d.offer ? kOffer : kRequest);
        writer_->replace_document(static_cast<Xapian::docid>(d.id), doc);
      }
    } catch (const Xapian::Error& e) {
      return XapianError(e);
    }
    return Status::Ok();
  }

  Status Finish() override {
    try {
      writer_->commit();
      writer_->close();
      writer_.reset();
      db_ = std::make_unique<Xapian::Database>(path_.string());
    } catch (const Xapian::Error& e) {
      return XapianError(e);
    }
    return Status::Ok();
  }

  Result<std::vector<int64_t>> Search(const TermQuery& q, size_t limit) override {
    return Run(q, Xapian::Query(kPublished), limit, 0);
  }
  Result<std::vector<int64_t>> Match(const TermQuery& q, bool want_offer, int64_t self, size_t limit) override {
    Xapian::Query filter(Xapian::Query::OP_AND, Xapian::Query(kPublished),
                         Xapian::Query(want_offer ? kOffer : kRequest));
    return Run(q, filter, limit, self);
  }

  Result<uint64_t> SizeBytes() override {
    uint64_t bytes = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(path_, ec)) {
      if (e.is_regular_file()) bytes += e.file_size();
    }
    return bytes;
  }

  Result<uint64_t> DistinctTerms() override {
    try {
      uint64_t n = 0;
      for (auto it = db_->allterms_begin(); it != db_->allterms_end(); ++it) {
        if ((*it)[0] != 'X') ++n;
      }
      return n;
    } catch (const Xapian::Error& e) {
      return XapianError(e);
    }
  }

 private:
  Result<std::vector<int64_t>> Run(const TermQuery& q, const Xapian::Query& filter, size_t limit, int64_t self) {
    std::vector<int64_t> out;
    if (q.terms.empty()) return out;
    try {
      std::vector<Xapian::Query> parts;
      parts.reserve(q.terms.size());
      for (size_t i = 0; i < q.terms.size(); ++i) {
        if (q.last_is_prefix && i + 1 == q.terms.size()) {
          parts.emplace_back(Xapian::Query::OP_WILDCARD, q.terms[i]);
        } else {
          parts.emplace_back(q.terms[i]);
        }
      }
      Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                          filter);
      Xapian::Enquire enquire(*db_);
      enquire.set_query(query);
      // One more than wanted, in case the profile itself is among them.
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + (self ? 1 : 0)));
      for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
        const auto id = static_cast<int64_t>(*it);
        if (id != self) out.push_back(id);
      }
    } catch (const Xapian::Error& e) {
      return XapianError(e);
    }
    return out;
  }

  std::filesystem::path path_;
  std::unique_ptr<Xapian::WritableDatabase> writer_;
  std::unique_ptr<Xapian::Database> db_;
};

}  // namespace

Result<std::unique_ptr<Engine>> OpenXapian(const std::filesystem::path& dir) {
  auto engine = std::make_unique<XapianEngine>(dir / "xapian");
  HOPTAC_RETURN_IF_ERROR(engine->Open());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace hoptac::bench
