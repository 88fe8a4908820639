// Api: hoptac's JSON API under /api/v1, as one route table (api.cc) over app::App. Handlers are thin:
// parse, call the use case, map the result; StatusToHttp is the one place that turns a domain
// Status into an HTTP status code. Thread-safe: holds no mutable state of its own.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
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
  explicit Api(app::App& app) : app_(app) {}

  std::optional<Response> TryFast(const Request& request) override;
  Response Handle(const Request& request) override;

  // Every operation of the route table, expanded per record type.
  static std::vector<RouteInfo> Routes();

 private:
  app::App& app_;
};

int StatusToHttp(const Status& status);

// The OpenAPI 3.1 document for Routes() (openapi.cc).
std::string OpenApiJson();

}  // namespace hoptac::http
