// hoptac-bench-index: our in-memory index against SQLite FTS5, PostgreSQL full-text search and
// Xapian, on the same synthetic corpus and the same queries, in one run (DESIGN.md section 7).
//
//   hoptac-bench-index [--n 1000000] [--search-queries 1000] [--match-queries 1000] [--seed S]
//                      [--engines ours,fts5,xapian,postgres] [--budget 120] [--match-cap 64]
//                      [--tmp /tmp] [--thesaurus data/thesaurus/concepts.jsonl] [--samples K]
//                      [--perf-phase build,search,match --perf-ctl FIFO --perf-ack FIFO]
//
// For our index: build rate through Index::Bulk (DocInput made as app/search.cc makes them, so the
// build includes our text analysis and concept tagging), index memory per profile
// (Stats().memory_bytes, cross-checked by the growth of the resident set), then the latency of
// Search (1-3 word queries, top 20, with facets and snippets, as the API asks) and Match (top 10,
// reasons included). Every answer is checked: search answers must be non-empty (the queries are
// made of words the corpus uses) and published; match answers non-empty, published, of the
// complementary kind, and not the profile itself.
// Then each reference engine gets the same profiles as pre-segmented terms (corpus.h) and the same
// queries as OR of the same terms (a match: the profile's own title and summary terms, with the
// complementary-kind filter). A reference engine runs its queries in order until they are done or
// its time budget (--budget seconds per engine and workload) is spent; the report says how many ran.
// Both the wall clock and CPU time (this thread's, plus the PostgreSQL backend's) are reported, since
// the machines are shared. Progress goes to stderr, the report (Markdown) to stdout. Exit status 1
// when an answer breaks a filter, a query fails, or our index answers nothing to over 1% of them.
//
// Profiling one phase of our index: perf record --control=fifo:ctl,ack -D -1 -- hoptac-bench-index
// --engines ours --perf-phase search --perf-ctl ctl --perf-ack ack (perf counts only that phase).
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "corpus.h"
#include "engines.h"
#include "generator.h"
#include "index/index.h"
#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/thesaurus.h"

namespace hoptac::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  size_t n = 1'000'000;
  size_t search_queries = 1000;
  size_t match_queries = 1000;
  uint64_t seed = GeneratorOptions{}.seed;
  std::string engines = "ours,fts5,xapian,postgres";
  double budget_seconds = 120;
  size_t match_cap = 64;
  fs::path tmp = fs::temp_directory_path();
  fs::path thesaurus = fs::path(HOPTAC_BENCH_SOURCE_DIR) / "data/thesaurus/concepts.jsonl";
  size_t samples = 0;
  std::string perf_phase;  // build, search, match (comma-separated): the phases of our index perf records
  fs::path perf_ctl, perf_ack;
};

constexpr size_t kChunk = 10'000;  // profiles generated and loaded at a time
constexpr size_t kWarmup = 20;     // queries run once, untimed, before the timed pass
constexpr size_t kSearchLimit = 20;
constexpr size_t kMatchLimit = 10;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

void Progress(const char* format, ...) __attribute__((format(printf, 1, 2)));
void Progress(const char* format, ...) {
  static const Clock::time_point start = Clock::now();
  std::fprintf(stderr, "[%7.1fs] ", Seconds(Clock::now() - start));
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
  std::fputc('\n', stderr);
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "hoptac-bench-index: %s\n", message.c_str());
  std::exit(2);
}

// CPU time of this thread: unlike the wall clock, it does not count the time other processes on a
// shared machine hold the core.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

size_t ResidentBytes() {
  malloc_trim(0);
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Turns perf's recording on and off through its control FIFOs (perf record --control), so that a
// profile covers one phase only. Does nothing without --perf-phase.
class PerfControl {
 public:
  explicit PerfControl(const Options& o) : phase_(o.perf_phase) {
    if (phase_.empty()) return;
    ctl_ = std::fopen(o.perf_ctl.c_str(), "w");
    ack_ = std::fopen(o.perf_ack.c_str(), "r");
    if (!ctl_ || !ack_) Die("--perf-phase needs --perf-ctl and --perf-ack FIFOs opened by perf record --control");
  }
  ~PerfControl() {
    if (ctl_) std::fclose(ctl_);
    if (ack_) std::fclose(ack_);
  }
  void Enable(std::string_view phase) { Send(phase, "enable"); }
  void Disable(std::string_view phase) { Send(phase, "disable"); }

 private:
  void Send(std::string_view phase, const char* command) {
    if (!ctl_ || ("," + phase_ + ",").find("," + std::string(phase) + ",") == std::string::npos) return;
    std::fprintf(ctl_, "%s\n", command);
    std::fflush(ctl_);
    char ack[16];
    if (!std::fgets(ack, sizeof ack, ack_)) Die("perf did not acknowledge");
  }
  std::string phase_;
  FILE* ctl_ = nullptr;
  FILE* ack_ = nullptr;
};

// Latencies of one engine on one workload.
struct Latency {
  std::vector<double> us;      // per timed query, wall clock
  std::vector<double> cpu_us;  // per timed query, CPU time (ours and the server's, if any)
  size_t planned = 0;      // queries in the workload
  size_t empty = 0;        // answers with no result
  std::vector<size_t> empty_examples;  // the first few queries that found nothing
  size_t wrong = 0;        // results that break the filters
  size_t failed = 0;       // errors

  double Percentile(double p, bool cpu = false) const {
    if (us.empty()) return NAN;
    std::vector<double> v = cpu ? cpu_us : us;
    std::sort(v.begin(), v.end());
    size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank ? rank - 1 : 0)];
  }
  double Mean(bool cpu = false) const {
    double sum = 0;
    for (double x : cpu ? cpu_us : us) sum += x;
    return us.empty() ? NAN : sum / static_cast<double>(us.size());
  }
};

struct Report {
  std::string name, setup;
  double build_seconds = 0;
  double build_cpu_seconds = 0;
  double bytes_per_profile = 0;  // index memory (ours) or storage size (others)
  std::string size_note;
  Latency search, match;
  std::string notes;
};

// What the checks need to know about every profile.
struct Truth {
  std::vector<uint8_t> offer, published;  // by id - 1
  bool Published(int64_t id) const { return id >= 1 && static_cast<size_t>(id) <= published.size() && published[id - 1]; }
  bool Offer(int64_t id) const { return id >= 1 && static_cast<size_t>(id) <= offer.size() && offer[id - 1]; }
};

// Runs `query(i)` for i in order, timing each, until done or the budget is spent (0: no budget).
// `server_cpu` gives the CPU seconds a server has spent for us so far (0 when in process).
template <typename F, typename S>
void Time(size_t count, double budget_seconds, Latency& out, S&& server_cpu, F&& query) {
  out.planned = count;
  for (size_t i = 0; i < std::min(kWarmup, count); ++i) query(i, /*timed=*/false);
  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < count; ++i) {
    const double c0 = ThreadCpuSeconds() + server_cpu();
    const Clock::time_point t0 = Clock::now();
    query(i, /*timed=*/true);
    const Clock::time_point t1 = Clock::now();
    out.us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    out.cpu_us.push_back((ThreadCpuSeconds() + server_cpu() - c0) * 1e6);
    if (budget_seconds > 0 && Seconds(Clock::now() - start) > budget_seconds && out.us.size() >= 20) break;
  }
}

std::string Fmt(const char* format, double v) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string Ms(double us) { return std::isnan(us) ? "n/a" : us < 1000 ? Fmt("%.3f", us / 1000) : Fmt("%.1f", us / 1000); }

std::string Thousands(double v) {
  const std::string digits = Fmt("%.0f", v);
  if (digits == "n/a") return digits;
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Options ParseFlags(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    if (auto eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      Die("flag " + flag + " needs a value");
    }
    if (flag == "--n") o.n = std::stoull(value);
    else if (flag == "--search-queries") o.search_queries = std::stoull(value);
    else if (flag == "--match-queries") o.match_queries = std::stoull(value);
    else if (flag == "--seed") o.seed = std::stoull(value);
    else if (flag == "--engines") o.engines = value;
    else if (flag == "--budget") o.budget_seconds = std::stod(value);
    else if (flag == "--match-cap") o.match_cap = std::stoull(value);
    else if (flag == "--tmp") o.tmp = value;
    else if (flag == "--thesaurus") o.thesaurus = value;
    else if (flag == "--samples") o.samples = std::stoull(value);
    else if (flag == "--perf-phase") o.perf_phase = value;
    else if (flag == "--perf-ctl") o.perf_ctl = value;
    else if (flag == "--perf-ack") o.perf_ack = value;
    else Die("unknown flag " + flag + " (see the comment at the top of bench/index/index_bench.cc)");
  }
  if (o.n == 0) Die("--n must be positive");
  return o;
}

bool Wants(const Options& o, std::string_view engine) {
  std::string_view list = o.engines;
  while (!list.empty()) {
    size_t comma = list.find(',');
    if (list.substr(0, comma) == engine) return true;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

void PrintSamples(const ProfileGenerator& gen, const std::vector<SyntheticQuery>& queries, size_t k) {
  for (size_t i = 1; i <= k && i <= gen.profile_count(); ++i) {
    SyntheticProfile p = gen.ProfileAt(static_cast<int64_t>(i));
    SyntheticOrganisation o = gen.OrganisationAt(p.organisation);
    std::printf("#%zu %s %s %s %s deadline=%s targets=", i, p.kind.c_str(), p.lang.c_str(), p.subject.c_str(),
                p.status.c_str(), p.deadline.c_str());
    for (const auto& t : p.target_countries) std::printf("%s ", t.c_str());
    std::printf("\n  org: %s (%s, %s, %s)\n  title: %s\n  summary: %s\n", o.name.c_str(), o.country.c_str(),
                o.locality.c_str(), o.kind.c_str(), p.title.c_str(), p.summary.c_str());
  }
  for (size_t i = 0; i < k && i < queries.size(); ++i) {
    std::printf("query %zu [%s, %s]: %s\n", i, queries[i].lang.c_str(), ShapeName(queries[i].shape),
                queries[i].text.c_str());
  }
}

// --- our index ---------------------------------------------------------------------------------

struct OursExtra {
  index::IndexStats stats;
  double rss_delta = 0;
  double generate_seconds = 0;
};

Report RunOurs(const Options& o, PerfControl& perf, const ProfileGenerator& gen, const text::AnalyzerRegistry& analyzers,
               const text::ConceptTagger& tagger, const text::Thesaurus& thesaurus,
               const std::vector<SyntheticQuery>& queries, const std::vector<int64_t>& matches, Truth& truth,
               OursExtra& extra) {
  Report r{.name = "hoptac index"};
  auto idx = std::make_unique<index::Index>(
      index::IndexOptions{.analyzers = analyzers, .tagger = &tagger, .thesaurus = &thesaurus});
  truth.offer.assign(o.n, 0);
  truth.published.assign(o.n, 0);
  const size_t rss_before = ResidentBytes();
  Clock::duration bulk{}, generate{};
  double bulk_cpu = 0;
  for (size_t from = 1; from <= o.n; from += kChunk) {
    const size_t to = std::min(o.n, from + kChunk - 1);
    const Clock::time_point g0 = Clock::now();
    std::vector<index::DocInput> docs;
    docs.reserve(to - from + 1);
    for (size_t id = from; id <= to; ++id) {
      SyntheticProfile p = gen.ProfileAt(static_cast<int64_t>(id));
      truth.offer[id - 1] = p.kind == "offer";
      truth.published[id - 1] = p.status == "published";
      docs.push_back(ToDocInput(p, gen.OrganisationAt(p.organisation)));
    }
    const double c0 = ThreadCpuSeconds();
    const Clock::time_point b0 = Clock::now();
    perf.Enable("build");
    idx->Bulk(docs);
    perf.Disable("build");
    bulk += Clock::now() - b0;
    bulk_cpu += ThreadCpuSeconds() - c0;
    generate += b0 - g0;
    if ((to / kChunk) % 10 == 0 || to == o.n)
      Progress("ours: %zu profiles indexed, %.0f profiles/s (%.0f per CPU second)", to,
               static_cast<double>(to) / Seconds(bulk), static_cast<double>(to) / bulk_cpu);
  }
  r.build_seconds = Seconds(bulk);
  r.build_cpu_seconds = bulk_cpu;
  extra.generate_seconds = Seconds(generate);
  extra.stats = idx->Stats();
  extra.rss_delta = static_cast<double>(ResidentBytes()) - static_cast<double>(rss_before);
  r.bytes_per_profile = static_cast<double>(extra.stats.memory_bytes) / static_cast<double>(extra.stats.documents);
  r.size_note = "Index::Stats().memory_bytes (in RAM, text excluded)";
  r.setup = "hoptac Index (in memory): Bulk of DocInput as app/search.cc makes them; Search top 20 with facets and "
            "snippets; Match top 10 with reasons";

  Progress("ours: %zu search queries", queries.size());
  auto in_process = [] { return 0.0; };
  Time(queries.size(), 0, r.search, in_process, [&](size_t i, bool timed) {
    if (timed && i == 0) perf.Enable("search");
    auto res = idx->Search(index::SearchQuery{.q = queries[i].text, .limit = kSearchLimit});
    if (timed && i + 1 == queries.size()) perf.Disable("search");
    if (!timed) return;
    if (!res.ok()) {
      ++r.search.failed;
      return;
    }
    if (res->hits.empty() && r.search.empty++ < 5) r.search.empty_examples.push_back(i);
    for (const auto& h : res->hits) {
      if (h.type != "profile" || !truth.Published(h.id)) ++r.search.wrong;
    }
  });
  Progress("ours: %zu match queries", matches.size());
  Time(matches.size(), 0, r.match, in_process, [&](size_t i, bool timed) {
    if (timed && i == 0) perf.Enable("match");
    auto res = idx->Match(index::MatchQuery{.profile_id = matches[i], .limit = kMatchLimit});
    if (timed && i + 1 == matches.size()) perf.Disable("match");
    if (!timed) return;
    if (!res.ok()) {
      ++r.match.failed;
      return;
    }
    if (res->empty()) ++r.match.empty;
    for (const auto& m : *res) {
      if (m.id == matches[i] || !truth.Published(m.id) || truth.Offer(m.id) == truth.Offer(matches[i])) ++r.match.wrong;
    }
  });
  return r;
}

// --- the reference engines ---------------------------------------------------------------------

struct TermCorpus {
  std::vector<TermDoc> docs;
  std::vector<TermQuery> searches;
  std::vector<TermQuery> matches;
  size_t distinct_terms = 0;
  size_t terms = 0;  // in all documents
  size_t truncated_matches = 0;
  double match_terms_mean = 0;
  double seconds = 0;
};

TermCorpus Segment(const Options& o, const ProfileGenerator& gen, const text::AnalyzerRegistry& analyzers,
                   const std::vector<SyntheticQuery>& queries, const std::vector<int64_t>& matches) {
  TermCorpus c;
  const Clock::time_point t0 = Clock::now();
  c.docs.reserve(o.n);
  for (size_t id = 1; id <= o.n; ++id) {
    SyntheticProfile p = gen.ProfileAt(static_cast<int64_t>(id));
    c.docs.push_back(ToTermDoc(analyzers, p, gen.OrganisationAt(p.organisation)));
    if (id % 100'000 == 0) Progress("segmenting for the other engines: %zu profiles", id);
  }
  c.seconds = Seconds(Clock::now() - t0);
  std::unordered_set<std::string_view> vocabulary;
  for (const TermDoc& d : c.docs) {
    for (const std::string* field : {&d.title, &d.summary, &d.extra}) {
      std::string_view s = *field;
      while (!s.empty()) {
        size_t space = s.find(' ');
        vocabulary.insert(s.substr(0, space));
        ++c.terms;
        s = space == std::string_view::npos ? std::string_view() : s.substr(space + 1);
      }
    }
  }
  c.distinct_terms = vocabulary.size();
  for (const auto& q : queries) c.searches.push_back(ToTermQuery(analyzers, q));
  size_t total_terms = 0;
  for (int64_t id : matches) {
    bool truncated = false;
    c.matches.push_back(MatchQueryOf(c.docs[static_cast<size_t>(id - 1)], o.match_cap, truncated));
    c.truncated_matches += truncated;
    total_terms += c.matches.back().terms.size();
  }
  c.match_terms_mean = matches.empty() ? 0 : static_cast<double>(total_terms) / static_cast<double>(matches.size());
  return c;
}

std::optional<Report> RunEngine(const Options& o, const std::string& key, const fs::path& work, const TermCorpus& c,
                                const std::vector<int64_t>& matches, const Truth& truth) {
  Result<std::unique_ptr<Engine>> opened = Status::Internal("unknown engine " + key);
  const fs::path dir = work / key;
  fs::create_directories(dir);
  if (key == "fts5") opened = OpenSqliteFts5(dir);
  else if (key == "xapian") opened = OpenXapian(dir);
  else if (key == "postgres") opened = StartPostgres(o.tmp, o.n);
  if (!opened.ok()) {
    if (opened.status().code() == Code::kUnavailable) {
      Progress("%s skipped: %s", key.c_str(), opened.status().message().c_str());
      std::printf("\n%s skipped: %s\n", key.c_str(), opened.status().message().c_str());
      return std::nullopt;
    }
    Die(key + ": " + opened.status().ToString());
  }
  Engine& e = **opened;
  Report r{.name = e.name()};
  Progress("%s: loading %zu profiles", r.name.c_str(), c.docs.size());
  auto server_cpu = [&e] { return e.ServerCpuSeconds(); };
  const double c0 = ThreadCpuSeconds() + server_cpu();
  const Clock::time_point t0 = Clock::now();
  for (size_t from = 0; from < c.docs.size(); from += kChunk) {
    const size_t n = std::min(kChunk, c.docs.size() - from);
    Status s = e.Add(std::span<const TermDoc>(c.docs.data() + from, n));
    if (!s.ok()) Die(r.name + ": " + s.ToString());
  }
  const Clock::time_point t1 = Clock::now();
  Progress("%s: %.1f s to add, finishing (indexes, merge, commit)", r.name.c_str(), Seconds(t1 - t0));
  if (Status s = e.Finish(); !s.ok()) Die(r.name + ": " + s.ToString());
  r.build_seconds = Seconds(Clock::now() - t0);
  r.build_cpu_seconds = ThreadCpuSeconds() + server_cpu() - c0;
  r.setup = e.Describe();
  if (auto size = e.SizeBytes(); size.ok()) {
    r.bytes_per_profile = static_cast<double>(*size) / static_cast<double>(c.docs.size());
    r.size_note = key == "postgres" ? "pg_total_relation_size (table + GIN)" : "database file(s), text not stored";
  }
  if (auto terms = e.DistinctTerms(); terms.ok()) {
    r.notes += "distinct terms " + Thousands(static_cast<double>(*terms)) + " (fed " +
               Thousands(static_cast<double>(c.distinct_terms)) + ")";
    if (*terms != c.distinct_terms) Progress("WARNING %s indexed %llu distinct terms, fed %zu", r.name.c_str(),
                                              static_cast<unsigned long long>(*terms), c.distinct_terms);
  } else {
    r.notes += "distinct terms not counted (" + terms.status().message() + ")";
  }
  Progress("%s: built in %.1f s; %zu search queries (budget %.0f s)", r.name.c_str(), r.build_seconds,
           c.searches.size(), o.budget_seconds);
  Time(c.searches.size(), o.budget_seconds, r.search, server_cpu, [&](size_t i, bool timed) {
    auto res = e.Search(c.searches[i], kSearchLimit);
    if (!timed) return;
    if (!res.ok()) {
      if (r.search.failed++ == 0) Progress("%s: %s", r.name.c_str(), res.status().ToString().c_str());
      return;
    }
    if (res->empty() && r.search.empty++ < 5) r.search.empty_examples.push_back(i);
    for (int64_t id : *res) r.search.wrong += !truth.Published(id);
  });
  Progress("%s: %zu match queries (budget %.0f s)", r.name.c_str(), c.matches.size(), o.budget_seconds);
  Time(c.matches.size(), o.budget_seconds, r.match, server_cpu, [&](size_t i, bool timed) {
    const int64_t self = matches[i];
    auto res = e.Match(c.matches[i], !truth.Offer(self), self, kMatchLimit);
    if (!timed) return;
    if (!res.ok()) {
      if (r.match.failed++ == 0) Progress("%s: %s", r.name.c_str(), res.status().ToString().c_str());
      return;
    }
    if (res->empty()) ++r.match.empty;
    for (int64_t id : *res) r.match.wrong += id == self || !truth.Published(id) || truth.Offer(id) == truth.Offer(self);
  });
  Progress("%s: done", r.name.c_str());
  return r;
}

// --- the report --------------------------------------------------------------------------------

std::string Ratio(double theirs, double ours) {
  if (std::isnan(theirs) || std::isnan(ours) || ours <= 0) return "n/a";
  return Fmt(theirs / ours >= 10 ? "%.0fx" : "%.1fx", theirs / ours);
}

std::string Ran(const Latency& l) {
  return l.us.size() == l.planned ? std::to_string(l.planned)
                                  : std::to_string(l.us.size()) + "/" + std::to_string(l.planned) + " (budget)";
}

void PrintTables(const std::vector<Report>& reports, size_t n, bool cpu) {
  std::printf("| engine | build (profiles/s) | bytes/profile | search p50 | search p99 | search mean | "
              "match p50 | match p99 | match mean | queries timed (search, match) | empty (search, match) |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
  for (const Report& r : reports) {
    const double build = cpu ? r.build_cpu_seconds : r.build_seconds;
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s, %s | %zu, %zu |\n", r.name.c_str(),
                Thousands(static_cast<double>(n) / build).c_str(), Thousands(r.bytes_per_profile).c_str(),
                Ms(r.search.Percentile(0.5, cpu)).c_str(), Ms(r.search.Percentile(0.99, cpu)).c_str(),
                Ms(r.search.Mean(cpu)).c_str(), Ms(r.match.Percentile(0.5, cpu)).c_str(),
                Ms(r.match.Percentile(0.99, cpu)).c_str(), Ms(r.match.Mean(cpu)).c_str(), Ran(r.search).c_str(),
                Ran(r.match).c_str(), r.search.empty, r.match.empty);
  }
  if (reports.size() < 2 || reports[0].name != "hoptac index") return;
  const Report& ours = reports[0];
  std::printf("\nTheir latency / ours (%s):\n\n", cpu ? "CPU time" : "wall clock");
  std::printf("| engine | search p50 | search p99 | match p50 | match p99 |\n|---|---:|---:|---:|---:|\n");
  for (size_t i = 1; i < reports.size(); ++i) {
    const Report& r = reports[i];
    std::printf("| %s | %s | %s | %s | %s |\n", r.name.c_str(),
                Ratio(r.search.Percentile(0.5, cpu), ours.search.Percentile(0.5, cpu)).c_str(),
                Ratio(r.search.Percentile(0.99, cpu), ours.search.Percentile(0.99, cpu)).c_str(),
                Ratio(r.match.Percentile(0.5, cpu), ours.match.Percentile(0.5, cpu)).c_str(),
                Ratio(r.match.Percentile(0.99, cpu), ours.match.Percentile(0.99, cpu)).c_str());
  }
}

void PrintReport(const Options& o, const std::vector<SyntheticQuery>& queries, const std::vector<Report>& reports,
                 const OursExtra* ours_extra, const TermCorpus* corpus) {
  std::printf("\n## Index benchmark: %s profiles, one core\n\n", Thousands(static_cast<double>(o.n)).c_str());
  std::printf("Seed %llu; %zu search queries (top %zu), %zu match queries (top %zu); a reference engine stops a "
              "workload after %.0f s. Latencies in ms.\n\n",
              static_cast<unsigned long long>(o.seed), queries.size(), kSearchLimit, o.match_queries, kMatchLimit,
              o.budget_seconds);
  std::printf("### Wall clock\n\n");
  PrintTables(reports, o.n, /*cpu=*/false);
  std::printf("\n### CPU time (this thread, plus the PostgreSQL backend's)\n\n");
  PrintTables(reports, o.n, /*cpu=*/true);

  std::printf("\nSetups and notes:\n\n");
  for (const Report& r : reports) {
    std::printf("- %s: %s. bytes/profile = %s. %s\n", r.name.c_str(), r.setup.c_str(), r.size_note.c_str(),
                r.notes.c_str());
    if (!r.search.empty_examples.empty()) {
      std::printf("  Searches that found nothing:");
      for (size_t i : r.search.empty_examples) {
        std::printf(" \"%s\" (%s, %s);", queries[i].text.c_str(), queries[i].lang.c_str(), ShapeName(queries[i].shape));
      }
      std::printf("\n");
    }
    size_t wrong = r.search.wrong + r.match.wrong, failed = r.search.failed + r.match.failed;
    if (wrong || failed) std::printf("  **%zu results broke the filters, %zu queries failed**\n", wrong, failed);
  }
  const Report* ours = reports.empty() || reports[0].name != "hoptac index" ? nullptr : &reports[0];
  if (ours && ours_extra) {
    const auto& s = ours_extra->stats;
    const double docs = static_cast<double>(s.documents);
    std::printf("\nOur index: %zu documents, %s terms, %s postings (%.1f per profile); memory %.0f bytes/profile "
                "(Stats), text held for snippets %.0f bytes/profile; resident set grew by %.0f bytes/profile "
                "(%.0f without the text); build %.1f s wall, %.1f s CPU (generating the profiles, not counted: "
                "%.1f s).\n",
                s.documents, Thousands(static_cast<double>(s.terms)).c_str(),
                Thousands(static_cast<double>(s.postings)).c_str(), static_cast<double>(s.postings) / docs,
                static_cast<double>(s.memory_bytes) / docs, static_cast<double>(s.text_bytes) / docs,
                ours_extra->rss_delta / docs, (ours_extra->rss_delta - static_cast<double>(s.text_bytes)) / docs,
                ours->build_seconds, ours->build_cpu_seconds, ours_extra->generate_seconds);
  }
  if (corpus) {
    std::printf("Reference engines' input: %.1f terms per profile, %s distinct; segmenting with our analysers took "
                "%.1f s (%s profiles/s, not counted in their build); match queries: %.1f terms on average, %zu of "
                "%zu cut at %zu terms.\n",
                static_cast<double>(corpus->terms) / static_cast<double>(o.n),
                Thousands(static_cast<double>(corpus->distinct_terms)).c_str(), corpus->seconds,
                Thousands(static_cast<double>(o.n) / corpus->seconds).c_str(), corpus->match_terms_mean,
                corpus->truncated_matches, corpus->matches.size(), o.match_cap);
  }
  if (!ours) return;
  std::printf("\nTargets (DESIGN.md section 7), wall clock / CPU time:\n\n");
  auto verdict = [](bool wall, bool cpu) {
    return wall && cpu ? "met" : !wall && !cpu ? "MISSED" : cpu ? "met on CPU time only" : "met on wall clock only";
  };
  for (const char* workload : {"search", "match"}) {
    const Latency& l = std::string_view(workload) == "search" ? ours->search : ours->match;
    const double limit = std::string_view(workload) == "search" ? 2000 : 10000;
    const double wall = l.Percentile(0.99), cpu = l.Percentile(0.99, true);
    std::printf("- %s p99 < %.0f ms: %s / %s ms, %s\n", workload, limit / 1000, Ms(wall).c_str(), Ms(cpu).c_str(),
                verdict(wall < limit, cpu < limit));
  }
  std::printf("- index memory < 1024 bytes/profile beyond the text: %.0f, %s\n", ours->bytes_per_profile,
              ours->bytes_per_profile < 1024 ? "met" : "MISSED");
  for (size_t i = 1; i < reports.size(); ++i) {
    const Report& r = reports[i];
    const bool xapian = r.name == "Xapian";
    const double need = xapian ? 1.0 : 20.0;
    auto check = [&](const char* what, const Latency& theirs, const Latency& mine, double p) {
      const double wall = theirs.Percentile(p) / mine.Percentile(p);
      const double cpu = theirs.Percentile(p, true) / mine.Percentile(p, true);
      std::printf("- %s %s, %s: %s / %s, %s\n", xapian ? "faster than" : "20x faster than", r.name.c_str(), what,
                  Ratio(theirs.Percentile(p), mine.Percentile(p)).c_str(),
                  Ratio(theirs.Percentile(p, true), mine.Percentile(p, true)).c_str(),
                  std::isnan(wall) ? "n/a" : verdict(wall >= need, cpu >= need));
    };
    check("search p50", r.search, ours->search, 0.5);
    check("search p99", r.search, ours->search, 0.99);
    check("match p50", r.match, ours->match, 0.5);
    check("match p99", r.match, ours->match, 0.99);
  }
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  const Options o = ParseFlags(argc, argv);
  Progress("hoptac-bench-index --n %zu", o.n);
  auto analyzers = text::AnalyzerRegistry::Create();
  if (!analyzers.ok()) Die(analyzers.status().ToString());
  auto thesaurus = text::Thesaurus::Load(o.thesaurus);
  if (!thesaurus.ok()) Die(thesaurus.status().ToString());
  const text::ConceptTagger tagger(*thesaurus, *analyzers);

  const ProfileGenerator gen(*thesaurus, GeneratorOptions{.seed = o.seed,
                                                          .profiles = o.n,
                                                          .search_queries = o.search_queries,
                                                          .match_queries = o.match_queries});
  const std::vector<SyntheticQuery> queries = gen.SearchQueries();
  const std::vector<int64_t> matches = gen.MatchQueries();
  if (o.samples) {
    PrintSamples(gen, queries, o.samples);
    return 0;
  }

  std::vector<Report> reports;
  Truth truth;
  OursExtra ours_extra;
  if (Wants(o, "ours")) {
    PerfControl perf(o);
    reports.push_back(RunOurs(o, perf, gen, *analyzers, tagger, *thesaurus, queries, matches, truth, ours_extra));
  } else {
    truth.offer.resize(o.n);
    truth.published.resize(o.n);
    for (size_t id = 1; id <= o.n; ++id) {
      SyntheticProfile p = gen.ProfileAt(static_cast<int64_t>(id));
      truth.offer[id - 1] = p.kind == "offer";
      truth.published[id - 1] = p.status == "published";
    }
  }

  std::optional<TermCorpus> corpus;
  if (Wants(o, "fts5") || Wants(o, "xapian") || Wants(o, "postgres")) {
    corpus = Segment(o, gen, *analyzers, queries, matches);
    std::string pattern = (o.tmp / "hoptac-bench-index-XXXXXX").string();
    if (!mkdtemp(pattern.data())) Die("cannot create a directory in " + o.tmp.string());
    const fs::path work = pattern;
    for (const char* key : {"fts5", "xapian", "postgres"}) {
      if (!Wants(o, key)) continue;
      if (auto r = RunEngine(o, key, work, *corpus, matches, truth)) reports.push_back(std::move(*r));
      std::error_code ec;
      fs::remove_all(work / key, ec);
    }
    std::error_code ec;
    fs::remove_all(work, ec);
  }

  PrintReport(o, queries, reports, Wants(o, "ours") ? &ours_extra : nullptr, corpus ? &*corpus : nullptr);

  // The answers must be right before the times mean anything.
  bool bad = false;
  for (const Report& r : reports) {
    if (r.search.wrong || r.match.wrong || r.search.failed || r.match.failed) bad = true;
  }
  if (!reports.empty() && reports[0].name == "hoptac index") {
    const Report& ours = reports[0];
    if (ours.search.empty * 100 > ours.search.us.size() || ours.match.empty * 100 > ours.match.us.size()) {
      std::printf("\nERROR: our index answered nothing to more than 1%% of the queries.\n");
      bad = true;
    }
  }
  return bad ? 1 : 0;
}

}  // namespace
}  // namespace hoptac::bench

int main(int argc, char** argv) { return hoptac::bench::Main(argc, argv); }
