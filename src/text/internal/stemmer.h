// Stemmer: a Snowball stemmer ("english", "french", ...) shared by concurrent callers.
// A Snowball object keeps state between calls, so each caller leases one for the duration of an
// Analyze call. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct sb_stemmer;

namespace hoptac::text::internal {

class Stemmer {
 public:
  class Lease {
   public:
    Lease(Lease&&) noexcept;
    ~Lease();
    // Stem of a case-folded UTF-8 word.
    std::string Stem(std::string_view word);

   private:
    friend class Stemmer;
    struct State;
    explicit Lease(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
  };

  static Result<std::unique_ptr<Stemmer>> Create(const std::string& algorithm);
  ~Stemmer();

  Lease Acquire() const;

 private:
  struct Impl;
  explicit Stemmer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::text::internal
