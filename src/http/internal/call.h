// What the API's handlers share: the call, problem+json responses, the caller's identity (API
// token or browser session with its CSRF check), ids and JSON bodies. Internal to http/; the
// handlers live in api.cc (records, search) and accounts_api.cc (accounts, audit, personal data).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "domain/schema.h"
#include "http/server.h"

namespace hoptac::http::internal {

inline constexpr std::string_view kApiPrefix = "/api/v1/";
inline constexpr std::string_view kSessionCookie = "hoptac_session";

// Everything a handler needs to know about the call.
struct Call {
  const Request& req;
  app::App& app;
  std::string lang;
  const domain::TypeSpec* type = nullptr;  // for collection routes
  int64_t id = 0;                          // for item routes
};

Response Json(int status, std::string body);
Response ProblemFor(const Call& call, int status, const std::string& detail,
                    const nlohmann::json& errors = nullptr, const std::string& code = "");
Response FromStatus(const Call& call, const Status& status);

// The caller: a Bearer token, else the session cookie, else anonymous (or Unauthenticated when
// `required`). A change (POST/PUT/PATCH/DELETE) made with the session cookie must carry the
// session's CSRF token in X-CSRF-Token, else PermissionDenied.
Result<app::Principal> Who(const Call& call, bool required);
// The value of the session cookie, or empty.
std::string SessionCookie(const Request& req);
bool HasSessionCookie(const Request& req);

std::optional<int64_t> ParseId(std::string_view s);

// In a handler: return the problem response for a failed Status.
#define HOPTAC_RETURN_IF_ERROR_RESPONSE(call, expr)         \
  do {                                                      \
    ::hoptac::Status hoptac_s_ = (expr);                    \
    if (!hoptac_s_.ok()) return FromStatus(call, hoptac_s_); \
  } while (false)
// The body as a JSON object, or InvalidArgument naming the problem (malformed, not an object).
Result<nlohmann::json> BodyObject(const Call& call);

}  // namespace hoptac::http::internal
