// Value: one field of a record. A small closed set of shapes that every record type is built from;
// the schema (schema.h) says which shape each field takes. Plain data, copyable, thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace hoptac::domain {

// Multilingual text: the original text with its BCP-47 tag, and optional translations by tag.
struct Text {
  std::string lang;
  std::string text;
  std::map<std::string, std::string> translations;
  bool operator==(const Text&) const = default;
};

struct Value;
using List = std::vector<Value>;

struct Value {
  // monostate = absent/null. A reference field holds int64 (an id) or, on input only, a string
  // (the `ref` of the target, resolved by the store).
  std::variant<std::monostate, bool, int64_t, double, std::string, Text, List> v;

  Value() = default;
  Value(bool b) : v(b) {}                      // NOLINT
  Value(int64_t i) : v(i) {}                   // NOLINT
  Value(int i) : v(static_cast<int64_t>(i)) {} // NOLINT
  Value(double d) : v(d) {}                    // NOLINT
  Value(std::string s) : v(std::move(s)) {}    // NOLINT
  Value(const char* s) : v(std::string(s)) {}  // NOLINT
  Value(Text t) : v(std::move(t)) {}           // NOLINT
  Value(List l) : v(std::move(l)) {}           // NOLINT

  bool is_null() const { return v.index() == 0; }
  bool is_bool() const { return std::holds_alternative<bool>(v); }
  bool is_int() const { return std::holds_alternative<int64_t>(v); }
  bool is_double() const { return std::holds_alternative<double>(v); }
  bool is_string() const { return std::holds_alternative<std::string>(v); }
  bool is_text() const { return std::holds_alternative<Text>(v); }
  bool is_list() const { return std::holds_alternative<List>(v); }
  bool as_bool() const { return std::get<bool>(v); }
  int64_t as_int() const { return std::get<int64_t>(v); }
  double as_double() const { return is_int() ? static_cast<double>(as_int()) : std::get<double>(v); }
  const std::string& as_string() const { return std::get<std::string>(v); }
  const Text& as_text() const { return std::get<Text>(v); }
  const List& as_list() const { return std::get<List>(v); }
  List& as_list() { return std::get<List>(v); }
  bool operator==(const Value&) const = default;
};

}  // namespace hoptac::domain
