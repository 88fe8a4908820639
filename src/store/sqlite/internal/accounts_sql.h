// The SQLite side of accounts and the audit trail: users and their organisations, sessions,
// single-use tokens, API tokens, and reading the change log with each record's before/after from
// the history tables. Free functions over a Connection: writes run on the store's writer inside the
// transaction the store has begun (see sqlite_store.cc); reads run on a borrowed reader.
// Not thread-safe by themselves: the store serialises writes and lends each reader to one thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/record_writer.h"
#include "store/store.h"

namespace hoptac::store::sqlite {

// A change of an account ("user", "token") with its JSON detail, in the same change log as records.
Status AppendAccountChange(Connection& conn, const std::string& type, int64_t id, const std::string& op,
                           const std::string& detail, const WriteContext& ctx);

Result<User> InsertUser(Connection& conn, const User& user, const std::string& password_hash, const WriteContext& ctx);
Result<User> ReadUser(Connection& conn, int64_t id);
Result<std::pair<User, std::string>> ReadUserByEmail(Connection& conn, const std::string& email);
Result<std::vector<User>> ReadUsers(Connection& conn);
Result<User> WriteUser(Connection& conn, const User& user, const WriteContext& ctx);
Status WritePassword(Connection& conn, int64_t user_id, const std::string& password_hash, const WriteContext& ctx);
Status WriteLoginState(Connection& conn, int64_t user_id, int failed_logins, const std::string& locked_until);

Status InsertSession(Connection& conn, const Session& session);
Result<Session> ReadSession(Connection& conn, const std::string& id_hash);
Status RemoveSession(Connection& conn, const std::string& id_hash);
Status RemoveSessionsOf(Connection& conn, int64_t user_id);
Status RemoveExpired(Connection& conn, const std::string& now);

Status InsertOneTimeToken(Connection& conn, const OneTimeToken& token);
Result<OneTimeToken> TakeOneTimeToken(Connection& conn, const std::string& hash, const std::string& purpose,
                                      const std::string& now);

Result<ApiToken> InsertToken(Connection& conn, const ApiToken& spec, const std::string& token_hash,
                             const WriteContext& ctx);
Result<ApiToken> ReadToken(Connection& conn, const std::string& token_hash);
Result<std::vector<ApiToken>> ReadTokens(Connection& conn, std::optional<int64_t> user_id);
Status MarkRevoked(Connection& conn, const std::string& name, int64_t user_id, const WriteContext& ctx);

// A row of "SELECT seq, type, record_id, op, at, actor, version, detail FROM changes ...".
Change RowToChange(const Stmt& row);
Result<std::vector<AuditEntry>> ReadAudit(Connection& conn, const AuditQuery& query);
Status RemoveHistory(Connection& conn, const std::string& type, int64_t id);

}  // namespace hoptac::store::sqlite
