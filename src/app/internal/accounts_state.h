// What App keeps for accounts: the mailer, the public URL for links, the sign-in throttle.
#pragma once

#include <memory>
#include <string>

#include "app/app.h"
#include "app/internal/throttle.h"
#include "app/mail.h"

namespace hoptac::app {

struct App::Accounts {
  std::unique_ptr<Mailer> mailer;
  bool mail_on = false;  // an SMTP server is configured
  std::string public_url;
  int session_hours = 12;
  AddressThrottle addresses;
};

}  // namespace hoptac::app
