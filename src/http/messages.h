// The API's user-facing messages in zh-Hans, vi, en and fr. Validation errors carry a stable code
// (core/status.h FieldError::code); this catalogue turns a code into a sentence in the caller's
// language. English keeps the detailed message the domain wrote. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace hoptac::http {

// "zh-Hans", "vi", "en" or "fr", from ?lang= or Accept-Language; "en" by default.
std::string PickLanguage(std::string_view lang_param, std::string_view accept_language);
// The message for a field error code in `lang`; `english` when lang is en or the code is unknown.
std::string FieldMessage(std::string_view code, std::string_view lang, const std::string& english);
// Problem titles by HTTP status.
std::string ProblemTitle(int status, std::string_view lang);
// The sentence that introduces validation errors ("The request has invalid fields.").
std::string InvalidFieldsDetail(std::string_view lang, size_t count);

}  // namespace hoptac::http
