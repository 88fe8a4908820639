#include "text/internal/stemmer.h"

#include <libstemmer.h>

#include <unordered_map>

#include "text/internal/pool.h"

namespace hoptac::text::internal {

namespace {

// Words repeat (Zipf), and Snowball costs a few hundred nanoseconds per word, so each pooled
// stemmer remembers its recent answers. Only the thread holding the lease touches the cache.
constexpr size_t kMaxCachedStems = 1 << 15;
constexpr size_t kMaxCachedWordBytes = 24;

struct Snowball {
  explicit Snowball(sb_stemmer* s) : stemmer(s) {}
  ~Snowball() { sb_stemmer_delete(stemmer); }
  Snowball(const Snowball&) = delete;
  Snowball& operator=(const Snowball&) = delete;

  sb_stemmer* stemmer;
  std::unordered_map<std::string, std::string> cache;
};
using SnowballPool = Pool<Snowball>;

}  // namespace

struct Stemmer::Impl {
  explicit Impl(std::string name)
      : algorithm(std::move(name)), pool([this]() -> SnowballPool::Ptr {
          sb_stemmer* s = sb_stemmer_new(algorithm.c_str(), "UTF_8");
          if (s == nullptr) return nullptr;
          return std::make_unique<Snowball>(s);
        }) {}
  std::string algorithm;
  mutable SnowballPool pool;
};

struct Stemmer::Lease::State {
  SnowballPool::Lease lease;
};

Stemmer::Lease::Lease(std::unique_ptr<State> state) : state_(std::move(state)) {}
Stemmer::Lease::Lease(Lease&&) noexcept = default;
Stemmer::Lease::~Lease() = default;

std::string Stemmer::Lease::Stem(std::string_view word) {
  Snowball* s = state_->lease.get();
  if (s == nullptr || word.empty()) return std::string(word);
  const bool cacheable = word.size() <= kMaxCachedWordBytes;
  std::string key;
  if (cacheable) {
    key.assign(word);
    auto it = s->cache.find(key);
    if (it != s->cache.end()) return it->second;
  }
  const sb_symbol* out =
      sb_stemmer_stem(s->stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  std::string stem(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s->stemmer)));
  if (cacheable) {
    if (s->cache.size() >= kMaxCachedStems) s->cache.clear();
    s->cache.emplace(std::move(key), stem);
  }
  return stem;
}

Stemmer::Stemmer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Stemmer::~Stemmer() = default;

Result<std::unique_ptr<Stemmer>> Stemmer::Create(const std::string& algorithm) {
  sb_stemmer* probe = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (probe == nullptr) return Status::Internal("Snowball has no stemmer '" + algorithm + "'");
  sb_stemmer_delete(probe);
  return std::unique_ptr<Stemmer>(new Stemmer(std::make_unique<Impl>(algorithm)));
}

Stemmer::Lease Stemmer::Acquire() const {
  return Lease(std::make_unique<Lease::State>(Lease::State{impl_->pool.Acquire()}));
}

}  // namespace hoptac::text::internal
