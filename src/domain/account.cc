#include "domain/account.h"

#include <algorithm>
#include <array>

#include "text/normalize.h"

namespace hoptac::domain {

namespace {

constexpr size_t kMinPasswordChars = 12;
constexpr size_t kMaxPasswordBytes = 256;

// Passwords of 12+ characters that lists of leaked passwords put at the top; compared folded.
constexpr std::array<std::string_view, 16> kCommonPasswords = {
    "123456789012", "password1234", "qwertyuiop12", "1q2w3e4r5t6y", "passwordpassword", "iloveyou1234",
    "abc123456789", "111111111111", "qwerty123456", "admin1234567", "matkhau12345", "matkhaumatkhau",
    "motdepasse12", "motdepasse123", "woaini1314520", "123456123456"};

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kStaff: return "staff";
    case Role::kEditor: return "editor";
    case Role::kTrainee: return "trainee";
    case Role::kPublic: return "public";
  }
  return "public";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kStaff, Role::kEditor, Role::kTrainee}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

Result<std::string> NormaliseEmail(std::string_view email) {
  if (!text::IsValidUtf8(email)) {
    return Status::InvalidArgument("The e-mail address is not valid UTF-8.", {{"email", "invalid_utf8", "is not UTF-8"}});
  }
  std::string s = text::FoldCase(text::CleanField(std::string(email)));
  const auto at = s.find('@');
  const bool ok = !s.empty() && s.size() <= 254 && at != std::string::npos && at > 0 &&
                  s.find('@', at + 1) == std::string::npos && s.find('.', at) != std::string::npos &&
                  s.back() != '.' && std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' '; });
  if (!ok) {
    return Status::InvalidArgument("'" + std::string(email) + "' is not an e-mail address.",
                                   {{"email", "invalid_email", "is not an e-mail address"}});
  }
  return s;
}

Result<std::string> CleanDisplayName(std::string_view name) {
  if (!text::IsValidUtf8(name)) {
    return Status::InvalidArgument("The name is not valid UTF-8.", {{"display_name", "invalid_utf8", "is not UTF-8"}});
  }
  std::string s = text::Nfc(text::CleanField(std::string(name)));
  if (s.empty()) return Status::InvalidArgument("A name is required.", {{"display_name", "required", "is required"}});
  if (CodePoints(s) > 200) {
    return Status::InvalidArgument("The name is too long.", {{"display_name", "too_long", "at most 200 characters"}});
  }
  return s;
}

Status CheckPassword(std::string_view password, std::string_view email, std::string_view display_name) {
  std::vector<FieldError> errors;
  auto fail = [&](const char* code, const std::string& message) { errors.push_back({"password", code, message}); };
  if (!text::IsValidUtf8(password)) {
    fail("invalid_utf8", "is not valid UTF-8");
  } else if (CodePoints(password) < kMinPasswordChars) {
    fail("password_too_short", "must have at least 12 characters");
  } else if (password.size() > kMaxPasswordBytes) {
    fail("too_long", "must have at most 256 bytes");
  } else {
    const std::string folded = text::FoldCase(password);
    const std::string local = text::FoldCase(email.substr(0, email.find('@')));
    const std::string name = text::FoldCase(display_name);
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
      fail("password_common", "is one character repeated");
    } else if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), folded) != kCommonPasswords.end()) {
      fail("password_common", "is a well-known password");
    } else if ((local.size() >= 4 && folded.find(local) != std::string::npos) ||
               (name.size() >= 4 && folded.find(name) != std::string::npos)) {
      fail("password_personal", "must not contain your e-mail address or name");
    }
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("The password does not meet the policy.", std::move(errors));
}

}  // namespace hoptac::domain
