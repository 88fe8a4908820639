#include "generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "text/thesaurus.h"

namespace hoptac::bench {

namespace {

// --- randomness: SplitMix64, identical everywhere ----------------------------------------------

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t id) : state_(Mix(seed ^ Mix(stream * 0x100000001b3ULL ^ Mix(id)))) {}
  uint64_t Next() { return Mix(state_ += 0x9e3779b97f4a7c15ULL); }
  size_t Below(size_t n) { return std::min(n - 1, static_cast<size_t>(Unit() * static_cast<double>(n))); }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) { return a[Below(N)]; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }
  // Index drawn with the given weights (need not sum to 1).
  template <typename W>
  size_t Weighted(const W& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Unit() * total;
    for (size_t i = 0; i < std::size(weights); ++i) {
      if ((x -= weights[i]) < 0) return i;
    }
    return std::size(weights) - 1;
  }

 private:
  uint64_t state_;
};

enum Stream : uint64_t { kOrganisationStream = 1, kProfileStream, kSearchStream, kMatchStream, kVocabularyStream };

// --- languages, countries, places --------------------------------------------------------------

enum Lang { kZh, kVi, kEn, kFr, kLangCount };
constexpr std::array<const char*, kLangCount> kLangTags = {"zh-Hans", "vi", "en", "fr"};

struct Country {
  const char* code;
  double weight;             // share of organisations
  double offer_share;        // share of their profiles that are offers
  std::array<double, kLangCount> offer_langs, request_langs;  // language of their profiles
  std::array<double, kLangCount> name_langs;                  // language of their names
};

// China offers, mostly in Chinese and English; Vietnam, Laos, Cambodia... ask, in Vietnamese,
// French and English.
constexpr std::array<Country, 11> kCountries = {{
    {"CN", 40, 0.75, {60, 0, 40, 0}, {70, 0, 30, 0}, {100, 0, 0, 0}},
    {"VN", 25, 0.25, {0, 70, 20, 10}, {0, 70, 20, 10}, {0, 90, 10, 0}},
    {"TH", 6, 0.5, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"LA", 6, 0.25, {0, 10, 45, 45}, {0, 10, 45, 45}, {0, 0, 70, 30}},
    {"KH", 6, 0.25, {0, 10, 45, 45}, {0, 10, 45, 45}, {0, 0, 70, 30}},
    {"MY", 4, 0.5, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"ID", 4, 0.25, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"PH", 3, 0.25, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"SG", 3, 0.5, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"MM", 2, 0.25, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
    {"BN", 1, 0.25, {5, 0, 90, 5}, {5, 0, 90, 5}, {0, 0, 100, 0}},
}};

struct Place {
  const char* country;
  std::array<const char*, kLangCount> names;
};

constexpr std::array<Place, 31> kPlaces = {{
    {"CN", {"广西", "Quảng Tây", "Guangxi", "Guangxi"}},
    {"CN", {"南宁", "Nam Ninh", "Nanning", "Nanning"}},
    {"CN", {"云南", "Vân Nam", "Yunnan", "Yunnan"}},
    {"CN", {"昆明", "Côn Minh", "Kunming", "Kunming"}},
    {"CN", {"广东", "Quảng Đông", "Guangdong", "Guangdong"}},
    {"CN", {"深圳", "Thâm Quyến", "Shenzhen", "Shenzhen"}},
    {"CN", {"桂林", "Quế Lâm", "Guilin", "Guilin"}},
    {"CN", {"钦州", "Khâm Châu", "Qinzhou", "Qinzhou"}},
    {"CN", {"凭祥", "Bằng Tường", "Pingxiang", "Pingxiang"}},
    {"VN", {"河内", "Hà Nội", "Hanoi", "Hanoï"}},
    {"VN", {"胡志明市", "Thành phố Hồ Chí Minh", "Ho Chi Minh City", "Hô-Chi-Minh-Ville"}},
    {"VN", {"岘港", "Đà Nẵng", "Da Nang", "Da Nang"}},
    {"VN", {"海防", "Hải Phòng", "Haiphong", "Haïphong"}},
    {"VN", {"谅山", "Lạng Sơn", "Lang Son", "Lang Son"}},
    {"VN", {"芹苴", "Cần Thơ", "Can Tho", "Can Tho"}},
    {"VN", {"金瓯", "Cà Mau", "Ca Mau", "Ca Mau"}},
    {"VN", {"老街", "Lào Cai", "Lao Cai", "Lao Cai"}},
    {"VN", {"安江", "An Giang", "An Giang", "An Giang"}},
    {"LA", {"万象", "Viêng Chăn", "Vientiane", "Vientiane"}},
    {"LA", {"琅勃拉邦", "Luông Pha Băng", "Luang Prabang", "Luang Prabang"}},
    {"KH", {"金边", "Phnôm Pênh", "Phnom Penh", "Phnom Penh"}},
    {"KH", {"暹粒", "Xiêm Riệp", "Siem Reap", "Siem Reap"}},
    {"TH", {"曼谷", "Băng Cốc", "Bangkok", "Bangkok"}},
    {"TH", {"清迈", "Chiềng Mai", "Chiang Mai", "Chiang Mai"}},
    {"MY", {"吉隆坡", "Kuala Lumpur", "Kuala Lumpur", "Kuala Lumpur"}},
    {"MY", {"槟城", "Penang", "Penang", "Penang"}},
    {"ID", {"雅加达", "Jakarta", "Jakarta", "Jakarta"}},
    {"ID", {"泗水", "Surabaya", "Surabaya", "Surabaya"}},
    {"PH", {"马尼拉", "Manila", "Manila", "Manille"}},
    {"SG", {"新加坡", "Singapore", "Singapore", "Singapour"}},
    {"MM", {"仰光", "Yangon", "Yangon", "Rangoun"}},
}};

// --- organisation names ------------------------------------------------------------------------

struct NameTemplate {
  const char* pattern;  // {B}: a brand, {P}: a place of the organisation's country
  const char* kind;
};

constexpr std::array<NameTemplate, 10> kZhNames = {{
    {"{P}{B}科技有限公司", "enterprise"},
    {"{P}{B}农业发展有限公司", "enterprise"},
    {"{P}{B}信息技术有限公司", "enterprise"},
    {"{P}{B}智能装备有限公司", "enterprise"},
    {"{P}{B}数字科技股份有限公司", "enterprise"},
    {"{P}大学", "university"},
    {"{P}{B}研究院", "research_institute"},
    {"{P}职业技术学院", "training_provider"},
    {"{P}人民医院", "hospital"},
    {"{P}{B}农业专业合作社", "cooperative"},
}};
constexpr std::array<NameTemplate, 10> kViNames = {{
    {"Công ty TNHH {B}", "enterprise"},
    {"Công ty Cổ phần Công nghệ {B}", "enterprise"},
    {"Công ty TNHH Thương mại và Dịch vụ {B}", "enterprise"},
    {"Hợp tác xã Nông nghiệp {B}", "cooperative"},
    {"Sở Nông nghiệp và Môi trường {P}", "government"},
    {"Trường Đại học {B}", "university"},
    {"Bệnh viện Đa khoa {P}", "hospital"},
    {"Viện Khoa học Công nghệ {B}", "research_institute"},
    {"Trung tâm Chuyển đổi số {P}", "government"},
    {"Hiệp hội Doanh nghiệp {P}", "association"},
}};
constexpr std::array<NameTemplate, 10> kEnNames = {{
    {"{B} Technologies Co., Ltd.", "enterprise"},
    {"{B} Agritech", "enterprise"},
    {"{B} Digital Solutions", "enterprise"},
    {"{B} Logistics Group", "enterprise"},
    {"{P} Provincial Hospital", "hospital"},
    {"University of {P}", "university"},
    {"{P} Institute of Technology", "research_institute"},
    {"{B} Farmers Cooperative", "cooperative"},
    {"{P} Chamber of Commerce", "association"},
    {"Department of Agriculture, {P}", "government"},
}};
constexpr std::array<NameTemplate, 8> kFrNames = {{
    {"Université de {P}", "university"},
    {"Institut de technologie de {P}", "research_institute"},
    {"Coopérative agricole {B}", "cooperative"},
    {"Chambre de commerce de {P}", "association"},
    {"{B} Conseil", "enterprise"},
    {"{B} Solutions numériques", "enterprise"},
    {"Centre hospitalier de {P}", "hospital"},
    {"Agence de développement numérique de {P}", "government"},
}};

constexpr std::array<const char*, 40> kZhBrandChars = {
    "农", "智", "绿", "华", "信", "海", "川", "中", "科", "东", "盟", "联", "天", "成", "汇", "通", "博", "创", "恒", "丰",
    "丝", "路", "云", "图", "数", "研", "南", "方", "金", "穗", "瑞", "达", "百", "越", "桂", "鸿", "锐", "星", "启", "航"};
constexpr std::array<const char*, 28> kViSyllables = {
    "Minh", "Phát", "Hoàng", "Long", "An", "Khang", "Tân", "Việt", "Sao", "Mai", "Phú", "Thịnh", "Thành", "Đạt",
    "Hưng", "Bình", "Nam", "Hải", "Âu", "Lạc", "Hồng", "Phong", "Trí", "Đức", "Gia", "Nguyên", "Quang", "Thái"};
constexpr std::array<const char*, 24> kEnBrands = {
    "Mekong", "Lotus", "Angkor", "Lanna", "Borneo", "Sunda", "Garuda", "Siam", "Champa", "Orchid", "Monsoon", "Jade",
    "Delta", "Coral", "Teak", "Bamboo", "Sapphire", "Horizon", "Pioneer", "Summit", "Nova", "Lumen", "Kinetic", "Terra"};
constexpr std::array<const char*, 10> kEnBrandSuffixes = {"", " Green", " Smart", " Blue", " Bright", " Data",
                                                          " Agro", " Vision", " Link", " Wave"};

// --- profile text ------------------------------------------------------------------------------
// Slots: {T} {T2} technologies, {D} {D2} domains, {C} a cooperation theme, {I} an organisation type,
// {P} a place, {N} a count, {K} a percentage, {H} households or hectares, {Y} a year.

struct Templates {
  std::vector<const char*> titles, intros, details;
};

// [language][0 = offer, 1 = request]
const std::array<std::array<Templates, 2>, kLangCount>& ProfileTemplates() {
  static const std::array<std::array<Templates, 2>, kLangCount> kTemplates = {{
      // zh-Hans
      {{
          {{"面向{P}的{D}{T}解决方案", "{T}在{D}中的应用与{C}", "提供{D}领域{T}技术及{C}服务",
            "成熟的{D}{T}平台，诚招{P}合作伙伴", "{D}智能化整体方案：{T}与{T2}", "出口{D}智能设备，内置{T}功能",
            "{T}赋能{D}：技术转让与本地化服务"},
           {"我们的{T}系统已在{P}的{N}个项目中应用于{D}。", "公司专注于{T}和{T2}，帮助{I}提升{D}水平。",
            "我们拥有{N}名工程师，长期为{D}提供{T}解决方案。", "本公司位于{P}，可提供{D}领域的{C}。"},
           {"田间试验中识别准确率超过{K}%。", "系统支持本地语言界面、离线运行和本地化部署。",
            "可提供{C}，并为当地工程师和技术人员开展培训。", "现诚招{P}的经销商和试点合作伙伴。",
            "客户包括{N}多家{I}。", "平台将{T2}与现有{D}数据结合，可在低成本设备上运行。",
            "可提供越南语和英语界面，计划于{Y}年推出老挝语版本。", "价格适合小农户和地方预算。",
            "已在{D2}领域完成{N}个示范项目。"}},
          {{"寻求{D}领域{T}合作伙伴", "{P}{I}需要{D}方面的{T}技术", "征集{T}在{D}中的{C}方案",
            "寻找具有{T}经验的{D}专家团队", "{P}{D}项目寻求{T}技术支持与{C}"},
           {"本单位需要{T}解决方案，以提升{D}水平，预计覆盖{H}户。", "我们正在寻找在{D}方面有成熟{T}经验的合作伙伴。",
            "{P}主管部门计划利用{T}推进{D}现代化。"},
           {"系统须在网络信号弱的地区稳定运行，并提供本地语言界面。", "希望与中国企业开展{C}，计划于{Y}年启动试点。",
            "预算有限，优先考虑已在{D}中应用的成熟方案。", "我们也关注{T2}以及员工培训。",
            "计划在{Y}年底前试点{N}台设备。", "合作方需在{P}提供现场维护和备件。",
            "项目同时涉及{D2}，欢迎有相关经验的团队。"}},
      }},
      // vi
      {{
          {{"Giải pháp {T} cho {D} tại {P}", "Cung cấp hệ thống {T} phục vụ {D} cho {P}",
            "Chuyển giao công nghệ {T} trong {D}", "Nền tảng {T} cho {D}, sẵn sàng thí điểm tại {P}",
            "Hợp tác {C} về {D} và {T}", "Thiết bị {D} tích hợp {T} giá phù hợp cho nông hộ"},
           {"Hệ thống {T} của chúng tôi đã được triển khai tại {N} điểm phục vụ {D} ở {P}.",
            "Chúng tôi phát triển sản phẩm {T} và {T2} giúp {I} nâng cao {D}.",
            "Đội ngũ {N} kỹ sư của công ty chuyên cung cấp giải pháp {T} cho {D}."},
           {"Giải pháp hỗ trợ giao diện tiếng Việt, chạy ngoại tuyến và triển khai tại chỗ.",
            "Chúng tôi sẵn sàng {C} và đào tạo kỹ sư địa phương.",
            "Độ chính xác trong thử nghiệm thực địa đạt trên {K}%.",
            "Chúng tôi đang tìm nhà phân phối và đối tác thí điểm tại {P}.", "Khách hàng của chúng tôi gồm hơn {N} {I}.",
            "Giá cả phù hợp với nông hộ nhỏ và ngân sách địa phương.",
            "Công ty đã thực hiện {N} dự án trình diễn trong lĩnh vực {D2}."}},
          {{"Cần giải pháp {T} cho {D} tại {P}", "Tìm đối tác {T} để nâng cao hiệu quả {D}",
            "{I} tại {P} cần hỗ trợ {T} trong {D}", "Tìm kiếm {C} về {D} ứng dụng {T}",
            "Cần chuyên gia {D} có kinh nghiệm {T}", "Đề xuất hợp tác {C} trong {D} tại {P}"},
           {"{I} cần một giải pháp {T} để nâng cao hiệu quả {D} cho khoảng {H} hộ.",
            "Chúng tôi đang tìm đối tác có kinh nghiệm thực tế về {T} trong {D}.",
            "Các sở ban ngành tỉnh {P} có kế hoạch hiện đại hóa {D} bằng {T}.",
            "Hợp tác xã quản lý {H} ha và muốn ứng dụng {T} cho {D}."},
           {"Hệ thống phải hoạt động được ở nơi sóng yếu và có giao diện tiếng Việt.",
            "Chúng tôi mong muốn {C} với đối tác Trung Quốc và dự kiến thí điểm trong năm {Y}.",
            "Ưu tiên các giải pháp đã được áp dụng thực tế trong {D}.",
            "Chúng tôi cũng quan tâm đến {T2} và đào tạo cán bộ.",
            "Dự kiến thí điểm {N} thiết bị trước cuối năm {Y}.", "Đối tác cần có dịch vụ bảo trì tại chỗ ở {P}.",
            "Dự án cũng liên quan đến {D2}."}},
      }},
      // en
      {{
          {{"{T} solution for {D} in {P}", "Proven {T} platform for {D}, ready for pilots in {P}",
            "Offering {C} in {D} with {T}", "Turnkey {D} system based on {T} and {T2}",
            "{T} for {D}: technology transfer and local support", "Affordable {T} tools for {I} working in {D}",
            "Export of {D} equipment with built-in {T}"},
           {"Our {T} system has been deployed at {N} sites for {D} in {P}.",
            "We develop {T} and {T2} products that help {I} improve {D}.",
            "Our team of {N} engineers builds {T} solutions for {D}.",
            "We are a company based in {P} offering {C} in {D}."},
           {"Field trials reached an accuracy above {K}% over two seasons.",
            "The solution supports local languages, offline operation and on-premise deployment.",
            "We offer {C} and can train local engineers and technicians.",
            "We are looking for distributors and pilot partners in {P}.", "Our customers include more than {N} {I}.",
            "The platform combines {T2} with existing {D} data and runs on low-cost hardware.",
            "A Vietnamese and English interface is available, and a Lao version is planned for {Y}.",
            "Prices are adapted to small farms and local budgets.",
            "We have completed {N} demonstration projects in {D2}."}},
          {{"Looking for a {T} partner to improve {D} in {P}", "Need a {T} solution for {D}",
            "Seeking {C} on {D} and {T}", "Request for partners: {T} applied to {D} in {P}",
            "{I} in {P} needs help with {T} for {D}", "Searching for {D} experts with experience in {T}"},
           {"Our organisation needs a {T} solution to improve {D} for about {H} households.",
            "We are looking for a partner with proven {T} experience in {D}.",
            "The provincial government of {P} plans to modernise {D} with {T}.",
            "We manage {H} hectares and want to use {T} for {D}."},
           {"The system must work with weak network coverage and have an interface in the local language.",
            "We welcome {C} with Chinese partners and plan a pilot in {Y}.",
            "Budget is limited, so we prefer proven solutions already used in {D}.",
            "We are also interested in {T2} and in training for our staff.",
            "A pilot of {N} units is planned before the end of {Y}.",
            "Partners should provide maintenance on site and spare parts in {P}.",
            "Data must stay in the country and the solution must follow local regulations.",
            "The project also concerns {D2}."}},
      }},
      // fr
      {{
          {{"Solution de {T} pour {D} à {P}", "Plateforme de {T} pour {D}, prête pour des projets pilotes",
            "Offre de {C} : {T} appliqué à {D}", "Transfert de technologie en {T} pour {D}",
            "Système clé en main de {D} fondé sur {T}", "Équipements de {D} intégrant {T} pour les petits exploitants"},
           {"Notre système de {T} est déployé sur {N} sites pour {D} dans la région de {P}.",
            "Nous développons des produits de {T} et de {T2} qui aident {I} en {D}.",
            "Notre équipe de {N} ingénieurs conçoit des solutions de {T} pour {D}."},
           {"La solution fonctionne hors ligne, en langue locale, et peut être installée sur site.",
            "Nous proposons {C} et la formation d'ingénieurs locaux.",
            "Les essais sur le terrain ont atteint une précision supérieure à {K} %.",
            "Nous recherchons des distributeurs et des partenaires pilotes à {P}.", "Nos clients comptent plus de {N} {I}.",
            "Les prix sont adaptés aux petites exploitations et aux budgets locaux.",
            "Nous avons mené {N} projets de démonstration en {D2}."}},
          {{"Recherche partenaire en {T} pour {D} à {P}", "Besoin d'une solution de {T} pour {D}",
            "Appel à partenaires : {C} en {D}", "{I} de {P} cherche un appui en {T} pour {D}",
            "Recherche d'experts en {D} ayant une expérience de {T}"},
           {"Notre organisation recherche une solution de {T} pour améliorer {D} auprès de {H} ménages.",
            "Nous cherchons un partenaire ayant une expérience confirmée en {T} pour {D}.",
            "La province de {P} prévoit de moderniser {D} grâce à {T}."},
           {"Le système doit fonctionner avec une couverture réseau faible et une interface en français ou en lao.",
            "Nous souhaitons {C} avec des partenaires chinois et prévoyons un projet pilote en {Y}.",
            "Le budget est limité : nous privilégions des solutions déjà éprouvées en {D}.",
            "Nous nous intéressons aussi à {T2} et à la formation du personnel.",
            "Un pilote de {N} unités est prévu avant la fin de {Y}.",
            "Le partenaire devra assurer la maintenance sur place à {P}.", "Le projet concerne aussi {D2}."}},
      }},
  }};
  return kTemplates;
}

// Words people type into a search box that the templates above use.
const std::array<std::vector<const char*>, kLangCount>& CommonQueries() {
  static const std::array<std::vector<const char*>, kLangCount> kCommon = {{
      {"合作伙伴", "解决方案", "试点", "技术培训", "本地化部署", "经销商", "现场维护"},
      {"đối tác", "giải pháp", "thí điểm", "đào tạo kỹ sư", "nhà phân phối", "bảo trì"},
      {"pilot partners", "distributors", "training", "maintenance", "offline operation", "engineers"},
      {"partenaires", "formation", "projet pilote", "distributeurs", "maintenance", "ingénieurs"},
  }};
  return kCommon;
}

// --- text helpers ------------------------------------------------------------------------------

// Decodes one UTF-8 sequence at s[i] (input is valid: it comes from our tables and the thesaurus).
char32_t Decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool IsHan(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

// Words as a reader counts them: space-separated for Latin scripts, about two characters per word
// for Chinese.
size_t WordCount(std::string_view s) {
  size_t words = 0, han = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = Decode(s, i);
    if (IsHan(c)) {
      ++han;
      in_word = false;
    } else if (c == ' ' || c == ',' || c == ':' || c == '.' || c == 0x3001 || c == 0xFF0C || c == 0xFF1A) {
      in_word = false;
    } else if (!in_word) {
      ++words;
      in_word = true;
    }
  }
  return words + (han + 1) / 2;
}

const std::unordered_map<char32_t, char>& VietnameseBase() {
  static const auto* kMap = [] {
    auto* m = new std::unordered_map<char32_t, char>;
    const std::pair<std::string_view, char> groups[] = {
        {"àáảãạăằắẳẵặâầấẩẫậ", 'a'}, {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'}, {"èéẻẽẹêềếểễệ", 'e'}, {"ÈÉẺẼẸÊỀẾỂỄỆ", 'E'},
        {"ìíỉĩị", 'i'}, {"ÌÍỈĨỊ", 'I'}, {"òóỏõọôồốổỗộơờớởỡợ", 'o'}, {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'},
        {"ùúủũụưừứửữự", 'u'}, {"ÙÚỦŨỤƯỪỨỬỮỰ", 'U'}, {"ỳýỷỹỵ", 'y'}, {"ỲÝỶỸỴ", 'Y'}, {"đ", 'd'}, {"Đ", 'D'}};
    for (const auto& [letters, base] : groups) {
      for (size_t i = 0; i < letters.size();) (*m)[Decode(letters, i)] = base;
    }
    return m;
  }();
  return *kMap;
}

// Vietnamese as typed on a phone without a Vietnamese keyboard: "nuôi tôm" -> "nuoi tom".
std::string StripVietnamese(std::string_view s) {
  const auto& base = VietnameseBase();
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = Decode(s, i);
    auto it = base.find(c);
    if (it != base.end()) {
      out += it->second;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

void CapitaliseFirst(std::string& s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

}  // namespace

// --- vocabulary: thesaurus concepts by root, with a Zipf-like popularity -------------------------

namespace internal {
struct Vocabulary {
  struct Pool {
    std::vector<const text::Concept*> concepts;
    std::vector<double> cumulative;  // popularity, cumulative

    const text::Concept* Draw(Rng& rng) const {
      double x = rng.Unit() * cumulative.back();
      size_t i = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
      return concepts[std::min(i, concepts.size() - 1)];
    }
  };
  Pool domains, techs, coops, industries;
  std::array<std::vector<size_t>, kCountries.size()> places_of;  // places of each country
};
}  // namespace internal

namespace {

void BuildPool(internal::Vocabulary::Pool& pool, const text::Thesaurus& thesaurus, std::string_view root,
               uint64_t seed) {
  for (const auto& c : thesaurus.concepts()) {
    if (c.id.size() > root.size() && c.id.compare(0, root.size(), root) == 0 && c.id[root.size()] == '.')
      pool.concepts.push_back(&c);
  }
  if (pool.concepts.empty()) {
    for (const auto& c : thesaurus.concepts()) pool.concepts.push_back(&c);
  }
  // A fixed shuffle decides which concepts are popular; popularity falls as 1 / rank^0.9.
  uint64_t root_hash = 0xcbf29ce484222325ULL;  // FNV-1a: the same everywhere, unlike std::hash
  for (char ch : root) root_hash = (root_hash ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
  Rng rng(seed, kVocabularyStream, root_hash);
  for (size_t i = pool.concepts.size(); i > 1; --i) std::swap(pool.concepts[i - 1], pool.concepts[rng.Below(i)]);
  double total = 0;
  for (size_t r = 0; r < pool.concepts.size(); ++r) {
    total += 1.0 / std::pow(static_cast<double>(r + 1), 0.9);
    pool.cumulative.push_back(total);
  }
}

// A label of `c` in `lang`: the preferred one mostly, else an alternative. With `max_words`,
// labels longer than that are avoided when the concept has a shorter one.
std::string LabelOf(const text::Concept& c, Lang lang, Rng& rng, size_t max_words = 0) {
  const text::ConceptLabels* labels = c.LabelsFor(kLangTags[lang]);
  if (!labels) labels = c.LabelsFor("en");
  if (!labels) return c.id;
  std::vector<const std::string*> options;
  if (!labels->pref.empty()) options.push_back(&labels->pref);
  const bool use_alt = !labels->alt.empty() && (options.empty() || rng.Chance(0.4));
  if (use_alt) options.assign({&labels->alt[rng.Below(labels->alt.size())]});
  if (max_words) {
    std::vector<const std::string*> fitting;
    for (const auto* l : options) {
      if (WordCount(*l) <= max_words) fitting.push_back(l);
    }
    if (fitting.empty()) {
      if (!labels->pref.empty() && WordCount(labels->pref) <= max_words) fitting.push_back(&labels->pref);
      for (const auto& a : labels->alt) {
        if (WordCount(a) <= max_words) fitting.push_back(&a);
      }
    }
    if (!fitting.empty()) return *fitting[rng.Below(fitting.size())];
  }
  return options.empty() ? c.id : *options[0];
}

size_t CountryIndex(std::string_view code) {
  for (size_t i = 0; i < kCountries.size(); ++i) {
    if (code == kCountries[i].code) return i;
  }
  return 0;
}

}  // namespace

const char* ShapeName(SyntheticQuery::Shape shape) {
  switch (shape) {
    case SyntheticQuery::Shape::kLabel: return "label";
    case SyntheticQuery::Shape::kTwoLabels: return "two labels";
    case SyntheticQuery::Shape::kNoDiacritics: return "vi without diacritics";
    case SyntheticQuery::Shape::kPrefix: return "prefix";
    case SyntheticQuery::Shape::kCommonWords: return "common words";
    case SyntheticQuery::Shape::kPlace: return "place";
  }
  return "?";
}

ProfileGenerator::ProfileGenerator(const text::Thesaurus& thesaurus, const GeneratorOptions& options)
    : options_(options) {
  auto v = std::make_unique<internal::Vocabulary>();
  BuildPool(v->domains, thesaurus, "domain", options.seed);
  BuildPool(v->techs, thesaurus, "tech", options.seed);
  BuildPool(v->coops, thesaurus, "coop", options.seed);
  BuildPool(v->industries, thesaurus, "industry", options.seed);
  for (size_t p = 0; p < kPlaces.size(); ++p) v->places_of[CountryIndex(kPlaces[p].country)].push_back(p);
  vocabulary_ = std::move(v);
}

ProfileGenerator::~ProfileGenerator() = default;

size_t ProfileGenerator::organisation_count() const {
  return std::max<size_t>(1, options_.profiles / std::max<size_t>(1, options_.profiles_per_organisation));
}

namespace {

// A place in `country`, or anywhere when the country has none listed.
const Place& PlaceIn(const internal::Vocabulary& v, size_t country, Rng& rng) {
  const auto& places = v.places_of[country];
  return places.empty() ? kPlaces[rng.Below(kPlaces.size())] : kPlaces[rng.Pick(places)];
}

}  // namespace

SyntheticOrganisation ProfileGenerator::OrganisationAt(int64_t id) const {
  Rng rng(options_.seed, kOrganisationStream, static_cast<uint64_t>(id));
  std::array<double, kCountries.size()> weights;
  for (size_t i = 0; i < kCountries.size(); ++i) weights[i] = kCountries[i].weight;
  const size_t ci = rng.Weighted(weights);
  const Country& country = kCountries[ci];
  const Lang lang = static_cast<Lang>(rng.Weighted(country.name_langs));
  const Place& place = PlaceIn(*vocabulary_, ci, rng);

  SyntheticOrganisation org{.id = id, .name_lang = kLangTags[lang], .country = country.code};
  std::string brand;
  const NameTemplate* t = nullptr;
  switch (lang) {
    case kZh:
      t = &rng.Pick(kZhNames);
      brand = std::string(rng.Pick(kZhBrandChars)) + rng.Pick(kZhBrandChars);
      break;
    case kVi:
      t = &rng.Pick(kViNames);
      brand = std::string(rng.Pick(kViSyllables)) + " " + rng.Pick(kViSyllables);
      break;
    case kEn:
      t = &rng.Pick(kEnNames);
      brand = std::string(rng.Pick(kEnBrands)) + rng.Pick(kEnBrandSuffixes);
      break;
    case kFr:
    case kLangCount:
      t = &rng.Pick(kFrNames);
      brand = std::string(rng.Pick(kEnBrands)) + rng.Pick(kEnBrandSuffixes);
      break;
  }
  org.name = Replace(Replace(t->pattern, "{B}", brand), "{P}", place.names[lang]);
  org.kind = t->kind;
  org.locality = place.names[lang];
  return org;
}

SyntheticProfile ProfileGenerator::ProfileAt(int64_t id) const {
  Rng rng(options_.seed, kProfileStream, static_cast<uint64_t>(id));
  const internal::Vocabulary& v = *vocabulary_;
  SyntheticProfile p{.id = id};
  p.organisation = 1 + static_cast<int64_t>(rng.Below(organisation_count()));
  const SyntheticOrganisation org = OrganisationAt(p.organisation);
  const size_t ci = CountryIndex(org.country);
  const Country& country = kCountries[ci];
  const bool offer = rng.Chance(country.offer_share);
  p.kind = offer ? "offer" : "request";
  const Lang lang = static_cast<Lang>(rng.Weighted(offer ? country.offer_langs : country.request_langs));
  p.lang = kLangTags[lang];

  static constexpr std::array<const char*, 5> kSubjects = {"technology", "business", "research", "training",
                                                           "investment"};
  static constexpr std::array<double, 5> kSubjectWeights = {45, 20, 12, 13, 10};
  p.subject = kSubjects[rng.Weighted(kSubjectWeights)];
  const double s = rng.Unit();
  p.status = s < 0.90 ? "published" : s < 0.97 ? "draft" : "closed";
  if (rng.Chance(0.7)) {
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", rng.Between(2025, 2027), rng.Between(1, 12),
                  rng.Between(1, 28));
    p.deadline = date;
  }
  // Offers aim at ASEAN countries (Vietnam most), requests mostly at China.
  if (offer) {
    static constexpr std::array<double, kCountries.size()> kTargetWeights = {0, 30, 10, 10, 10, 8, 8, 6, 6, 6, 2};
    const int n = rng.Between(1, 3);
    for (int i = 0; i < n; ++i) {
      std::string c = kCountries[rng.Weighted(kTargetWeights)].code;
      if (c != org.country && std::find(p.target_countries.begin(), p.target_countries.end(), c) ==
                                  p.target_countries.end())
        p.target_countries.push_back(std::move(c));
    }
  } else if (org.country != "CN" && rng.Chance(0.85)) {
    p.target_countries.push_back("CN");
    if (rng.Chance(0.2)) p.target_countries.push_back(kCountries[1 + rng.Below(kCountries.size() - 1)].code);
  } else {
    p.target_countries.push_back(kCountries[1 + rng.Below(kCountries.size() - 1)].code);
  }
  if (p.target_countries.empty()) p.target_countries.push_back("VN");

  // Where the work happens: the requester's own country, or a target of the offer.
  const size_t place_country = offer ? CountryIndex(p.target_countries[rng.Below(p.target_countries.size())]) : ci;
  const Templates& templates = ProfileTemplates()[lang][offer ? 0 : 1];

  // Concepts of the profile: one domain and one technology, mentioned throughout.
  const text::Concept* domain = v.domains.Draw(rng);
  const text::Concept* tech = v.techs.Draw(rng);
  const text::Concept* coop = v.coops.Draw(rng);
  const text::Concept* industry = v.industries.Draw(rng);
  const text::Concept* domain2 = rng.Chance(0.5) ? v.domains.Draw(rng) : domain;
  const text::Concept* tech2 = v.techs.Draw(rng);

  auto fill = [&](std::string_view pattern, size_t max_label_words) {
    std::string out;
    for (size_t i = 0; i < pattern.size();) {
      if (pattern[i] != '{') {
        out += pattern[i++];
        continue;
      }
      size_t close = pattern.find('}', i);
      std::string_view slot = pattern.substr(i + 1, close - i - 1);
      i = close + 1;
      if (slot == "T") out += LabelOf(*tech, lang, rng, max_label_words);
      else if (slot == "T2") out += LabelOf(*tech2, lang, rng, max_label_words);
      else if (slot == "D") out += LabelOf(*domain, lang, rng, max_label_words);
      else if (slot == "D2") out += LabelOf(*domain2, lang, rng, max_label_words);
      else if (slot == "C") out += LabelOf(*coop, lang, rng, max_label_words);
      else if (slot == "I") out += LabelOf(*industry, lang, rng, max_label_words);
      else if (slot == "P") out += PlaceIn(v, place_country, rng).names[lang];
      else if (slot == "N") out += std::to_string(rng.Between(3, 480));
      else if (slot == "K") out += std::to_string(rng.Between(80, 98));
      else if (slot == "H") out += std::to_string(50 * rng.Between(2, 400));
      else if (slot == "Y") out += std::to_string(rng.Between(2025, 2027));
    }
    return out;
  };

  for (int attempt = 0; attempt < 12; ++attempt) {
    p.title = fill(templates.titles[rng.Below(templates.titles.size())], 4);
    const size_t words = WordCount(p.title);
    if (words >= 5 && words <= 15) break;
  }
  CapitaliseFirst(p.title);

  const int sentences = rng.Between(2, 4);
  std::vector<size_t> details(templates.details.size());
  for (size_t i = 0; i < details.size(); ++i) details[i] = i;
  for (size_t i = details.size(); i > 1; --i) std::swap(details[i - 1], details[rng.Below(i)]);
  std::string sentence = fill(templates.intros[rng.Below(templates.intros.size())], 0);
  CapitaliseFirst(sentence);
  p.summary = sentence;
  for (int k = 1; k < sentences && static_cast<size_t>(k - 1) < details.size(); ++k) {
    sentence = fill(templates.details[details[static_cast<size_t>(k - 1)]], 0);
    CapitaliseFirst(sentence);
    if (lang != kZh) p.summary += ' ';
    p.summary += sentence;
  }
  if (lang == kVi && rng.Chance(0.12)) {
    p.without_diacritics = true;
    p.title = StripVietnamese(p.title);
    p.summary = StripVietnamese(p.summary);
  }
  return p;
}

std::vector<SyntheticQuery> ProfileGenerator::SearchQueries() const {
  using Shape = SyntheticQuery::Shape;
  const internal::Vocabulary& v = *vocabulary_;
  std::vector<SyntheticQuery> out;
  static constexpr std::array<double, kLangCount> kQueryLangs = {30, 30, 25, 15};
  static constexpr std::array<Shape, 6> kShapes = {Shape::kLabel,  Shape::kTwoLabels,   Shape::kNoDiacritics,
                                                   Shape::kPrefix, Shape::kCommonWords, Shape::kPlace};
  static constexpr std::array<double, 6> kShapeWeights = {35, 20, 15, 15, 10, 5};
  for (size_t qi = 0; qi < options_.search_queries; ++qi) {
    Rng rng(options_.seed, kSearchStream, qi);
    SyntheticQuery q{.shape = kShapes[rng.Weighted(kShapeWeights)]};
    Lang lang = static_cast<Lang>(rng.Weighted(kQueryLangs));
    auto concept_pool = [&]() -> const internal::Vocabulary::Pool& {
      const double r = rng.Unit();
      return r < 0.55 ? v.domains : r < 0.85 ? v.techs : r < 0.95 ? v.coops : v.industries;
    };
    switch (q.shape) {
      case Shape::kLabel:
        q.text = LabelOf(*concept_pool().Draw(rng), lang, rng, 3);
        break;
      case Shape::kTwoLabels: {
        // A technology and a domain, 3 words at most between them.
        for (int attempt = 0; attempt < 20; ++attempt) {
          std::string a = LabelOf(*v.techs.Draw(rng), lang, rng, 2), b = LabelOf(*v.domains.Draw(rng), lang, rng, 2);
          q.text = a + " " + b;
          if (WordCount(q.text) <= 3) break;
        }
        break;
      }
      case Shape::kNoDiacritics:
        lang = kVi;
        q.text = StripVietnamese(LabelOf(*concept_pool().Draw(rng), kVi, rng, 3));
        break;
      case Shape::kPrefix: {
        // An unfinished last word, as typed: "aquacul", "nuoi to".
        if (lang == kZh) lang = kEn;
        for (int attempt = 0; attempt < 50; ++attempt) {
          std::string label = LabelOf(*concept_pool().Draw(rng), lang, rng, 3);
          if (lang == kVi) label = StripVietnamese(label);
          size_t last = label.rfind(' ');
          last = last == std::string::npos ? 0 : last + 1;
          std::string_view word = std::string_view(label).substr(last);
          if (word.size() < 5 || !std::all_of(word.begin(), word.end(), [](char c) {
                return (c >= 'a' && c <= 'z');
              }))
            continue;
          const size_t keep = 3 + rng.Below(word.size() - 4);  // 3 .. len-2 letters
          q.text = label.substr(0, last + keep);
          q.prefix = true;
          break;
        }
        if (!q.prefix) q.text = "aquacul", q.prefix = true, lang = kEn;
        break;
      }
      case Shape::kCommonWords:
        q.text = rng.Pick(CommonQueries()[lang]);
        break;
      case Shape::kPlace:
        q.text = kPlaces[rng.Below(kPlaces.size())].names[lang];
        break;
    }
    q.lang = kLangTags[lang];
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<int64_t> ProfileGenerator::MatchQueries() const {
  std::vector<int64_t> out;
  for (size_t i = 0; i < options_.match_queries; ++i) {
    Rng rng(options_.seed, kMatchStream, i);
    out.push_back(1 + static_cast<int64_t>(rng.Below(options_.profiles)));
  }
  return out;
}

}  // namespace hoptac::bench
