// SQLite FTS5 over pre-segmented terms: a contentless FTS5 table (the fastest setup: the index
// only, no copy of the text), the filter attributes in an ordinary rowid table joined on rowid,
// ranking by bm25() through the table's rank option, segments merged ('optimize') after loading.
#include <sqlite3.h>

#include <string>

#include "engines.h"

namespace hoptac::bench {

namespace {

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* s) : s_(s) {}
  Statement(Statement&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
  Statement& operator=(Statement&& o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(s_); }
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

std::string FtsQuery(const TermQuery& q) {
  std::string out;
  for (size_t i = 0; i < q.terms.size(); ++i) {
    if (i) out += " OR ";
    out += '"';
    out += q.terms[i];  // letters and digits only (corpus.h): nothing to escape
    out += '"';
    if (q.last_is_prefix && i + 1 == q.terms.size()) out += '*';
  }
  return out;
}

class SqliteFts5 final : public Engine {
 public:
  explicit SqliteFts5(std::filesystem::path path) : path_(std::move(path)) {}
  ~SqliteFts5() override {
    search_ = {};
    match_ = {};
    insert_fts_ = {};
    insert_meta_ = {};
    sqlite3_close(db_);
  }

  Status Open() {
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) return Error("open");
    HOPTAC_RETURN_IF_ERROR(Exec(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;"
        "PRAGMA mmap_size=8589934592;"
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', "
        "  tokenize='unicode61 remove_diacritics 0');"
        "INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(2.0, 1.0)');"
        "CREATE TABLE meta(id INTEGER PRIMARY KEY, offer INTEGER NOT NULL, published INTEGER NOT NULL);"
        "BEGIN;"));
    HOPTAC_RETURN_IF_ERROR(Prepare("INSERT INTO fts(rowid, title, body) VALUES(?1, ?2, ?3)", insert_fts_));
    HOPTAC_RETURN_IF_ERROR(Prepare("INSERT INTO meta(id, offer, published) VALUES(?1, ?2, ?3)", insert_meta_));
    return Status::Ok();
  }

  std::string name() const override { return "SQLite FTS5"; }
  std::string Describe() const override {
    return std::string("SQLite ") + sqlite3_libversion() +
           " FTS5, contentless, unicode61 tokenizer, bm25(title 2, body 1), OR query, ORDER BY rank LIMIT k, "
           "file DB with 1 GiB page cache and mmap, optimized after load";
  }

  Status Add(std::span<const TermDoc> docs) override {
    std::string body;
    for (const TermDoc& d : docs) {
      body = d.summary;
      if (!d.extra.empty()) body += ' ', body += d.extra;
      sqlite3_bind_int64(insert_fts_.get(), 1, d.id);
      sqlite3_bind_text(insert_fts_.get(), 2, d.title.data(), static_cast<int>(d.title.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert_fts_.get(), 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
      if (sqlite3_step(insert_fts_.get()) != SQLITE_DONE) return Error("insert fts");
      sqlite3_reset(insert_fts_.get());
      sqlite3_bind_int64(insert_meta_.get(), 1, d.id);
      sqlite3_bind_int(insert_meta_.get(), 2, d.offer ? 1 : 0);
      sqlite3_bind_int(insert_meta_.get(), 3, d.published ? 1 : 0);
      if (sqlite3_step(insert_meta_.get()) != SQLITE_DONE) return Error("insert meta");
      sqlite3_reset(insert_meta_.get());
    }
    return Status::Ok();
  }

  Status Finish() override {
    HOPTAC_RETURN_IF_ERROR(Exec("COMMIT; INSERT INTO fts(fts) VALUES('optimize');"));
    HOPTAC_RETURN_IF_ERROR(Prepare(
        "SELECT fts.rowid FROM fts JOIN meta ON meta.id = fts.rowid "
        "WHERE fts MATCH ?1 AND meta.published = 1 ORDER BY rank LIMIT ?2",
        search_));
    return Prepare(
        "SELECT fts.rowid FROM fts JOIN meta ON meta.id = fts.rowid "
        "WHERE fts MATCH ?1 AND meta.published = 1 AND meta.offer = ?3 AND fts.rowid <> ?4 ORDER BY rank LIMIT ?2",
        match_);
  }

  Result<std::vector<int64_t>> Search(const TermQuery& q, size_t limit) override {
    return Run(search_, q, limit, -1, 0);
  }
  Result<std::vector<int64_t>> Match(const TermQuery& q, bool want_offer, int64_t self, size_t limit) override {
    return Run(match_, q, limit, want_offer ? 1 : 0, self);
  }

  Result<uint64_t> SizeBytes() override {
    Statement s;
    HOPTAC_RETURN_IF_ERROR(
        Prepare("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", s));
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Error("size");
    return static_cast<uint64_t>(sqlite3_column_int64(s.get(), 0));
  }

  Result<uint64_t> DistinctTerms() override {
    HOPTAC_RETURN_IF_ERROR(Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, fts, 'row');"));
    Statement s;
    HOPTAC_RETURN_IF_ERROR(Prepare("SELECT count(*) FROM temp.vocab", s));
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Error("vocab");
    return static_cast<uint64_t>(sqlite3_column_int64(s.get(), 0));
  }

 private:
  Result<std::vector<int64_t>> Run(const Statement& s, const TermQuery& q, size_t limit, int offer, int64_t self) {
    std::vector<int64_t> out;
    if (q.terms.empty()) return out;
    const std::string query = FtsQuery(q);
    sqlite3_stmt* st = s.get();
    sqlite3_bind_text(st, 1, query.data(), static_cast<int>(query.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, static_cast<int64_t>(limit));
    if (offer >= 0) {
      sqlite3_bind_int(st, 3, offer);
      sqlite3_bind_int64(st, 4, self);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return Error("query " + query.substr(0, 200));
    return out;
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "?";
      sqlite3_free(err);
      return Status::Internal(std::string("SQLite: ") + message);
    }
    return Status::Ok();
  }
  Status Prepare(const char* sql, Statement& out) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) return Error("prepare");
    out = Statement(s);
    return Status::Ok();
  }
  Status Error(const std::string& what) const {
    return Status::Internal("SQLite " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "no database"));
  }

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  Statement insert_fts_, insert_meta_, search_, match_;
};

}  // namespace

Result<std::unique_ptr<Engine>> OpenSqliteFts5(const std::filesystem::path& dir) {
  auto engine = std::make_unique<SqliteFts5>(dir / "fts5.db");
  HOPTAC_RETURN_IF_ERROR(engine->Open());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace hoptac::bench
