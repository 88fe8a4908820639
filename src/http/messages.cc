#include "http/messages.h"

#include <array>
#include <cctype>

namespace hoptac::http {

namespace {

struct Entry {
  std::string_view code;
  std::string_view zh, vi, fr;
};

// Keep in step with the codes the domain, the JSON mapping and the store emit.
constexpr std::array kFieldMessages{
    Entry{"required", "此项为必填项", "Trường này là bắt buộc", "Ce champ est obligatoire"},
    Entry{"wrong_type", "类型不正确", "Kiểu dữ liệu không đúng", "Le type de la valeur est incorrect"},
    Entry{"invalid_enum", "不是允许的取值", "Giá trị không nằm trong danh sách cho phép", "Cette valeur n'est pas autorisée"},
    Entry{"invalid_country", "不是有效的 ISO 3166-1 国家代码（如 CN、VN）",
          "Không phải mã quốc gia ISO 3166-1 hợp lệ (ví dụ VN, CN)",
          "Ce n'est pas un code pays ISO 3166-1 valide (par exemple VN, CN)"},
    Entry{"invalid_language", "不是有效的 BCP-47 语言标记（如 zh-Hans、vi）",
          "Không phải mã ngôn ngữ BCP-47 hợp lệ (ví dụ vi, zh-Hans)",
          "Ce n'est pas une étiquette de langue BCP-47 valide (par exemple fr, vi)"},
    Entry{"invalid_date", "日期格式应为 YYYY-MM-DD", "Ngày phải có dạng YYYY-MM-DD", "La date doit s'écrire AAAA-MM-JJ"},
    Entry{"invalid_email", "不是有效的电子邮件地址", "Địa chỉ email không hợp lệ", "Adresse électronique invalide"},
    Entry{"invalid_url", "必须是 http:// 或 https:// 网址", "Phải là địa chỉ http:// hoặc https://",
          "Doit être une adresse http:// ou https://"},
    Entry{"invalid_currency", "不是有效的 ISO 4217 货币代码（如 CNY、VND、USD）",
          "Không phải mã tiền tệ ISO 4217 hợp lệ (ví dụ VND, CNY, USD)",
          "Ce n'est pas un code de devise ISO 4217 valide (par exemple EUR, VND, CNY)"},
    Entry{"too_long", "内容过长", "Nội dung quá dài", "Le texte est trop long"},
    Entry{"too_small", "数值过小", "Giá trị quá nhỏ", "La valeur est trop petite"},
    Entry{"out_of_range", "数值超出范围", "Giá trị vượt quá giới hạn", "La valeur est hors limites"},
    Entry{"empty", "不能为空", "Không được để trống", "Ne doit pas être vide"},
    Entry{"invalid_utf8", "不是有效的 UTF-8 文本", "Không phải văn bản UTF-8 hợp lệ", "Ce n'est pas du texte UTF-8 valide"},
    Entry{"malformed_json", "不是有效的 JSON", "Không phải JSON hợp lệ", "Ce n'est pas du JSON valide"},
    Entry{"unknown_field", "未知字段", "Trường không xác định", "Champ inconnu"},
    Entry{"unknown_filter", "未知的筛选条件", "Bộ lọc không xác định", "Filtre inconnu"},
    Entry{"duplicate_field", "字段重复", "Trường bị lặp lại", "Champ donné deux fois"},
    Entry{"duplicate", "同一记录重复出现", "Cùng một bản ghi xuất hiện hai lần", "Le même enregistrement figure deux fois"},
    Entry{"duplicate_ref", "该外部编号已被使用", "Mã tham chiếu này đã được dùng", "Cette référence est déjà utilisée"},
    Entry{"dangling_ref", "引用的记录不存在", "Bản ghi được tham chiếu không tồn tại", "L'enregistrement référencé n'existe pas"},
    Entry{"invalid_ref", "必须是记录编号或外部编号", "Phải là mã số hoặc mã tham chiếu của bản ghi",
          "Doit être l'identifiant ou la référence d'un enregistrement"},
    Entry{"date_order", "结束日期不能早于开始日期", "Ngày kết thúc không được trước ngày bắt đầu",
          "La date de fin ne peut pas précéder la date de début"},
    Entry{"too_few_parties", "协议至少需要两方", "Thỏa thuận cần ít nhất hai bên", "Un accord doit avoir au moins deux parties"},
    Entry{"invalid_cursor", "分页游标无效", "Con trỏ phân trang không hợp lệ", "Curseur de pagination invalide"},
    Entry{"invalid", "无效", "Không hợp lệ", "Invalide"},
    Entry{"still_referenced", "仍有其他记录引用此记录，无法删除", "Bản ghi khác vẫn tham chiếu đến bản ghi này nên không thể xóa",
          "D'autres enregistrements y font encore référence : suppression impossible"},
    Entry{"stale_version", "记录已被他人修改，请重新加载后再试", "Bản ghi đã được người khác sửa; hãy tải lại rồi thử lại",
          "L'enregistrement a été modifié entre-temps ; rechargez-le puis réessayez"},
    Entry{"not_filterable", "不能按此字段筛选", "Không thể lọc theo trường này", "Ce champ ne peut pas servir de filtre"},
    Entry{"unknown_type", "未知的记录类型", "Loại bản ghi không xác định", "Type d'enregistrement inconnu"},
    Entry{"duplicate_name", "该名称已被使用", "Tên này đã được dùng", "Ce nom est déjà utilisé"},
    Entry{"unclosed_quote", "引号未闭合（单元格内的引号写两次：\"\"）", "Dấu ngoặc kép không được đóng (trong ô viết hai lần: \"\")",
          "Guillemet jamais fermé (dans une cellule, il s'écrit deux fois : \"\")"},
    Entry{"text_after_quote", "右引号后还有文字", "Có chữ sau dấu ngoặc kép đóng", "Texte après le guillemet fermant"},
    Entry{"too_few_cells", "该行的单元格少于标题行", "Dòng này có ít ô hơn dòng tiêu đề", "Cette ligne a moins de cellules que l'en-tête"},
    Entry{"too_many_cells", "该行的单元格多于标题行", "Dòng này có nhiều ô hơn dòng tiêu đề", "Cette ligne a plus de cellules que l'en-tête"},
    Entry{"no_header", "第一行必须是列名", "Dòng đầu tiên phải là tên các cột", "La première ligne doit nommer les colonnes"},
    Entry{"wrong_credentials", "电子邮件地址或密码错误", "Địa chỉ email hoặc mật khẩu không đúng",
          "L'adresse électronique ou le mot de passe est incorrect"},
    Entry{"password_too_short", "密码至少需要 12 个字符", "Mật khẩu phải có ít nhất 12 ký tự",
          "Le mot de passe doit comporter au moins 12 caractères"},
    Entry{"password_common", "这个密码太常见，容易被猜中", "Mật khẩu này quá phổ biến, dễ bị đoán",
          "Ce mot de passe est trop courant et facile à deviner"},
    Entry{"password_personal", "密码不能包含您的电子邮件地址或姓名", "Mật khẩu không được chứa email hoặc tên của bạn",
          "Le mot de passe ne doit contenir ni votre adresse électronique ni votre nom"},
    Entry{"duplicate_email", "该电子邮件地址已有账户", "Địa chỉ email này đã có tài khoản",
          "Un compte existe déjà pour cette adresse électronique"},
    Entry{"invalid_link", "链接无效：不存在、已使用或已过期", "Liên kết không hợp lệ: không tồn tại, đã dùng hoặc đã hết hạn",
          "Ce lien n'est pas valide : inconnu, déjà utilisé ou expiré"},
    Entry{"csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试", "Thiếu hoặc sai mã CSRF; hãy tải lại trang rồi thử lại",
          "Jeton CSRF absent ou incorrect : rechargez la page puis réessayez"},
    Entry{"consent_required", "此人尚未同意将其个人数据传输到该国家", "Người này chưa đồng ý chuyển dữ liệu cá nhân sang quốc gia đó",
          "Cette personne n'a pas consenti au transfert de ses données vers ce pays"},
};

struct Title {
  int status;
  std::string_view en, zh, vi, fr;
};

constexpr std::array kTitles{
    Title{400, "Bad Request", "请求无效", "Yêu cầu không hợp lệ", "Requête invalide"},
    Title{401, "Unauthorized", "需要身份验证", "Cần xác thực", "Authentification requise"},
    Title{403, "Forbidden", "无权操作", "Không có quyền", "Accès refusé"},
    Title{404, "Not Found", "未找到", "Không tìm thấy", "Introuvable"},
    Title{405, "Method Not Allowed", "不支持该方法", "Phương thức không được hỗ trợ", "Méthode non autorisée"},
    Title{409, "Conflict", "冲突", "Xung đột", "Conflit"},
    Title{412, "Precondition Failed", "版本已变更", "Phiên bản đã thay đổi", "La version a changé"},
    Title{413, "Payload Too Large", "请求内容过大", "Nội dung yêu cầu quá lớn", "Requête trop volumineuse"},
    Title{415, "Unsupported Media Type", "不支持的内容类型", "Kiểu nội dung không được hỗ trợ", "Type de contenu non pris en charge"},
    Title{422, "Unprocessable Content", "内容无法处理", "Không thể xử lý nội dung", "Contenu impossible à traiter"},
    Title{429, "Too Many Requests", "请求过于频繁，请稍后再试", "Quá nhiều yêu cầu, vui lòng thử lại sau",
          "Trop de tentatives, réessayez plus tard"},
    Title{500, "Internal Server Error", "服务器内部错误", "Lỗi máy chủ", "Erreur interne du serveur"},
    Title{503, "Service Unavailable", "服务暂不可用", "Dịch vụ tạm thời không khả dụng", "Service indisponible"},
    Title{507, "Insufficient Storage", "存储空间不足", "Không đủ dung lượng lưu trữ", "Espace de stockage insuffisant"},
};

}  // namespace

std::string PickLanguage(std::string_view lang_param, std::string_view accept_language) {
  auto classify = [](std::string_view tag) -> std::string {
    std::string t;
    for (char c : tag.substr(0, 2)) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "zh") return "zh-Hans";
    if (t == "vi" || t == "en" || t == "fr") return t;
    return {};
  };
  if (auto l = classify(lang_param); !l.empty()) return l;
  // First supported language in the header's order; q-values are rarely out of order in practice.
  size_t pos = 0;
  while (pos < accept_language.size()) {
    size_t end = accept_language.find(',', pos);
    if (end == std::string_view::npos) end = accept_language.size();
    std::string_view item = accept_language.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (auto l = classify(item); !l.empty()) return l;
    pos = end + 1;
  }
  return "en";
}

std::string FieldMessage(std::string_view code, std::string_view lang, const std::string& english) {
  if (lang == "en") return english;
  for (const auto& e : kFieldMessages) {
    if (e.code != code) continue;
    if (lang == "zh-Hans") return std::string(e.zh);
    if (lang == "vi") return std::string(e.vi);
    if (lang == "fr") return std::string(e.fr);
  }
  return english;
}

std::string ProblemTitle(int status, std::string_view lang) {
  for (const auto& t : kTitles) {
    if (t.status != status) continue;
    if (lang == "zh-Hans") return std::string(t.zh);
    if (lang == "vi") return std::string(t.vi);
    if (lang == "fr") return std::string(t.fr);
    return std::string(t.en);
  }
  return "Error";
}

std::string InvalidFieldsDetail(std::string_view lang, size_t count) {
  std::string n = std::to_string(count);
  if (lang == "zh-Hans") return "请求中有 " + n + " 处错误，请修改后重试。";
  if (lang == "vi") return "Yêu cầu có " + n + " lỗi. Vui lòng sửa rồi gửi lại.";
  if (lang == "fr") return "La requête comporte " + n + " erreur(s). Corrigez-les puis réessayez.";
  return "The request has " + n + " invalid field(s). Correct them and try again.";
}

}  // namespace hoptac::http
