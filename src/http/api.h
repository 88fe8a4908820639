// Api: hoptac's JSON API under /api/v1, as one route table (api.cc) over app::App. Handlers are thin:
// parse, call the use case, map the result; StatusToHttp is the one place that turns a domain
// Status into an HTTP status code. Thread-safe: its only mutable state is the response cache,
// which is internally synchronised.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "http/response_cache.h"
#include "http/server.h"

namespace hoptac::http {

// One operation the API serves, as listed in the OpenAPI document.
struct RouteInfo {
  std::string method;   // "GET"
  std::string path;     // OpenAPI template: "/api/v1/profiles/{id}"
  std::string summary;
  bool needs_token;     // always for writes; for reads of private types
  std::string type;     // record type for collection routes, else empty
};

class Api : public Dispatcher {
 public:
  struct Options {
    bool response_cache = true;  // answer repeated anonymous reads from memory while nothing changed
  };
  explicit Api(app::App& app) : Api(app, Options{}) {}
  Api(app::App& app, Options options) : app_(app), options_(options) {}

  std::optional<Response> TryFast(const Request& request) override;
  Response Handle(const Request& request) override;

  // Every operation of the route table, expanded per record type.
  static std::vector<RouteInfo> Routes();

 private:
  Response Route(const Request& request);
  // The cache key of an anonymous GET whose answer can be reused, or nullopt.
  std::optional<std::string> CacheKey(const Request& request) const;

  app::App& app_;
  Options options_;
  ResponseCache responses_;
};

int StatusToHttp(const Status& status);

// The OpenAPI 3.1 document for Routes() (openapi.cc).
std::string OpenApiJson();

}  // namespace hoptac::http
