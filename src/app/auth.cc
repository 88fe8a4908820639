// Secrets and API-token authentication. Tokens are "hpt_" + 32 random bytes (base64url); only their
// SHA-256 is stored, and a lookup by hash compares no secret byte by byte, so there is no timing
// oracle. Passwords are argon2id (libsodium crypto_pwhash_str).
#include <sodium.h>
#include <strings.h>

#include "app/app.h"
#include "app/internal/secrets.h"
#include "core/clock.h"

namespace hoptac::app {

namespace {

constexpr std::string_view kTokenPrefix = "hpt_";

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> RandomToken(std::string_view prefix) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(prefix) + b64;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Unavailable("Not enough memory to hash the password; try again.");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  if (!SodiumReady() || encoded_hash.empty()) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyNothing(std::string_view password) {
  static const std::string kDummy = [] {
    auto h = HashPassword("hoptac-timing-equaliser");
    return h.ok() ? *h : std::string();
  }();
  (void)VerifyPassword(password, kDummy);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<Principal> App::Authenticate(const std::string& header) {
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty()) return Status::Unauthenticated("No API token: send 'Authorization: Bearer <token>'.");
  // The scheme is case-insensitive (RFC 9110 section 11.1).
  if (header.size() < kBearer.size() || strncasecmp(header.c_str(), kBearer.data(), kBearer.size()) != 0) {
    return Status::Unauthenticated("The Authorization header must be 'Bearer <token>'.");
  }
  std::string_view token = std::string_view(header).substr(kBearer.size());
  if (token.size() > 200 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return Status::Unauthenticated("The API token is not valid.");
  }
  auto found = store_->FindToken(Sha256Hex(token));
  if (!found.ok()) return Status::Unauthenticated("The API token is not valid or has been revoked.");
  if (!found->expires_at.empty() && found->expires_at <= NowIso8601()) {
    return Status::Unauthenticated("The API token '" + found->name + "' expired at " + found->expires_at + ".");
  }
  const bool can_write = found->scopes.find("write") != std::string::npos;
  if (found->user_id == 0) {
    // A service token made on the server with `hoptac token create`: it acts for the centre.
    return Principal{.name = found->name, .role = domain::Role::kAdmin, .can_write = can_write, .authenticated = true};
  }
  auto principal = PrincipalOf(found->user_id);
  if (!principal.ok()) return Status::Unauthenticated("The API token's account is disabled or gone.");
  principal->can_write = principal->can_write && can_write;
  return principal;
}

Result<std::string> App::CreateToken(const std::string& name) {
  if (name.empty() || name.size() > 100) return Status::InvalidArgument("A token needs a name of 1 to 100 bytes.");
  auto token = RandomToken(kTokenPrefix);
  if (!token.ok()) return token.status();
  auto created = store_->CreateToken({.name = name}, Sha256Hex(*token), {.name = "cli", .kind = "cli"});
  if (!created.ok()) return created.status();
  return token;
}

Status App::RevokeToken(const std::string& name) { return store_->RevokeToken(name, 0, {.name = "cli", .kind = "cli"}); }

}  // namespace hoptac::app
