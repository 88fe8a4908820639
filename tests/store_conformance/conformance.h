// The store conformance suite: behaviour every store::Store implementation must show, written
// against the Store interface only. Each implementation instantiates the suite with a
// StoreFactory (see sqlite_conformance_test.cc):
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(SqliteFactory()),
//                            hoptac::testing::FactoryName);
//
// Records are validated with domain::Validate before they are written, as the app does.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"
#include "domain/validate.h"
#include "store/store.h"
#include "store_conformance/temp_dir.h"

namespace hoptac::testing {

using domain::Record;
using domain::Text;
using domain::Value;
using OpenResult = Result<std::unique_ptr<store::Store>>;

struct StoreFactory {
  std::string name;
  // Opens (creating on first use) the store kept under `dir`; opening the same dir again must
  // show the same data.
  std::function<OpenResult(const std::filesystem::path& dir)> open;
  // Opens, as a store, the copy that Store::Backup wrote to `path`.
  std::function<OpenResult(const std::filesystem::path& path)> open_backup;
};

inline void PrintTo(const StoreFactory& factory, std::ostream* os) { *os << factory.name; }
inline std::string FactoryName(const ::testing::TestParamInfo<StoreFactory>& info) { return info.param.name; }

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

#define HOPTAC_CONCAT_INNER(a, b) a##b
#define HOPTAC_CONCAT(a, b) HOPTAC_CONCAT_INNER(a, b)
#define ASSERT_OK(expr)                                                                                            \
  do {                                                                                                             \
    const auto& hoptac_s_ = (expr);                                                                                \
    ASSERT_TRUE(::hoptac::testing::StatusOf(hoptac_s_).ok()) << ::hoptac::testing::StatusOf(hoptac_s_).ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                                                                            \
  do {                                                                                                             \
    const auto& hoptac_s_ = (expr);                                                                                \
    EXPECT_TRUE(::hoptac::testing::StatusOf(hoptac_s_).ok()) << ::hoptac::testing::StatusOf(hoptac_s_).ToString(); \
  } while (0)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) ASSERT_OK_AND_ASSIGN_IMPL(HOPTAC_CONCAT(hoptac_r_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr)   \
  auto tmp = (expr);                                \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).value()

inline Text Tx(std::string lang, std::string text, std::map<std::string, std::string> translations = {}) {
  return Text{.lang = std::move(lang), .text = std::move(text), .translations = std::move(translations)};
}

inline Record Rec(std::string type, std::optional<std::string> ref, std::map<std::string, Value> fields) {
  Record r;
  r.type = std::move(type);
  r.ref = std::move(ref);
  r.fields = std::move(fields);
  return r;
}

// Validates and normalises like the app before a write; a test record that fails is a test bug.
inline Record Valid(Record r) {
  const domain::TypeSpec* type = domain::FindType(r.type);
  EXPECT_NE(type, nullptr) << r.type;
  if (type == nullptr) return r;
  Status s = domain::Validate(*type, r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

inline Record Org(std::string ref, Text name, std::string country = "VN", std::string kind = "government") {
  return Valid(Rec("organisation", std::move(ref),
                   {{"name", std::move(name)}, {"kind", std::move(kind)}, {"country", std::move(country)}}));
}

inline domain::Actor Tester() { return {.name = "conformance", .kind = "system"}; }

class StoreConformance : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty()) << "cannot create a temporary directory";
    Open();
  }

  void Open() {
    auto opened = GetParam().open(dir_.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void Reopen() {
    store_.reset();
    Open();
  }
  store::Store& store() { return *store_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // Creates a validated record; on failure the test fails and an empty record comes back.
  Record Create(Record r) {
    auto created = store_->Create(std::move(r), Tester());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? std::move(created).value() : Record{};
  }

  int64_t Count(const std::string& type) {
    auto n = store_->Count(type);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  int64_t LastSeq() {
    auto seq = store_->LastChangeSeq();
    EXPECT_TRUE(seq.ok()) << seq.status().ToString();
    return seq.ok() ? *seq : -1;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace hoptac::testing
