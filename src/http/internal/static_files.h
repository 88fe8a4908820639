// Static files (the built web front end) served from a canonicalised web root.
//
// Paths are resolved with std::filesystem::weakly_canonical and refused unless the result is
// inside the root, so neither ".." nor a symlink can lead out of it. A missing path without an
// extension is a client-side route and gets index.html; a missing file with one is 404. Vite's
// hashed files under /assets/ are cached by browsers for a year; everything else is revalidated
// by ETag. A precompressed "<file>.gz" beside a file is served to clients that accept gzip.
//
// Small files are kept in memory, keyed by URL path, and re-checked against the disk at most
// every `revalidate_after`, so a redeployed front end shows up within that time.
//
// Thread-safety: TryCached and Serve may be called concurrently from any thread. TryCached never
// touches the disk (I/O threads call it); Serve may (worker threads call it).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "http/internal/reply.h"

namespace hoptac::http::internal {

struct StaticFilesOptions {
  size_t max_cached_file_bytes = 1 << 20;  // larger files are read from disk for each request
  size_t max_cache_bytes = 64 << 20;       // total; the cache is emptied when it would exceed it
  size_t max_cache_paths = 4096;           // URL paths remembered (SPA routes add one each)
  std::chrono::milliseconds revalidate_after{2000};
  size_t max_file_bytes = 256 << 20;  // larger files are refused (500), never read whole
};

struct StaticRequest {
  std::string_view path;           // percent-decoded URL path, already checked by DecodeTarget
  bool accepts_gzip = false;       // Accept-Encoding allows gzip
  std::string_view if_none_match;  // raw If-None-Match header, may be empty
};

class StaticFiles {
 public:
  // Fails with InvalidArgument if `web_root` is not an existing directory.
  static Result<std::unique_ptr<StaticFiles>> Open(const std::string& web_root, StaticFilesOptions options = {});
  ~StaticFiles();

  // The reply from memory, or nullopt if the disk must be consulted (then call Serve).
  std::optional<Reply> TryCached(const StaticRequest& request) const;
  // The reply, reading the disk as needed; 404 problem for missing files.
  Reply Serve(const StaticRequest& request);

  // Each file's contents and ETag, loaded once and shared by the URL paths that resolve to it.
  struct File;
  // One URL path's answer: the file, its gzip sibling if any, and its caching policy.
  struct Route;

 private:
  StaticFiles(std::filesystem::path root, StaticFilesOptions options);

  std::shared_ptr<const File> LoadFile(const std::filesystem::path& file, Status& status);
  std::optional<std::filesystem::path> Resolve(std::string_view url_path, bool& fallback) const;
  bool IsUnderRoot(const std::filesystem::path& canonical) const;
  void Remember(const std::string& url_path, std::shared_ptr<const Route> route);

  const std::filesystem::path root_;  // canonical
  const StaticFilesOptions options_;

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Route>> routes_;  // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::shared_ptr<const File>> files_;    // GUARDED_BY(mu_), by fs path
  size_t cached_bytes_ = 0;                                               // GUARDED_BY(mu_)
};

// True if an If-None-Match header value matches `etag` (weak comparison, "*" matches anything).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

}  // namespace hoptac::http::internal
