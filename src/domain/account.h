// Accounts as the domain sees them: the roles, and the rules for e-mail addresses, display names and
// passwords. No I/O; pure functions, thread-safe.
//
// Roles, from most to least trusted (docs/security.md has the full access matrix):
//   admin    centre administrator: everything, users and roles, the audit trail
//   staff    centre staff: every record, imports and exports, personal data of trainees
//   editor   organisation editor: the records of its own organisations only
//   trainee  its own person record, applications (enrolments) and consents
//   public   anyone, signed in or not: published content
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace hoptac::domain {

enum class Role { kPublic = 0, kTrainee = 1, kEditor = 2, kStaff = 3, kAdmin = 4 };

const char* RoleName(Role role);                           // "admin", ...
std::optional<Role> ParseRole(std::string_view name);      // of the four account roles (not "public")

// Trimmed, NFC, lower-cased; InvalidArgument (field "email") when it is not an address.
Result<std::string> NormaliseEmail(std::string_view email);

// 1 to 200 characters after cleaning; InvalidArgument (field "display_name") otherwise.
Result<std::string> CleanDisplayName(std::string_view name);

// The password policy: at least 12 characters (code points) and at most 256 bytes, not made of
// the e-mail address or the display name, not one repeated character, not a well-known password.
// Each broken rule is a field error on "password" with a stable code (password_too_short, ...).
Status CheckPassword(std::string_view password, std::string_view email, std::string_view display_name);

}  // namespace hoptac::domain
