#include "http/internal/static_files.h"

#include <fstream>
#include <mutex>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "http/internal/mime_types.h"

namespace hoptac::http::internal {

namespace fs = std::filesystem;

struct StaticFiles::File {
  std::shared_ptr<const std::string> content;
  std::string etag;
  int64_t mtime = 0;
  uint64_t size = 0;
  bool cacheable = false;
};

struct StaticFiles::Route {
  std::shared_ptr<const File> file;
  std::shared_ptr<const File> gz;  // null if there is no "<file>.gz"
  std::string_view content_type;   // points into the static MIME table
  std::string_view cache_control;
  std::chrono::steady_clock::time_point checked_at;
};

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view StripWeak(std::string_view tag) {
  if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

// Segments starting with '.' (".env", ".git") are never served, except /.well-known/.
bool HasHiddenSegment(std::string_view path) {
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (!segment.empty() && segment.front() == '.' && segment != ".well-known") return true;
    start = end + 1;
  }
  return false;
}

Reply MakeReply(const StaticFiles::Route& route, const StaticRequest& request);

Reply NotFound() { return Reply(Problem(404, "Not Found", "There is no file at this path.")); }

}  // namespace

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  etag = StripWeak(etag);
  size_t start = 0;
  while (start <= if_none_match.size()) {
    size_t end = if_none_match.find(',', start);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view candidate = Trim(if_none_match.substr(start, end - start));
    if (candidate == "*") return true;
    if (!candidate.empty() && StripWeak(candidate) == etag) return true;
    start = end + 1;
  }
  return false;
}

namespace {

Reply MakeReply(const StaticFiles::Route& route, const StaticRequest& request) {
  const bool use_gz = route.gz != nullptr && request.accepts_gzip;
  const StaticFiles::File& file = use_gz ? *route.gz : *route.file;
  Reply reply;
  Response& r = reply.response;
  r.headers.reserve(4);
  r.headers.emplace_back("ETag", file.etag);
  r.headers.emplace_back("Cache-Control", std::string(route.cache_control));
  if (route.gz) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (!request.if_none_match.empty() && EtagMatches(request.if_none_match, file.etag)) {
    r.status = 304;
    r.content_type.clear();
    return reply;
  }
  if (use_gz) r.headers.emplace_back("Content-Encoding", "gzip");
  r.status = 200;
  r.content_type.assign(route.content_type);
  reply.shared_body = file.content;
  return reply;
}

}  // namespace

Result<std::unique_ptr<StaticFiles>> StaticFiles::Open(const std::string& web_root, StaticFilesOptions options) {
  std::error_code ec;
  fs::path root = fs::canonical(fs::path(web_root), ec);
  if (ec || !fs::is_directory(root, ec)) {
    return Status::InvalidArgument(fmt::format("The web root {} is not a directory.", web_root));
  }
  return std::unique_ptr<StaticFiles>(new StaticFiles(std::move(root), options));
}

StaticFiles::StaticFiles(fs::path root, StaticFilesOptions options) : root_(std::move(root)), options_(options) {}

StaticFiles::~StaticFiles() = default;

bool StaticFiles::IsUnderRoot(const fs::path& canonical) const {
  const std::string& root = root_.native();
  const std::string& p = canonical.native();
  if (p.size() <= root.size() || p.compare(0, root.size(), root) != 0) return false;
  return root.back() == '/' || p[root.size()] == '/';
}

std::optional<Reply> StaticFiles::TryCached(const StaticRequest& request) const {
  std::shared_ptr<const Route> route;
  {
    std::shared_lock lock(mu_);
    auto it = routes_.find(std::string(request.path));
    if (it == routes_.end()) return std::nullopt;
    route = it->second;
  }
  if (std::chrono::steady_clock::now() - route->checked_at > options_.revalidate_after) {
    return std::nullopt;
  }
  return MakeReply(*route, request);
}

std::optional<fs::path> StaticFiles::Resolve(std::string_view url_path, bool& fallback) const {
  fallback = false;
  if (HasHiddenSegment(url_path)) return std::nullopt;
  std::string relative(url_path);
  // A leading '/' would make the joined path absolute: strip every one of them.
  relative.erase(0, relative.find_first_not_of('/'));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  if (relative.find('\0') != std::string::npos) return std::nullopt;

  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(root_ / relative, ec);
  if (ec) return std::nullopt;
  if (!IsUnderRoot(canonical)) return std::nullopt;  // escapes the root: never a fallback
  fs::file_status status = fs::status(canonical, ec);
  if (!ec && fs::is_regular_file(status)) return canonical;
  if (!ec && fs::is_directory(status)) {
    fs::path index = fs::weakly_canonical(canonical / "index.html", ec);
    if (!ec && IsUnderRoot(index) && fs::is_regular_file(index, ec)) return index;
  }
  // Missing. A last segment without an extension is a client-side route: serve the app shell.
  std::string_view last = url_path.substr(url_path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return std::nullopt;
  fs::path index = fs::weakly_canonical(root_ / "index.html", ec);
  if (ec || !IsUnderRoot(index) || !fs::is_regular_file(index, ec)) return std::nullopt;
  fallback = true;
  return index;
}

std::shared_ptr<const StaticFiles::File> StaticFiles::LoadFile(const fs::path& path, Status& status) {
  std::error_code ec;
  const uint64_t size = fs::file_size(path, ec);
  if (ec) {
    status = Status::NotFound("no such file");
    return nullptr;
  }
  const int64_t mtime = fs::last_write_time(path, ec).time_since_epoch().count();
  if (ec) {
    status = Status::NotFound("no such file");
    return nullptr;
  }
  {
    std::shared_lock lock(mu_);
    auto it = files_.find(path.native());
    if (it != files_.end() && it->second->size == size && it->second->mtime == mtime) return it->second;
  }
  if (size > options_.max_file_bytes) {
    status = Status::Internal(fmt::format("{} is too large to serve ({} bytes)", path.native(), size));
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  std::string content(size, '\0');
  if (!in || !in.read(content.data(), static_cast<std::streamsize>(size))) {
    status = Status::Internal(fmt::format("cannot read {}", path.native()));
    return nullptr;
  }
  auto file = std::make_shared<File>();
  file->content = std::make_shared<const std::string>(std::move(content));
  file->etag = fmt::format("\"{:x}-{:x}\"", static_cast<uint64_t>(mtime), size);
  file->mtime = mtime;
  file->size = size;
  file->cacheable = size <= options_.max_cached_file_bytes;
  if (file->cacheable) {
    std::unique_lock lock(mu_);
    auto [it, inserted] = files_.try_emplace(path.native(), file);
    if (!inserted) {
      cached_bytes_ -= it->second->size;
      it->second = file;
    }
    cached_bytes_ += size;
    if (cached_bytes_ > options_.max_cache_bytes) {
      // Simple and rare: the web root is a few MB; only a misconfigured root gets here.
      routes_.clear();
      files_.clear();
      cached_bytes_ = 0;
    }
  }
  return file;
}

void StaticFiles::Remember(const std::string& url_path, std::shared_ptr<const Route> route) {
  std::unique_lock lock(mu_);
  if (routes_.size() >= options_.max_cache_paths && routes_.find(url_path) == routes_.end()) {
    routes_.clear();
  }
  routes_[url_path] = std::move(route);
}

Reply StaticFiles::Serve(const StaticRequest& request) {
  bool fallback = false;
  std::optional<fs::path> resolved = Resolve(request.path, fallback);
  if (!resolved) return NotFound();
  Status status;
  std::shared_ptr<const File> file = LoadFile(*resolved, status);
  if (!file) {
    if (status.code() == Code::kNotFound) return NotFound();
    return Reply(Problem(500, "Internal Server Error", "The file cannot be read."));
  }
  auto route = std::make_shared<Route>();
  route->file = file;
  std::error_code ec;
  fs::path gz_path = fs::weakly_canonical(fs::path(resolved->native() + ".gz"), ec);
  if (!ec && IsUnderRoot(gz_path) && fs::is_regular_file(gz_path, ec)) {
    Status gz_status;
    route->gz = LoadFile(gz_path, gz_status);  // a broken .gz is ignored: the plain file still works
  }
  route->content_type =
      MimeType(resolved->extension().native().empty() ? std::string_view()
                                                      : std::string_view(resolved->extension().native()).substr(1));
  const bool immutable = !fallback && request.path.starts_with("/assets/");
  route->cache_control = immutable ? kImmutable : kNoCache;
  route->checked_at = std::chrono::steady_clock::now();
  Reply reply = MakeReply(*route, request);
  if (file->cacheable && (!route->gz || route->gz->cacheable)) {
    Remember(std::string(request.path), std::move(route));
  }
  return reply;
}

}  // namespace hoptac::http::internal
