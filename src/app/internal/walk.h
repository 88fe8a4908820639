// Small helpers shared by app/'s use cases: reading a scalar field as text, and visiting every
// record of a type page by page (so no use case loads a whole table into one list).
#pragma once

#include <string>
#include <type_traits>

#include "core/status.h"
#include "domain/record.h"
#include "store/store.h"

namespace hoptac::app {

// A string field as is, an int field in decimal, anything else (or absent) empty.
inline std::string FieldText(const domain::Record& r, const std::string& field) {
  const auto* v = r.Get(field);
  if (!v) return {};
  if (v->is_string()) return v->as_string();
  if (v->is_int()) return std::to_string(v->as_int());
  return {};
}

// Calls each(Record&) for every record of `type` in id order; stops at the first store error, or
// at the first non-ok Status `each` returns when it returns one.
template <typename F>
Status ForEachRecord(store::Store& store, const std::string& type, F&& each) {
  store::ListQuery q{.type = type, .limit = 500};
  while (true) {
    auto page = store.List(q);
    if (!page.ok()) return page.status();
    for (auto& r : page->items) {
      if constexpr (std::is_same_v<decltype(each(r)), Status>) {
        HOPTAC_RETURN_IF_ERROR(each(r));
      } else {
        each(r);
      }
    }
    if (!page->next_after_id) return Status::Ok();
    q.after_id = page->next_after_id;
  }
}

}  // namespace hoptac::app
