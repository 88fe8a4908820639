// Authentication with API tokens: "hpt_" + 32 random bytes (base64url). Only the SHA-256 of a token
// is stored; a lookup by hash does not compare secrets byte by byte, so there is no timing oracle.
#include <sodium.h>
#include <strings.h>

#include "app/app.h"

namespace hoptac::app {

namespace {

constexpr std::string_view kPrefix = "hpt_";

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string HashToken(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

Result<Principal> App::Authenticate(const std::string& header) {
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty()) return Status::Unauthenticated("No API token: send 'Authorization: Bearer <token>'.");
  // The scheme is case-insensitive (RFC 9110 section 11.1).
  if (header.size() < kBearer.size() || strncasecmp(header.c_str(), kBearer.data(), kBearer.size()) != 0) {
    return Status::Unauthenticated("The Authorization header must be 'Bearer <token>'.");
  }
  std::string_view token = std::string_view(header).substr(kBearer.size());
  if (token.size() > 200 || token.substr(0, kPrefix.size()) != kPrefix || !SodiumReady()) {
    return Status::Unauthenticated("The API token is not valid.");
  }
  auto found = store_->FindToken(HashToken(token));
  if (!found.ok()) return Status::Unauthenticated("The API token is not valid or has been revoked.");
  return Principal{.name = found->name, .authenticated = true, .can_write = true, .can_read_private = true};
}

Result<std::string> App::CreateToken(const std::string& name) {
  if (name.empty() || name.size() > 100) return Status::InvalidArgument("A token needs a name of 1 to 100 bytes.");
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string token = std::string(kPrefix) + b64;
  auto created = store_->CreateToken(name, HashToken(token));
  if (!created.ok()) return created.status();
  return token;
}

Status App::RevokeToken(const std::string& name) { return store_->RevokeToken(name); }

}  // namespace hoptac::app
