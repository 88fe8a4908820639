// Test data for the conformance suite: one record of every type, every field set, in Chinese,
// Vietnamese (with its diacritics) and French, and helpers to compare records.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store_conformance/conformance.h"

namespace hoptac::testing {

// In schema order; references are given as ref strings.
inline std::vector<Record> EveryType() {
  std::string long_body;
  for (int i = 0; i < 200; ++i) long_body += "中国—东盟人工智能应用合作中心在南宁举办培训。";
  return {
      Valid(Rec("organisation", "org-gx",
                {{"name", Tx("zh-Hans", "广西壮族自治区人民政府",
                             {{"en", "People's Government of Guangxi"},
                              {"vi", "Chính phủ Nhân dân Khu tự trị dân tộc Choang Quảng Tây"}})},
                 {"kind", "government"},
                 {"country", "CN"},
                 {"locality", "南宁"},
                 {"locality_code", "CN-GX"},
                 {"description", Tx("zh-Hans", "中国—东盟人工智能应用合作中心所在地")},
                 {"website", "https://www.gxzf.gov.cn"}})),
      Valid(Rec("organisation", "org-ls",
                {{"name", Tx("vi", "Sở Nông nghiệp và Phát triển nông thôn Lạng Sơn",
                             {{"fr", "Direction de l'agriculture de Lạng Sơn"}})},
                 {"kind", "government"},
                 {"country", "VN"},
                 {"locality", "Lạng Sơn"},
                 {"locality_code", "VN-09"}})),
      Valid(Rec("person", "p-huong",
                {{"name", "Nguyễn Thị Hương"},
                 {"organisation", "org-ls"},
                 {"role", "Giám đốc"},
                 {"email", "huong@example.vn"},
                 {"languages", domain::List{"vi", "fr"}},
                 {"country", "VN"},
                 {"locality", "Lạng Sơn"}})),
      Valid(
          Rec("profile", "prof-1",
              {{"organisation", "org-ls"},
               {"kind", "request"},
               {"subject", "technology"},
               {"title", Tx("vi", "Dự báo sâu bệnh lúa bằng AI", {{"fr", "Prévision des ravageurs du riz par l'IA"}})},
               {"summary", Tx("fr", "Un système d'alerte précoce pour les coopératives rizicoles, à l'été.")},
               {"target_countries", domain::List{"CN", "VN"}},
               {"deadline", "2026-06-30"},
               {"status", "published"}})),
      Valid(Rec("case", "case-1",
                {{"title", Tx("fr", "Reconnaissance optique des factures à Cao Bằng")},
                 {"summary", Tx("vi", "Số hoá hoá đơn cho hợp tác xã")},
                 {"supplier", "org-gx"},
                 {"adopter", "org-ls"},
                 {"country", "VN"},
                 {"locality", "Cao Bằng"},
                 {"domain", "agriculture"},
                 {"year", 2025},
                 {"outcome", Tx("vi", "Giảm 40% thời gian xử lý")}})),
      Valid(Rec("agreement", "agr-1",
                {{"title", Tx("zh-Hans", "人工智能合作备忘录")},
                 {"parties", domain::List{"org-gx", "org-ls"}},
                 {"agreement_type", "mou"},
                 {"signed_date", "2025-09-18"},
                 {"signed_place", "Nam Ninh"},
                 {"status", "signed"}})),
      Valid(Rec("project", "proj-1",
                {{"title", Tx("vi", "Trung tâm dữ liệu nông nghiệp Lạng Sơn")},
                 {"summary", Tx("fr", "Entrepôt de données agricoles et tableaux de bord.")},
                 {"parties", domain::List{"org-ls", "org-gx"}},
                 {"stage", "in_progress"},
                 {"value", 1250000.5},
                 {"currency", "CNY"},
                 {"agreement", "agr-1"},
                 {"case", "case-1"},
                 {"country", "VN"},
                 {"start_date", "2025-10-01"}})),
      Valid(Rec("programme", "prog-1",
                {{"title", Tx("fr", "Formation à l'IA pour les fonctionnaires")},
                 {"description", Tx("fr", "Cinq sessions en 2025, à Nanning et en ligne.")},
                 {"provider", "org-gx"},
                 {"target_countries", domain::List{"VN", "LA", "KH"}},
                 {"language", "fr"}})),
      Valid(Rec("session", "sess-1",
                {{"programme", "prog-1"},
                 {"title", Tx("vi", "Khoá học tháng Mười")},
                 {"start_date", "2025-10-13"},
                 {"end_date", "2025-10-17"},
                 {"venue", "Hà Nội"},
                 {"online", true},
                 {"language", "vi"},
                 {"capacity", 40},
                 {"country", "VN"},
                 {"locality", "Hà Nội"}})),
      Valid(Rec("enrolment", "enr-1", {{"person", "p-huong"}, {"session", "sess-1"}, {"status", "accepted"}})),
      Valid(Rec("document", "doc-1",
                {{"title", Tx("zh-Hans", "中国—东盟人工智能应用合作中心简介")},
                 {"body", Tx("zh-Hans", long_body)},
                 {"date", "2025-09-01"},
                 {"source", "广西日报"},
                 {"url", "https://example.cn/article"}})),
      Valid(Rec("interest", "int-1",
                {{"profile", "prof-1"},
                 {"organisation", "org-gx"},
                 {"name", "黄伟"},
                 {"email", "huang.wei@example.cn"},
                 {"message", Tx("zh-Hans", "我们有水稻病虫害识别模型，愿意在谅山试点。")},
                 {"status", "new"}})),
      Valid(Rec("consent", "con-1",
                {{"person", "p-huong"},
                 {"purpose", "cross_border_transfer"},
                 {"law", "pipl_and_decree_13_2023"},
                 {"destination_country", "CN"},
                 {"granted_at", "2025-09-01"},
                 {"text_version", "2025-08"},
                 {"text", Tx("vi", "Tôi đồng ý chuyển dữ liệu cá nhân sang Trung Quốc để tham gia khoá đào tạo.")}})),
  };
}

// Ids of stored records by "type/ref".
using IdsByRef = std::map<std::string, int64_t>;

// The record's fields with every ref string replaced by the id it names, as the store returns them.
inline std::map<std::string, Value> WithIds(const Record& r, const IdsByRef& ids) {
  const domain::TypeSpec* type = domain::FindType(r.type);
  auto fields = r.fields;
  for (const auto& spec : type->fields) {
    auto it = fields.find(spec.name);
    if (it == fields.end()) continue;
    auto resolve = [&](Value& v) {
      if (v.is_string()) v = Value(ids.at(spec.target + "/" + v.as_string()));
    };
    if (spec.kind == domain::FieldKind::kRef) resolve(it->second);
    if (spec.kind == domain::FieldKind::kRefs) {
      for (auto& item : it->second.as_list()) resolve(item);
    }
  }
  return fields;
}

inline void ExpectSameRecord(const Record& a, const Record& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.ref, b.ref);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_TRUE(a.fields == b.fields) << a.type << " " << a.id << ": fields differ";
}

}  // namespace hoptac::testing
