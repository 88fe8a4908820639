// The query string of GET /api/v1/search read into an index::SearchQuery: which parameters exist,
// and the checks on their values. Kept apart from the handler so it can be fuzzed and tested
// without a server. Pure function, no I/O; thread-safe.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "index/index.h"

namespace hoptac::http::internal {

// `query`: the decoded parameters (DecodeTarget); `lang`: the language picked for labels in the
// results. Unknown parameters and bad values are refused as InvalidArgument, one FieldError each
// (named by the parameter), all of them at once.
Result<index::SearchQuery> ParseSearchQuery(const std::multimap<std::string, std::string>& query,
                                            const std::string& lang);

}  // namespace hoptac::http::internal
