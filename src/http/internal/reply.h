// What a session writes back: a Response, whose body may instead live in a shared immutable
// buffer (a cached static file), so cached files are written without a copy.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "http/server.h"

namespace hoptac::http::internal {

struct Reply {
  Response response;
  std::shared_ptr<const std::string> shared_body;  // when set, the body; response.body is unused

  Reply() = default;
  explicit Reply(Response r) : response(std::move(r)) {}

  std::string_view Body() const {
    return shared_body ? std::string_view(*shared_body) : std::string_view(response.body);
  }
};

}  // namespace hoptac::http::internal
