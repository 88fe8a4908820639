// The reference engines the index is compared with, behind one small interface: SQLite FTS5,
// PostgreSQL full-text search and Xapian, each fed the same pre-segmented terms (corpus.h).
//
// Every engine ranks with its own BM25 or equivalent (FTS5 bm25() with title weight 2; PostgreSQL
// ts_rank with the title in weight class A and the rest in B; Xapian BM25Weight with title terms
// at wdf 2), takes an OR of the query terms (the last one as a prefix when the query says so:
// FTS5 "term"*, PostgreSQL term:*, Xapian OP_WILDCARD), keeps published profiles only, and for a
// match also the complementary kind and not the profile itself.
//
// Engines throw nothing: driver exceptions (Xapian) are caught in the adapters and become Status.
// Not thread-safe; one engine is used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "corpus.h"

namespace hoptac::bench {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;

  // Loading: Add as many times as needed, then Finish (build indexes, merge, commit).
  virtual Status Add(std::span<const TermDoc> docs) = 0;
  virtual Status Finish() = 0;

  // Ids of the best `limit` published profiles for the OR of the query's terms.
  virtual Result<std::vector<int64_t>> Search(const TermQuery& q, size_t limit) = 0;
  // The same, restricted to profiles of the wanted kind other than `self`.
  virtual Result<std::vector<int64_t>> Match(const TermQuery& q, bool want_offer, int64_t self, size_t limit) = 0;

  // Size of the engine's files (or memory) once loaded, in bytes.
  virtual Result<uint64_t> SizeBytes() = 0;
  // Distinct indexed terms, to check that the engine indexed exactly the terms it was given;
  // Unavailable when counting them would take too long.
  virtual Result<uint64_t> DistinctTerms() = 0;
  // A line about the engine's setup for the report.
  virtual std::string Describe() const = 0;
  // CPU time spent so far by a server process working for us (PostgreSQL's backend), in seconds;
  // 0 for engines that run inside this process.
  virtual double ServerCpuSeconds() const { return 0; }
};

// Files go under `dir`, which must exist; the caller removes it.
Result<std::unique_ptr<Engine>> OpenSqliteFts5(const std::filesystem::path& dir);
Result<std::unique_ptr<Engine>> OpenXapian(const std::filesystem::path& dir);
// Starts a private PostgreSQL cluster (initdb, pg_ctl) on 127.0.0.1 and a free port, under a new
// directory in `tmp`; stopped and removed when the engine is destroyed. Unavailable when PostgreSQL
// is not installed (no initdb), so the benchmark can go on without it.
Result<std::unique_ptr<Engine>> StartPostgres(const std::filesystem::path& tmp, size_t documents_hint);

}  // namespace hoptac::bench
