// GET /api/v1/search: the query string as the server decodes it (DecodeTarget) and reads it
// (ParseSearchQuery), then the search itself over a small index of real documents in Chinese,
// Vietnamese, French and English with the real thesaurus: query analysis (segmentation, folding,
// prefix and typo expansion, concepts, name keys), ranking, facets and snippets. Inputs whose
// first byte is odd also go to the index as raw bytes, past the HTTP layer's UTF-8 checks.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz/fuzz_support.h"
#include "http/internal/request_target.h"
#include "http/internal/search_params.h"
#include "http/messages.h"
#include "index/index.h"

using namespace hoptac;

namespace {

index::DocInput Doc(std::string type, int64_t id, std::string lang, std::string title, std::string summary,
                    std::string country, std::string kind) {
  index::DocInput d{.type = std::move(type), .id = id};
  d.parts.push_back({.text = title, .lang = lang, .weight = 2.0f, .name = d.type == "organisation"});
  d.parts.push_back({.text = summary, .lang = lang, .weight = 1.0f});
  d.title = std::move(title);
  d.title_lang = lang;
  d.summary = std::move(summary);
  d.summary_lang = std::move(lang);
  d.kind = std::move(kind);
  d.subject = d.type == "profile" ? "technology" : "";
  d.status = id % 5 == 0 ? "draft" : "published";
  d.country = std::move(country);
  d.locality = d.country == "VN" ? "Lạng Sơn" : "南宁";
  d.date = "2025-0" + std::to_string(1 + id % 9) + "-15";
  d.target_countries = {"VN", "CN"};
  d.organisation = 100 + id % 3;
  return d;
}

const index::Index& TheIndex() {
  static const index::Index* index = [] {
    const auto& w = fuzz::TextWorld::Get();
    auto* idx = new index::Index({.analyzers = *w.analyzers, .tagger = w.tagger.get(), .thesaurus = w.thesaurus.get()});
    idx->Bulk({
        Doc("organisation", 100, "zh-Hans", "广西人工智能应用合作中心", "中国—东盟人工智能应用合作中心，南宁", "CN",
            "government"),
        Doc("organisation", 101, "vi", "Sở Khoa học và Công nghệ Lạng Sơn", "Quảng Tây và Việt Nam hợp tác", "VN",
            "government"),
        Doc("organisation", 102, "fr", "Université de Hanoï des sciences", "Coopération franco-vietnamienne", "VN",
            "university"),
        Doc("profile", 1, "vi", "Dự báo sâu bệnh hại lúa bằng trí tuệ nhân tạo",
            "Hợp tác xã cần hệ thống cảnh báo sớm sâu bệnh cho nông nghiệp", "VN", "request"),
        Doc("profile", 2, "zh-Hans", "水稻病虫害智能识别与无人机植保", "基于深度学习的图像识别，提供无人机喷洒服务",
            "CN", "offer"),
        Doc("profile", 3, "en", "Computer vision for shrimp farming", "Water quality monitoring with IoT sensors", "CN",
            "offer"),
        Doc("profile", 4, "fr", "Traduction automatique pour l'administration",
            "Modèles de langue pour le vietnamien et le chinois", "VN", "request"),
        Doc("profile", 5, "zh-Hant", "智慧醫療影像輔助診斷", "醫院人工智慧合作", "CN", "offer"),
        Doc("case", 6, "vi", "Nuôi tôm thông minh ở Cà Mau", "Giảm 30% chi phí thức ăn", "VN", ""),
        Doc("document", 7, "fr", "Le Guangxi et le Vietnam coopèrent dans l'IA",
            "Cinq sessions de formation en 2025, plus de 200 participants", "CN", ""),
    });
    return idx;
  }();
  return *index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  const uint8_t choice = in.Byte();
  const std::string target = "/api/v1/search?" + std::string(in.Rest());
  (void)http::internal::RedactTarget(target);
  (void)http::internal::DecodeTarget(in.Rest());  // the whole input as a request target, too

  if (choice & 1) {
    // Past the HTTP layer: whatever bytes a caller of Index::Search might hand it.
    fuzz::Input raw(data + 1, size - (size ? 1 : 0));
    index::SearchQuery q{.lang = std::string(raw.Line())};
    q.q = std::string(raw.Rest());
    q.published_only = (choice & 2) != 0;
    q.limit = 1 + choice % 7;
    q.offset = choice % 3;
    auto result = TheIndex().Search(q);
    if (result.ok()) HOPTAC_FUZZ_CHECK(result->hits.size() <= q.limit);
    return 0;
  }

  auto decoded = http::internal::DecodeTarget(target);
  if (!decoded.ok()) return 0;
  HOPTAC_FUZZ_CHECK(decoded->path == "/api/v1/search");
  auto lang_param = decoded->query.find("lang");
  const std::string lang = http::PickLanguage(lang_param == decoded->query.end() ? "" : lang_param->second, "");
  auto q = http::internal::ParseSearchQuery(decoded->query, lang);
  if (!q.ok()) {
    HOPTAC_FUZZ_CHECK(q.status().code() == Code::kInvalidArgument && !q.status().field_errors().empty());
    return 0;
  }
  HOPTAC_FUZZ_CHECK(q->limit >= 1 && q->limit <= 100 && q->offset <= 10000);
  q->published_only = (choice & 2) != 0;
  auto result = TheIndex().Search(*q);
  if (result.ok()) {
    HOPTAC_FUZZ_CHECK(result->hits.size() <= q->limit);
    HOPTAC_FUZZ_CHECK(result->total >= result->hits.size());
  }
  return 0;
}
