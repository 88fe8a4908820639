// hoptac-gen-jsonl N: writes N import lines (one organisation per 10 records, the rest profiles
// pointing at them) in Chinese, Vietnamese, English and French to stdout. Deterministic.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 100000;
  std::mt19937_64 rng(42);
  const char* org_names[] = {"Sở Nông nghiệp và Môi trường tỉnh", "广西智能科技有限公司", "Hanoi AI Lab",
                             "Institut de technologie agricole"};
  const char* org_langs[] = {"vi", "zh-Hans", "en", "fr"};
  const char* countries[] = {"VN", "CN", "LA", "KH", "FR", "TH"};
  const char* titles[] = {
      "Cần giải pháp AI nhận diện sâu bệnh trên lúa cho nông dân",
      "水稻病虫害AI智能识别系统，支持越南语界面",
      "Drone-based crop spraying and field mapping service",
      "Recherche de partenaires pour la prévision des crues par télédétection",
      "Hệ thống cảnh báo sớm lũ quét và sạt lở đất",
      "跨境物流智能通关与报关单据OCR识别",
  };
  const char* title_langs[] = {"vi", "zh-Hans", "en", "fr", "vi", "zh-Hans"};
  const char* summaries[] = {
      "Tỉnh cần một hệ thống dùng điện thoại chụp ảnh lá lúa để nhận diện rầy nâu, đạo ôn và đưa ra khuyến cáo.",
      "系统在3秒内识别稻飞虱、稻瘟病等常见病虫害，识别准确率超过92%，并给出防治建议。",
      "We operate a fleet of agricultural drones with trained pilots and offer spraying by the hectare.",
      "Nous cherchons un partenaire pour un système d'alerte précoce fondé sur l'imagerie satellitaire.",
      "Kết nối dữ liệu mưa, mực nước và ảnh vệ tinh để cảnh báo sớm cho các xã vùng núi.",
      "基于深度学习的报关单、发票、箱单识别，准确率99%，支持中越双语。",
  };
  long orgs = 0;
  for (long i = 0; i < n; ++i) {
    if (i % 10 == 0) {
      int k = static_cast<int>(rng() % 4);
      std::printf(
          "{\"type\":\"organisation\",\"ref\":\"g-org-%ld\",\"name\":{\"lang\":\"%s\",\"text\":\"%s %ld\"},"
          "\"kind\":\"enterprise\",\"country\":\"%s\",\"region\":\"Region %ld\"}\n",
          orgs, org_langs[k], org_names[k], orgs, countries[rng() % 6], orgs % 50);
      ++orgs;
      continue;
    }
    int t = static_cast<int>(rng() % 6);
    std::printf(
        "{\"type\":\"profile\",\"ref\":\"g-p-%ld\",\"org\":\"g-org-%ld\",\"kind\":\"%s\",\"subject\":\"technology\","
        "\"title\":{\"lang\":\"%s\",\"text\":\"%s #%ld\"},\"summary\":{\"lang\":\"%s\",\"text\":\"%s\"},"
        "\"target_countries\":[\"VN\",\"%s\"],\"deadline\":\"2027-%02d-15\",\"status\":\"published\"}\n",
        i, orgs - 1, (rng() & 1) ? "offer" : "request", title_langs[t], titles[t], i, title_langs[t], summaries[t],
        countries[rng() % 6], static_cast<int>(rng() % 12) + 1);
  }
  return 0;
}
