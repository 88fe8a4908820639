// Accounts: users and roles, sign-in with throttling, browser sessions, API tokens per user,
// password reset and invitations by e-mail. See docs/security.md for the threat model.
//
// Throttling. Per account (kept in the store, so it survives restarts): after 3 consecutive wrong
// passwords each further attempt must wait 2^(n-3) seconds (1, 2, 4 ... 64 s), and from 10 on the
// account is locked for 15 minutes at a time; the right password after the wait resets the count,
// and so does a password reset, so the rightful user is never locked out for good. Per address (in
// memory): 30 failures in 15 minutes refuse further attempts from it until the window passes.
// Attempts refused by throttling do not check the password, so they cannot be used to guess.
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/app.h"
#include "app/internal/secrets.h"
#include "app/internal/accounts_state.h"
#include "app/mail.h"
#include "core/clock.h"

namespace hoptac::app {

using domain::Role;

namespace {

constexpr std::string_view kSessionPrefix = "hps_";
constexpr std::string_view kLinkPrefix = "hpl_";
constexpr std::string_view kTokenPrefix = "hpt_";
constexpr int64_t kMinute = 60 * 1000;
constexpr int kResetMinutes = 30;
constexpr int kInviteHours = 72;

// Seconds an account must wait after `failures` consecutive wrong passwords.
int64_t LockSeconds(int failures) {
  if (failures < 3) return 0;
  if (failures >= 10) return 15 * 60;
  return int64_t{1} << (failures - 3);
}

Status WrongCredentials() {
  return Status(Code::kUnauthenticated, "The e-mail address or the password is wrong.",
                {{"password", "wrong_credentials", "the e-mail address or the password is wrong"}});
}

Result<int64_t> SecondsUntil(const std::string& iso) {
  // ISO timestamps sort as times; count the seconds by stepping down from a coarse guess.
  const int64_t now = NowUnixMillis();
  if (iso <= Iso8601AtMillis(now)) return int64_t{0};
  int64_t lo = 0, hi = 366LL * 24 * 3600;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    if (Iso8601AtMillis(now + mid * 1000) >= iso) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

}  // namespace

Status App::OpenAccounts(const AppOptions& options) {
  accounts_ = std::make_unique<Accounts>();
  accounts_->public_url = options.public_url;
  while (!accounts_->public_url.empty() && accounts_->public_url.back() == '/') accounts_->public_url.pop_back();
  accounts_->session_hours = options.session_hours;
  accounts_->mail_on = !options.mail.smtp_url.empty();
  if (options.mail.smtp_url.empty()) {
    accounts_->mailer = MakeNullMailer();
  } else {
    auto mailer = MakeSmtpMailer(options.mail);
    if (!mailer.ok()) return mailer.status();
    accounts_->mailer = std::move(mailer).value();
  }
  return Status::Ok();
}

Result<Principal> App::PrincipalOf(int64_t user_id) {
  auto user = store_->GetUser(user_id);
  if (!user.ok()) return user.status();
  if (user->status != "active") return Status::Unauthenticated("This account is disabled.");
  auto role = domain::ParseRole(user->role);
  if (!role) return Status::Internal("user " + std::to_string(user_id) + " has an unknown role");
  return Principal{.name = user->email,
                   .role = *role,
                   .user_id = user->id,
                   .organisations = user->organisations,
                   .person_id = user->person_id,
                   .can_write = true,
                   .authenticated = true};
}

Result<App::SignIn> App::StartSession(const store::User& user, const std::string& remote) {
  auto token = RandomToken(kSessionPrefix);
  if (!token.ok()) return token.status();
  auto csrf = RandomToken("");
  if (!csrf.ok()) return csrf.status();
  const int64_t now = NowUnixMillis();
  store::Session session{.id_hash = Sha256Hex(*token),
                         .user_id = user.id,
                         .csrf = *csrf,
                         .created_at = Iso8601AtMillis(now),
                         .expires_at = Iso8601AtMillis(now + accounts_->session_hours * 60 * kMinute),
                         .remote = remote};
  HOPTAC_RETURN_IF_ERROR(store_->CreateSession(session));
  (void)store_->DeleteExpired(session.created_at);  // housekeeping on every sign-in is enough
  return SignIn{.session_token = *token, .csrf = *csrf, .user = user, .expires_at = session.expires_at};
}

Result<App::SignIn> App::SignInWithPassword(const std::string& email_in, const std::string& password,
                                            const std::string& remote, const std::string& previous_session) {
  if (int64_t wait = accounts_->addresses.RetryAfter(remote); wait > 0) {
    return Status::TooManyRequests("Too many failed sign-ins from this address; try again later.", wait);
  }
  auto email = domain::NormaliseEmail(email_in);
  if (!email.ok()) return email.status();
  if (password.empty() || password.size() > 1024) return WrongCredentials();
  auto found = store_->FindUserByEmail(*email);
  if (!found.ok()) {
    if (found.status().code() != Code::kNotFound) return found.status();
    VerifyNothing(password);
    accounts_->addresses.Failed(remote);
    return WrongCredentials();
  }
  auto& [user, hash] = *found;
  if (!user.locked_until.empty()) {
    auto wait = SecondsUntil(user.locked_until);
    if (wait.ok() && *wait > 0) {
      return Status::TooManyRequests("Too many wrong passwords for this account; wait before trying again.", *wait);
    }
  }
  if (!VerifyPassword(password, hash) || user.status != "active") {
    accounts_->addresses.Failed(remote);
    const int failures = user.failed_logins + 1;
    const int64_t lock = LockSeconds(failures);
    HOPTAC_RETURN_IF_ERROR(
        store_->SetLoginState(user.id, failures, lock > 0 ? Iso8601AtMillis(NowUnixMillis() + lock * 1000) : ""));
    return WrongCredentials();
  }
  if (user.failed_logins != 0 || !user.locked_until.empty()) {
    HOPTAC_RETURN_IF_ERROR(store_->SetLoginState(user.id, 0, ""));
  }
  // A new session id on every sign-in (no fixation); the session the browser came with ends.
  if (!previous_session.empty()) (void)store_->DeleteSession(Sha256Hex(previous_session));
  return StartSession(user, remote);
}

Result<Principal> App::AuthenticateSession(const std::string& session_token) {
  if (session_token.size() > 200 || session_token.substr(0, kSessionPrefix.size()) != kSessionPrefix) {
    return Status::Unauthenticated("Your session is not valid; sign in again.");
  }
  const std::string hash = Sha256Hex(session_token);
  auto session = store_->FindSession(hash);
  if (!session.ok()) return Status::Unauthenticated("Your session has ended; sign in again.");
  if (session->expires_at <= NowIso8601()) {
    (void)store_->DeleteSession(hash);
    return Status::Unauthenticated("Your session has expired; sign in again.");
  }
  auto principal = PrincipalOf(session->user_id);
  if (!principal.ok()) return Status::Unauthenticated("Your account is disabled.");
  principal->session_hash = hash;
  principal->csrf = session->csrf;
  return principal;
}

Status App::SignOut(const Principal& who) {
  if (who.session_hash.empty()) return Status::Ok();
  return store_->DeleteSession(who.session_hash);
}

Status App::SignOutEverywhere(const Principal& who) {
  if (who.user_id == 0) return Status::PermissionDenied("A service token has no account to sign out of.");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  return store_->DeleteSessionsOf(who.user_id);
}

Result<store::User> App::Me(const Principal& who) {
  if (who.user_id == 0) return Status::NotFound("A service token has no account.");
  return store_->GetUser(who.user_id);
}

Result<store::User> App::CreateUser(const Principal& who, const NewUser& spec) {
  if (!who.AtLeast(Role::kAdmin)) return Status::PermissionDenied("Only a centre administrator may create accounts.");
  auto email = domain::NormaliseEmail(spec.email);
  if (!email.ok()) return email.status();
  auto name = domain::CleanDisplayName(spec.display_name);
  if (!name.ok()) return name.status();
  if (!domain::ParseRole(spec.role)) {
    return Status::InvalidArgument("Unknown role.", {{"role", "invalid_enum", "must be admin, staff, editor or trainee"}});
  }
  std::string hash;
  if (!spec.password.empty()) {
    HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(spec.password, *email, *name));
    auto h = HashPassword(spec.password);
    if (!h.ok()) return h.status();
    hash = *h;
  }
  store::User user{.email = *email,
                   .display_name = *name,
                   .lang = spec.lang.empty() ? "en" : spec.lang,
                   .role = spec.role,
                   .organisations = spec.organisations,
                   .person_id = spec.person_id};
  return store_->CreateUser(user, hash, ActorOf(who));
}

Result<std::vector<store::User>> App::ListUsers(const Principal& who) {
  if (!who.AtLeast(Role::kAdmin)) return Status::PermissionDenied("Only a centre administrator may list accounts.");
  return store_->ListUsers();
}

Result<store::User> App::GetUser(const Principal& who, int64_t id) {
  if (!who.AtLeast(Role::kAdmin) && who.user_id != id) {
    return Status::PermissionDenied("Only a centre administrator may read other accounts.");
  }
  return store_->GetUser(id);
}

Result<store::User> App::UpdateUser(const Principal& who, int64_t id, const UserPatch& patch) {
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  const bool admin = who.AtLeast(Role::kAdmin);
  if (!admin && who.user_id != id) return Status::PermissionDenied("Only a centre administrator may change accounts.");
  if (!admin && (patch.role || patch.organisations || patch.status || patch.person_id)) {
    return Status::PermissionDenied("Only a centre administrator may change roles, memberships or status.");
  }
  auto user = store_->GetUser(id);
  if (!user.ok()) return user.status();
  if (patch.display_name) {
    auto name = domain::CleanDisplayName(*patch.display_name);
    if (!name.ok()) return name.status();
    user->display_name = *name;
  }
  if (patch.lang) {
    if (*patch.lang != "zh-Hans" && *patch.lang != "vi" && *patch.lang != "en" && *patch.lang != "fr") {
      return Status::InvalidArgument("Unknown language.", {{"lang", "invalid_enum", "must be zh-Hans, vi, en or fr"}});
    }
    user->lang = *patch.lang;
  }
  if (patch.role) {
    if (!domain::ParseRole(*patch.role)) {
      return Status::InvalidArgument("Unknown role.", {{"role", "invalid_enum", "must be admin, staff, editor or trainee"}});
    }
    if (id == who.user_id && *patch.role != "admin") {
      return Status::Conflict("You cannot take away your own administrator role; ask another administrator.");
    }
    user->role = *patch.role;
  }
  if (patch.organisations) user->organisations = *patch.organisations;
  if (patch.person_id) user->person_id = *patch.person_id == 0 ? std::nullopt : std::optional<int64_t>(*patch.person_id);
  if (patch.status) {
    if (*patch.status != "active" && *patch.status != "disabled") {
      return Status::InvalidArgument("Unknown status.", {{"status", "invalid_enum", "must be active or disabled"}});
    }
    if (id == who.user_id && *patch.status != "active") return Status::Conflict("You cannot disable your own account.");
    user->status = *patch.status;
  }
  auto updated = store_->UpdateUser(*user, ActorOf(who));
  if (updated.ok() && updated->status != "active") (void)store_->DeleteSessionsOf(id);
  return updated;
}

Status App::ChangePassword(const Principal& who, const std::string& current, const std::string& next) {
  if (who.user_id == 0) return Status::PermissionDenied("A service token has no password.");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  auto user = store_->GetUser(who.user_id);
  if (!user.ok()) return user.status();
  auto found = store_->FindUserByEmail(user->email);
  if (!found.ok()) return found.status();
  if (!VerifyPassword(current, found->second)) {
    return Status::InvalidArgument("The current password is wrong.",
                                   {{"current_password", "wrong_credentials", "is not your current password"}});
  }
  HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(next, user->email, user->display_name));
  auto hash = HashPassword(next);
  if (!hash.ok()) return hash.status();
  return store_->SetPassword(user->id, *hash, ActorOf(who));  // ends every session, this one too
}

Result<std::pair<store::ApiToken, std::string>> App::CreateUserToken(const Principal& who, const NewToken& spec) {
  if (who.user_id == 0 || who.session_hash.empty()) {
    return Status::PermissionDenied("API tokens are made from a signed-in browser session.");
  }
  if (spec.name.empty() || spec.name.size() > 100) {
    return Status::InvalidArgument("A token needs a name.", {{"name", "required", "1 to 100 bytes"}});
  }
  if (spec.scopes != "read" && spec.scopes != "read,write") {
    return Status::InvalidArgument("Unknown scopes.", {{"scopes", "invalid_enum", "must be 'read' or 'read,write'"}});
  }
  if (spec.expires_in_days < 1 || spec.expires_in_days > 366) {
    return Status::InvalidArgument("Bad expiry.", {{"expires_in_days", "out_of_range", "must be from 1 to 366 days"}});
  }
  auto token = RandomToken(kTokenPrefix);
  if (!token.ok()) return token.status();
  store::ApiToken want{.name = spec.name,
                       .user_id = who.user_id,
                       .scopes = spec.scopes,
                       .expires_at = Iso8601AtMillis(NowUnixMillis() + spec.expires_in_days * 24 * 60 * kMinute)};
  auto created = store_->CreateToken(want, Sha256Hex(*token), ActorOf(who));
  if (!created.ok()) return created.status();
  return std::make_pair(*created, *token);
}

Result<std::vector<store::ApiToken>> App::ListUserTokens(const Principal& who) {
  if (who.user_id == 0) return Status::Unauthenticated("Sign in to see your tokens.");
  return store_->ListTokens(who.user_id);
}

Status App::RevokeUserToken(const Principal& who, const std::string& name) {
  if (who.user_id == 0) return Status::PermissionDenied("Service tokens are revoked with `hoptac token revoke`.");
  if (!who.can_write) return Status::PermissionDenied("This API token may only read (scope 'read').");
  return store_->RevokeToken(name, who.user_id, ActorOf(who));
}

Result<std::string> App::NewLink(const std::string& purpose, std::optional<int64_t> user_id, const std::string& payload,
                                 int64_t valid_ms) {
  auto secret = RandomToken(kLinkPrefix);
  if (!secret.ok()) return secret.status();
  const int64_t now = NowUnixMillis();
  HOPTAC_RETURN_IF_ERROR(store_->CreateOneTimeToken({.hash = Sha256Hex(*secret),
                                                     .purpose = purpose,
                                                     .user_id = user_id,
                                                     .payload = payload,
                                                     .created_at = Iso8601AtMillis(now),
                                                     .expires_at = Iso8601AtMillis(now + valid_ms)}));
  return secret;
}

Status App::RequestPasswordReset(const std::string& email_in, const std::string& lang) {
  auto email = domain::NormaliseEmail(email_in);
  if (!email.ok()) return email.status();
  if (!accounts_->mail_on) {
    return Status::Unavailable("E-mail is not configured on this server (hoptac serve --smtp-url): ask the centre.");
  }
  auto found = store_->FindUserByEmail(*email);
  // The same answer whether or not the address has an account: no way to learn who is registered.
  if (!found.ok() || found->first.status != "active") return Status::Ok();
  const store::User& user = found->first;
  auto secret = NewLink("reset", user.id, "{}", kResetMinutes * kMinute);
  if (!secret.ok()) return secret.status();
  const std::string link = accounts_->public_url + "/reset-password?token=" + *secret;
  Status sent = accounts_->mailer->Send(
      ResetPasswordMail(lang.empty() ? user.lang : lang, user.email, user.display_name, link, kResetMinutes));
  // A failure is logged, not returned: the answer must not depend on the address having an account.
  if (!sent.ok()) spdlog::error("accounts: the reset e-mail could not be sent: {}", sent.ToString());
  return Status::Ok();
}

Status App::ResetPassword(const std::string& secret, const std::string& password) {
  // The rules that need no account first, so that a weak password does not use up the link.
  HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(password, "", ""));
  auto token = store_->ConsumeOneTimeToken(Sha256Hex(secret), "reset", NowIso8601());
  if (!token.ok() || !token->user_id) {
    return Status::InvalidArgument("This reset link is not valid: it is unknown, used or expired.",
                                   {{"token", "invalid_link", "is unknown, used or expired"}});
  }
  auto user = store_->GetUser(*token->user_id);
  if (!user.ok()) return user.status();
  HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(password, user->email, user->display_name));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  // Also clears the lock: a reset is the way back in after too many wrong passwords.
  return store_->SetPassword(user->id, *hash, {.name = user->email, .kind = "user"});
}

Result<std::string> App::Invite(const Principal& who, const Invitation& invitation) {
  if (!who.can_write || !who.AtLeast(Role::kStaff)) {
    return Status::PermissionDenied("Only centre staff may invite people.");
  }
  auto role = domain::ParseRole(invitation.role);
  if (!role) return Status::InvalidArgument("Unknown role.", {{"role", "invalid_enum", "must be admin, staff, editor or trainee"}});
  if (static_cast<int>(*role) >= static_cast<int>(Role::kStaff) && !who.AtLeast(Role::kAdmin)) {
    return Status::PermissionDenied("Only a centre administrator may invite staff or administrators.");
  }
  if (*role == Role::kEditor && invitation.organisations.empty()) {
    return Status::InvalidArgument("An editor belongs to an organisation.",
                                   {{"organisations", "required", "name the organisation the editor will edit"}});
  }
  auto email = domain::NormaliseEmail(invitation.email);
  if (!email.ok()) return email.status();
  if (store_->FindUserByEmail(*email).ok()) {
    return Status::Conflict("An account with this e-mail address already exists.",
                            {{"email", "duplicate_email", "already has an account"}});
  }
  std::string organisation_name;
  for (int64_t org : invitation.organisations) {
    auto record = store_->Get("organisation", org);
    if (!record.ok()) {
      return Status::InvalidArgument("No such organisation.", {{"organisations", "dangling_ref", "no organisation with that id"}});
    }
    if (organisation_name.empty()) {
      const auto* name = record->Get("name");
      if (name && name->is_text()) organisation_name = name->as_text().text;
    }
  }
  nlohmann::json payload = {{"email", *email},
                            {"role", invitation.role},
                            {"organisations", invitation.organisations},
                            {"lang", invitation.lang.empty() ? "en" : invitation.lang},
                            {"person_id", invitation.person_id ? nlohmann::json(*invitation.person_id) : nlohmann::json()},
                            {"invited_by", who.name}};
  auto secret = NewLink("invite", std::nullopt, payload.dump(), kInviteHours * 60 * kMinute);
  if (!secret.ok()) return secret.status();
  std::string inviter = who.name;
  if (who.user_id != 0) {
    if (auto me = store_->GetUser(who.user_id); me.ok()) inviter = me->display_name;
  }
  const std::string link = accounts_->public_url + "/accept-invitation?token=" + *secret;
  HOPTAC_RETURN_IF_ERROR(accounts_->mailer->Send(InvitationMail(payload["lang"].get<std::string>(), *email, inviter,
                                                                organisation_name, invitation.role, link, kInviteHours)));
  return Iso8601AtMillis(NowUnixMillis() + kInviteHours * 60 * kMinute);
}

Result<App::SignIn> App::AcceptInvitation(const std::string& secret, const std::string& display_name,
                                          const std::string& password, const std::string& remote) {
  auto name = domain::CleanDisplayName(display_name);
  if (!name.ok()) return name.status();
  // Check the password before using up the link, so a weak password can be corrected; the rule
  // about containing the e-mail address can only be checked once the invitation is opened.
  HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(password, "", *name));
  auto token = store_->ConsumeOneTimeToken(Sha256Hex(secret), "invite", NowIso8601());
  if (!token.ok()) {
    return Status::InvalidArgument("This invitation is not valid: it is unknown, used or expired.",
                                   {{"token", "invalid_link", "is unknown, used or expired"}});
  }
  auto payload = nlohmann::json::parse(token->payload, nullptr, false);
  if (payload.is_discarded()) return Status::Internal("an invitation has an unreadable payload");
  const std::string email = payload.value("email", "");
  HOPTAC_RETURN_IF_ERROR(domain::CheckPassword(password, email, *name));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  store::User user{.email = email,
                   .display_name = *name,
                   .lang = payload.value("lang", "en"),
                   .role = payload.value("role", "trainee"),
                   .organisations = payload.value("organisations", std::vector<int64_t>{})};
  if (payload.contains("person_id") && payload["person_id"].is_number_integer()) {
    user.person_id = payload["person_id"].get<int64_t>();
  }
  auto created = store_->CreateUser(user, *hash, {.name = payload.value("invited_by", "invitation"), .kind = "user"});
  if (!created.ok()) return created.status();
  return StartSession(*created, remote);
}

bool App::SecureCookies() const { return accounts_->public_url.rfind("https://", 0) == 0; }

}  // namespace hoptac::app
