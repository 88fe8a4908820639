// Secrets: random tokens, their SHA-256 for storage, argon2id password hashes, constant-time
// comparison. All through libsodium; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace hoptac::app {

// prefix + 32 random bytes in base64url ("hpt_…" API tokens, "hps_…" sessions, "hpr_…" links).
Result<std::string> RandomToken(std::string_view prefix);
// Lower-case hex SHA-256: what the store keeps of a token.
std::string Sha256Hex(std::string_view data);
// argon2id with libsodium's interactive limits (64 MiB, 2 passes): an encoded string with its salt.
Result<std::string> HashPassword(std::string_view password);
// False for a wrong password or an unusable hash. Runs the full hash either way.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);
// Burns the same time as VerifyPassword, for a sign-in with an unknown e-mail address, so that
// timing does not tell which addresses have accounts.
void VerifyNothing(std::string_view password);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace hoptac::app
