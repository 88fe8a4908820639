// Content-Type for a static file, chosen by its extension. Text types carry charset=utf-8.
#pragma once

#include <string_view>

namespace hoptac::http::internal {

// `extension` without the dot, any case ("js", "WOFF2"). Unknown: application/octet-stream.
std::string_view MimeType(std::string_view extension);

}  // namespace hoptac::http::internal
