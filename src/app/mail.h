// Mail: how hoptac sends e-mail (password resets, invitations), and the texts of those e-mails in
// zh-Hans, vi, en and fr.
//
// A Mailer takes one MailMessage (a recipient, a subject and a UTF-8 plain-text body) and hands it
// to an SMTP server. The SMTP mailer writes a complete RFC 5322 / MIME message itself: Date, From,
// To, a Subject in RFC 2047 encoded words (subjects are Chinese and Vietnamese), Message-ID,
// MIME-Version, a text/plain; charset=UTF-8 body in base64; no line longer than 76 characters. It
// speaks SMTP through libcurl, one easy handle per Send, so one Mailer may be shared by every
// thread. Send blocks for at most MailConfig::timeout_ms; call it off the I/O threads.
//
// Failures are values: InvalidArgument for a message that cannot be sent as given (an address
// that is not one, a CR or LF in a header field: header injection), Unavailable when the server
// cannot be reached, refuses the sender or a recipient, or the TLS that was required cannot be
// had. Messages name the server as scheme://host:port and quote its reply; they never contain the
// password or any credentials written into the URL.
//
// The templates are pure functions; their output is meant for Send as is.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace hoptac::app {

struct MailConfig {
  std::string smtp_url;  // smtp://host:port (STARTTLS when offered) or smtps://host:port (TLS from the start)
  std::string username;  // empty: no SMTP authentication
  std::string password;
  std::string from = "hoptac <no-reply@localhost>";  // "Display Name <address>" or a bare address
  bool require_tls = false;  // refuse to send unless the connection is encrypted (STARTTLS or smtps)
  int timeout_ms = 10000;    // the whole exchange, connecting included
};

struct MailMessage {
  std::string to;       // "someone@example.org" or "Display Name <someone@example.org>"
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8 plain text; lines end with "\n" (sent as CRLF)
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Hands the message to the server; Ok once the server has accepted it for delivery.
  virtual Status Send(const MailMessage& message) = 0;
};

// A mailer speaking SMTP to config.smtp_url. Refused (InvalidArgument): a URL that is not smtp://
// or smtps:// with a host, a `from` that is not an address, a timeout that is not positive.
Result<std::unique_ptr<Mailer>> MakeSmtpMailer(MailConfig config);

// The mailer of a server started without --smtp-url: every Send is Unavailable and says so.
std::unique_ptr<Mailer> MakeNullMailer();

// --- Templates -------------------------------------------------------------------------------
// `lang` is a BCP 47 tag: zh* gives zh-Hans, vi* Vietnamese, fr* French, anything else English.
// Names are put into the subject as one line (control characters become spaces).

// "Reset your password": `link` is the reset link, valid for `valid_minutes`.
// `display_name` may be empty (the greeting then has no name).
MailMessage ResetPasswordMail(const std::string& lang, const std::string& to, const std::string& display_name,
                              const std::string& link, int valid_minutes);

// "You are invited": from `inviter_name` (empty: "the cooperation centre"), to work with `organisation_name` (empty for
// the centre itself) in `role` ("admin", "staff", "editor", "trainee"; any other value is shown as given), accepted by
// opening `link` within `valid_hours`.
MailMessage InvitationMail(const std::string& lang, const std::string& to, const std::string& inviter_name,
                           const std::string& organisation_name, const std::string& role, const std::string& link,
                           int valid_hours);

// The label of a role in the language of `lang`: "admin" is "centre administrator", "staff"
// "centre staff", "editor" "organisation editor", "trainee" "trainee"; other roles as given.
std::string RoleLabel(std::string_view lang, std::string_view role);

}  // namespace hoptac::app
