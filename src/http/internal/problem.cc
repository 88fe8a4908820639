// Problem(): RFC 9457 problem details, the one shape of every error body the transport sends.
#include <fmt/format.h>

#include "http/internal/json_escape.h"
#include "http/server.h"

namespace hoptac::http {

Response Problem(int status, const std::string& title, const std::string& detail,
                 const std::string& extra_members_json) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  std::string& b = r.body;
  b.reserve(64 + title.size() + detail.size() + extra_members_json.size());
  b.append("{\"type\":\"about:blank\",\"title\":");
  internal::AppendJsonString(b, title);
  fmt::format_to(std::back_inserter(b), ",\"status\":{},\"detail\":", status);
  internal::AppendJsonString(b, detail);
  if (!extra_members_json.empty()) {
    b.push_back(',');
    b.append(extra_members_json);
  }
  b.push_back('}');
  return r;
}

}  // namespace hoptac::http
