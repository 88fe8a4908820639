// PostgreSQL full-text search over pre-segmented terms, in a private cluster started for the run:
// initdb + pg_ctl in a temporary directory, listening on 127.0.0.1 and a free port only, tuned for
// a benchmark (fsync off, 1 GiB shared buffers, no parallel workers: one core). The terms are loaded
// with COPY into a staging table, turned into tsvector with the `simple` configuration (title in
// weight class A, the rest in B), indexed with GIN, and queried with to_tsquery('a | b | c:*'),
// ranked by ts_rank, LIMIT k. The server process inherits the benchmark's CPU affinity.
#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "engines.h"

namespace hoptac::bench {

namespace {

namespace fs = std::filesystem;

// The directory holding initdb and pg_ctl: from PATH, else the newest Debian version.
std::optional<fs::path> FindPostgresBin() {
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(e.path() / "bin/initdb") && fs::exists(e.path() / "bin/pg_ctl")) candidates.push_back(e.path());
  }
  std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
    return std::atoi(a.filename().c_str()) > std::atoi(b.filename().c_str());
  });
  if (!candidates.empty()) return candidates.front() / "bin";
  if (const char* path = std::getenv("PATH")) {
    std::string_view p = path;
    while (!p.empty()) {
      size_t colon = p.find(':');
      fs::path dir(std::string(p.substr(0, colon)));
      if (fs::exists(dir / "initdb") && fs::exists(dir / "pg_ctl")) return dir;
      p = colon == std::string_view::npos ? std::string_view() : p.substr(colon + 1);
    }
  }
  return std::nullopt;
}

struct RunAs {
  uid_t uid;
  gid_t gid;
};

// Runs a program to completion, as `user` when given (initdb refuses to run as root), with its
// output appended to `log`. Returns its exit status.
int Run(const std::vector<std::string>& argv, const std::optional<RunAs>& user, const fs::path& log) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    if (user && (setgroups(0, nullptr) != 0 || setgid(user->gid) != 0 || setuid(user->uid) != 0)) _exit(126);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string TsQuery(const TermQuery& q) {
  std::string out;
  for (size_t i = 0; i < q.terms.size(); ++i) {
    if (i) out += " | ";
    out += '\'';
    out += q.terms[i];  // letters and digits only (corpus.h): nothing to escape
    out += '\'';
    if (q.last_is_prefix && i + 1 == q.terms.size()) out += ":*";
  }
  return out;
}

class Postgres final : public Engine {
 public:
  ~Postgres() override {
    if (conn_) PQfinish(conn_);
    if (started_) Run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", "fast", "-w", "stop"}, user_,
                      dir_ / "pg_ctl.log");
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  Status Start(const fs::path& tmp, size_t documents) {
    documents_ = documents;
    auto bin = FindPostgresBin();
    if (!bin) return Status::Unavailable("PostgreSQL is not installed (no initdb found)");
    bin_ = *bin;
    if (geteuid() == 0) {
      const struct passwd* pw = getpwnam("postgres");
      if (pw) user_ = RunAs{.uid = pw->pw_uid, .gid = pw->pw_gid};
      if (!user_) return Status::Unavailable("running as root and there is no 'postgres' user to run initdb as");
    }
    std::string pattern = (tmp / "hoptac-bench-pg-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return Status::Internal("mkdtemp " + pattern);
    dir_ = pattern;
    if (user_ && chown(dir_.c_str(), user_->uid, user_->gid) != 0) return Status::Internal("chown " + pattern);

    const fs::path log = dir_ / "pg_ctl.log";
    if (Run({(bin_ / "initdb").string(), "-D", (dir_ / "data").string(), "-A", "trust", "-U", "bench", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"},
            user_, log) != 0)
      return Status::Internal("initdb failed; see " + log.string());
    port_ = FreePort();
    const std::string options = "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) +
                                " -c unix_socket_directories=" + dir_.string() +
                                " -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=1GB"
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                                " -c max_wal_size=16GB -c checkpoint_timeout=1h -c autovacuum=off -c jit=off"
                                " -c max_parallel_workers_per_gather=0 -c max_parallel_maintenance_workers=0";
    if (Run({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-l", (dir_ / "server.log").string(), "-w",
             "-t", "120", "-o", options, "start"},
            user_, log) != 0)
      return Status::Internal("pg_ctl start failed; see " + (dir_ / "server.log").string());
    started_ = true;
    const std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) + " user=bench dbname=postgres";
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return Error("connect");
    backend_ = PQbackendPID(conn_);
    HOPTAC_RETURN_IF_ERROR(Exec("CREATE UNLOGGED TABLE raw (id bigint, offer boolean, published boolean, "
                                "title text, body text)"));
    if (Keep(PQexec(conn_, "COPY raw FROM STDIN")) != PGRES_COPY_IN) return Error("COPY");
    return Status::Ok();
  }

  std::string name() const override { return "PostgreSQL"; }
  std::string Describe() const override {
    return "PostgreSQL " + std::to_string(PQserverVersion(conn_) / 10000) + "." +
           std::to_string(PQserverVersion(conn_) % 10000) +
           " (private cluster, 127.0.0.1), 'simple' config, tsvector title A + body B, GIN, "
           "to_tsquery OR (| and :* for a prefix), ts_rank, LIMIT k, shared_buffers 1 GB, no parallel workers";
  }

  Status Add(std::span<const TermDoc> docs) override {
    std::string buffer;
    for (const TermDoc& d : docs) {
      buffer += std::to_string(d.id);
      buffer += d.offer ? "\tt" : "\tf";
      buffer += d.published ? "\tt\t" : "\tf\t";
      buffer += d.title;  // no tab, newline or backslash in terms (corpus.h)
      buffer += '\t';
      buffer += d.summary;
      if (!d.extra.empty()) buffer += ' ', buffer += d.extra;
      buffer += '\n';
      if (buffer.size() > (1 << 20)) {
        if (PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1) return Error("COPY data");
        buffer.clear();
      }
    }
    if (!buffer.empty() && PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) != 1)
      return Error("COPY data");
    return Status::Ok();
  }

  Status Finish() override {
    if (PQputCopyEnd(conn_, nullptr) != 1) return Error("COPY end");
    PGresult* r = PQgetResult(conn_);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    while ((r = PQgetResult(conn_))) PQclear(r);
    if (!ok) return Error("COPY");
    HOPTAC_RETURN_IF_ERROR(
        Exec("CREATE TABLE docs AS SELECT id, offer, published, "
             "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B') AS tsv "
             "FROM raw"));
    HOPTAC_RETURN_IF_ERROR(Exec("DROP TABLE raw"));
    HOPTAC_RETURN_IF_ERROR(Exec("CREATE INDEX docs_tsv ON docs USING gin (tsv)"));
    HOPTAC_RETURN_IF_ERROR(Exec("VACUUM ANALYZE docs"));
    HOPTAC_RETURN_IF_ERROR(Prepare("search",
                                   "SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q AND published "
                                   "ORDER BY ts_rank(tsv, q) DESC LIMIT $2"));
    return Prepare("match",
                   "SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q AND published AND offer = $3 "
                   "AND id <> $4 ORDER BY ts_rank(tsv, q) DESC LIMIT $2");
  }

  Result<std::vector<int64_t>> Search(const TermQuery& q, size_t limit) override {
    const std::string query = TsQuery(q), k = std::to_string(limit);
    const char* params[] = {query.c_str(), k.c_str()};
    return Query("search", 2, params);
  }
  Result<std::vector<int64_t>> Match(const TermQuery& q, bool want_offer, int64_t self, size_t limit) override {
    const std::string query = TsQuery(q), k = std::to_string(limit), id = std::to_string(self);
    const char* params[] = {query.c_str(), k.c_str(), want_offer ? "t" : "f", id.c_str()};
    return Query("match", 4, params);
  }

  // The backend's time on CPU from the scheduler's statistics (nanoseconds, first field).
  double ServerCpuSeconds() const override {
    std::ifstream in("/proc/" + std::to_string(backend_) + "/schedstat");
    unsigned long long ns = 0;
    in >> ns;
    return static_cast<double>(ns) * 1e-9;
  }

  Result<uint64_t> SizeBytes() override {
    auto rows = Query("SELECT pg_total_relation_size('docs')");
    if (!rows.ok()) return rows.status();
    return rows->empty() ? 0 : static_cast<uint64_t>(rows->front());
  }

  Result<uint64_t> DistinctTerms() override {
    if (documents_ > 200'000) return Status::Unavailable("ts_stat over every document takes too long at this size");
    auto rows = Query("SELECT count(*) FROM ts_stat('SELECT tsv FROM docs')");
    if (!rows.ok()) return rows.status();
    return rows->empty() ? 0 : static_cast<uint64_t>(rows->front());
  }

 private:
  Result<std::vector<int64_t>> Query(const char* statement, int n, const char* const* params) {
    PGresult* r = PQexecPrepared(conn_, statement, n, params, nullptr, nullptr, 0);
    return Rows(r);
  }
  Result<std::vector<int64_t>> Query(const char* sql) { return Rows(PQexec(conn_, sql)); }
  Result<std::vector<int64_t>> Rows(PGresult* r) {
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string message = PQresultErrorMessage(r);
      PQclear(r);
      return Status::Internal("PostgreSQL: " + message);
    }
    std::vector<int64_t> out;
    for (int i = 0; i < PQntuples(r); ++i) out.push_back(std::strtoll(PQgetvalue(r, i, 0), nullptr, 10));
    PQclear(r);
    return out;
  }
  Status Exec(const char* sql) {
    PGresult* r = PQexec(conn_, sql);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    return ok ? Status::Ok() : Status::Internal("PostgreSQL: " + message + " in: " + sql);
  }
  Status Prepare(const char* name, const char* sql) {
    PGresult* r = PQprepare(conn_, name, sql, 0, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    return ok ? Status::Ok() : Status::Internal("PostgreSQL prepare: " + message);
  }
  // PQexec's result, freed; only its status is wanted.
  ExecStatusType Keep(PGresult* r) {
    ExecStatusType s = PQresultStatus(r);
    PQclear(r);
    return s;
  }
  Status Error(const std::string& what) const {
    return Status::Internal("PostgreSQL " + what + ": " + (conn_ ? PQerrorMessage(conn_) : "not connected"));
  }

  fs::path bin_, dir_;
  std::optional<RunAs> user_;  // whom to run the server as when we are root
  int port_ = 0;
  int backend_ = 0;  // the server process serving our connection
  bool started_ = false;
  size_t documents_ = 0;
  PGconn* conn_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<Engine>> StartPostgres(const std::filesystem::path& tmp, size_t documents_hint) {
  auto engine = std::make_unique<Postgres>();
  HOPTAC_RETURN_IF_ERROR(engine->Start(tmp, documents_hint));
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace hoptac::bench
