// The texts of hoptac's e-mails in zh-Hans, vi, en and fr. See mail.h.
//
// Each text is written whole in its language, with {placeholders} filled in by Fill, so that a
// translator reads and changes one sentence, not fragments glued together in English word order.
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "app/mail.h"

namespace hoptac::app {
namespace {

enum class Lang { kZh, kVi, kEn, kFr };

// zh* (zh, zh-Hans, zh-CN, zh-Hant, ...) reads the Simplified text; unknown tags read English.
Lang PickLang(std::string_view tag) {
  auto is = [&](std::string_view primary) {
    if (tag.size() < primary.size()) return false;
    for (size_t i = 0; i < primary.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(tag[i])) != primary[i]) return false;
    }
    return tag.size() == primary.size() || tag[primary.size()] == '-' || tag[primary.size()] == '_';
  };
  if (is("zh")) return Lang::kZh;
  if (is("vi")) return Lang::kVi;
  if (is("fr")) return Lang::kFr;
  return Lang::kEn;
}

// One line: control characters (a CR or LF in a name would break the subject) become spaces.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

// Replaces each {key} in `text` by its value; a key not given stays as written.
std::string Fill(std::string_view text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out;
  out.reserve(text.size() + 128);
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view key = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& [k, v] : values) {
          if (k == key) {
            out += v;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

// The bare address of "Name <address>", to show the reader which account is meant.
std::string AddressOf(std::string_view to) {
  const auto lt = to.rfind('<');
  const auto gt = to.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) to = to.substr(lt + 1, gt - lt - 1);
  return OneLine(to);
}

// English and French say "1 minute" but "5 minutes" (French also "0 minute").
std::string Count(Lang lang, int n, std::string_view one, std::string_view many) {
  const bool singular = lang == Lang::kFr ? (n == 0 || n == 1) : n == 1;
  return std::to_string(n) + " " + std::string(singular ? one : many);
}

struct Text {
  std::string_view subject;
  std::string_view body;
};

// --- Password reset ---------------------------------------------------------------------------

// {greeting} is the line that opens the message, with or without a name.
constexpr Text kResetZh = {
    "重置您的 hoptac 密码",
    "{greeting}\n"
    "\n"
    "我们收到了为您的 hoptac 账户（{to}）重置密码的请求。请在 {minutes}内打开以下链接，设置新密码：\n"
    "\n"
    "{link}\n"
    "\n"
    "如果您没有提出此请求，请忽略本邮件，您的密码不会改变。\n"
    "\n"
    "—— hoptac\n",
};
constexpr Text kResetVi = {
    "Đặt lại mật khẩu hoptac của bạn",
    "{greeting}\n"
    "\n"
    "Chúng tôi đã nhận được yêu cầu đặt lại mật khẩu cho tài khoản hoptac của bạn ({to}). "
    "Để chọn mật khẩu mới, vui lòng mở liên kết dưới đây trong vòng {minutes}:\n"
    "\n"
    "{link}\n"
    "\n"
    "Nếu bạn không gửi yêu cầu này, hãy bỏ qua thư này; mật khẩu của bạn sẽ không thay đổi.\n"
    "\n"
    "— hoptac\n",
};
constexpr Text kResetEn = {
    "Reset your hoptac password",
    "{greeting}\n"
    "\n"
    "We received a request to reset the password of your hoptac account ({to}). "
    "To choose a new password, open this link within {minutes}:\n"
    "\n"
    "{link}\n"
    "\n"
    "If you did not ask for this, ignore this message: your password stays as it is.\n"
    "\n"
    "— hoptac\n",
};
constexpr Text kResetFr = {
    "Réinitialisation de votre mot de passe hoptac",
    "{greeting}\n"
    "\n"
    "Nous avons reçu une demande de réinitialisation du mot de passe de votre compte hoptac ({to}). "
    "Pour choisir un nouveau mot de passe, ouvrez ce lien dans un délai de {minutes}\u00a0:\n"
    "\n"
    "{link}\n"
    "\n"
    "Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: votre mot de passe reste inchangé.\n"
    "\n"
    "— hoptac\n",
};

// --- Invitation -------------------------------------------------------------------------------

// {organisation_line} is "Organisation: X\n" in the message's language, or nothing.
constexpr Text kInviteZh = {
    "{inviter} 邀请您加入 hoptac",
    "您好：\n"
    "\n"
    "{inviter} 邀请您加入 hoptac。\n"
    "\n"
    "{organisation_line}"
    "角色：{role}\n"
    "\n"
    "请在 {hours}内打开以下链接，接受邀请并设置您的密码：\n"
    "\n"
    "{link}\n"
    "\n"
    "如果您并未期待这份邀请，请忽略本邮件。\n"
    "\n"
    "—— hoptac\n",
};
constexpr Text kInviteVi = {
    "{inviter} mời bạn tham gia hoptac",
    "Xin chào,\n"
    "\n"
    "{inviter} mời bạn tham gia hoptac.\n"
    "\n"
    "{organisation_line}"
    "Vai trò: {role}\n"
    "\n"
    "Để chấp nhận lời mời và đặt mật khẩu, vui lòng mở liên kết dưới đây trong vòng {hours}:\n"
    "\n"
    "{link}\n"
    "\n"
    "Nếu bạn không mong đợi lời mời này, bạn có thể bỏ qua thư này.\n"
    "\n"
    "— hoptac\n",
};
constexpr Text kInviteEn = {
    "{inviter} invites you to hoptac",
    "Hello,\n"
    "\n"
    "{inviter} invites you to join hoptac.\n"
    "\n"
    "{organisation_line}"
    "Role: {role}\n"
    "\n"
    "To accept the invitation and choose your password, open this link within {hours}:\n"
    "\n"
    "{link}\n"
    "\n"
    "If you were not expecting this invitation, you can ignore this message.\n"
    "\n"
    "— hoptac\n",
};
constexpr Text kInviteFr = {
    "{inviter} vous invite sur hoptac",
    "Bonjour,\n"
    "\n"
    "{inviter} vous invite à rejoindre hoptac.\n"
    "\n"
    "{organisation_line}"
    "Rôle\u00a0: {role}\n"
    "\n"
    "Pour accepter l’invitation et choisir votre mot de passe, ouvrez ce lien dans un délai de {hours}\u00a0:\n"
    "\n"
    "{link}\n"
    "\n"
    "Si vous n’attendiez pas cette invitation, vous pouvez ignorer ce message.\n"
    "\n"
    "— hoptac\n",
};

struct RoleLabels {
  std::string_view role, zh, vi, en, fr;
};
constexpr RoleLabels kRoles[] = {
    {"admin", "中心管理员", "Quản trị viên trung tâm", "Centre administrator", "Administrateur du centre"},
    {"staff", "中心工作人员", "Cán bộ trung tâm", "Centre staff", "Personnel du centre"},
    {"editor", "机构编辑", "Biên tập viên của tổ chức", "Organisation editor", "Éditeur de l’organisation"},
    {"trainee", "学员", "Học viên", "Trainee", "Stagiaire"},
};

}  // namespace

std::string RoleLabel(std::string_view lang, std::string_view role) {
  for (const auto& r : kRoles) {
    if (r.role != role) continue;
    switch (PickLang(lang)) {
      case Lang::kZh:
        return std::string(r.zh);
      case Lang::kVi:
        return std::string(r.vi);
      case Lang::kFr:
        return std::string(r.fr);
      case Lang::kEn:
        return std::string(r.en);
    }
  }
  return OneLine(role);
}

MailMessage ResetPasswordMail(const std::string& lang, const std::string& to, const std::string& display_name,
                              const std::string& link, int valid_minutes) {
  const Lang l = PickLang(lang);
  const std::string name = OneLine(display_name);
  std::string greeting, minutes;
  const Text* text = nullptr;
  switch (l) {
    case Lang::kZh:
      text = &kResetZh;
      greeting = name.empty() ? "您好：" : name + "，您好：";
      minutes = std::to_string(valid_minutes) + " 分钟";
      break;
    case Lang::kVi:
      text = &kResetVi;
      greeting = name.empty() ? "Xin chào," : "Xin chào " + name + ",";
      minutes = std::to_string(valid_minutes) + " phút";
      break;
    case Lang::kFr:
      text = &kResetFr;
      greeting = name.empty() ? "Bonjour," : "Bonjour " + name + ",";
      minutes = Count(l, valid_minutes, "minute", "minutes");
      break;
    case Lang::kEn:
      text = &kResetEn;
      greeting = name.empty() ? "Hello," : "Hello " + name + ",";
      minutes = Count(l, valid_minutes, "minute", "minutes");
      break;
  }
  return MailMessage{
      .to = to,
      .subject = std::string(text->subject),
      .text = Fill(text->body, {{"greeting", greeting}, {"to", AddressOf(to)}, {"minutes", minutes}, {"link", link}}),
  };
}

MailMessage InvitationMail(const std::string& lang, const std::string& to, const std::string& inviter_name,
                           const std::string& organisation_name, const std::string& role, const std::string& link,
                           int valid_hours) {
  const Lang l = PickLang(lang);
  std::string inviter = OneLine(inviter_name);
  const std::string organisation = OneLine(organisation_name);
  std::string organisation_line, hours;
  const Text* text = nullptr;
  switch (l) {
    case Lang::kZh:
      text = &kInviteZh;
      if (inviter.empty()) inviter = "合作中心";
      if (!organisation.empty()) organisation_line = "机构：" + organisation + "\n";
      hours = std::to_string(valid_hours) + " 小时";
      break;
    case Lang::kVi:
      text = &kInviteVi;
      if (inviter.empty()) inviter = "Trung tâm hợp tác";
      if (!organisation.empty()) organisation_line = "Tổ chức: " + organisation + "\n";
      hours = std::to_string(valid_hours) + " giờ";
      break;
    case Lang::kFr:
      text = &kInviteFr;
      if (inviter.empty()) inviter = "Le centre de coopération";
      if (!organisation.empty()) organisation_line = "Organisation\u00a0: " + organisation + "\n";
      hours = Count(l, valid_hours, "heure", "heures");
      break;
    case Lang::kEn:
      text = &kInviteEn;
      if (inviter.empty()) inviter = "The cooperation centre";
      if (!organisation.empty()) organisation_line = "Organisation: " + organisation + "\n";
      hours = Count(l, valid_hours, "hour", "hours");
      break;
  }
  return MailMessage{
      .to = to,
      .subject = Fill(text->subject, {{"inviter", inviter}}),
      .text = Fill(text->body, {{"inviter", inviter},
                                {"organisation_line", organisation_line},
                                {"role", RoleLabel(lang, role)},
                                {"hours", hours},
                                {"link", link}}),
  };
}

}  // namespace hoptac::app
