// Handlers of the account routes (accounts_api.cc), listed in api.cc's route table.
#pragma once

#include "http/internal/call.h"

namespace hoptac::http::internal {

Response SignInRoute(Call& call);            // POST /api/v1/session
Response SignOutRoute(Call& call);           // DELETE /api/v1/session
Response SignOutEverywhereRoute(Call& call); // DELETE /api/v1/me/sessions
Response MeRoute(Call& call);                // GET /api/v1/me
Response MePatchRoute(Call& call);           // PATCH /api/v1/me
Response MePasswordRoute(Call& call);        // POST /api/v1/me/password
Response MeTokensRoute(Call& call);          // GET, POST, DELETE /api/v1/me/tokens
Response MePersonRoute(Call& call);          // POST /api/v1/me/person
Response MeExportRoute(Call& call);          // GET /api/v1/me/export
Response PasswordResetRoute(Call& call);     // POST /api/v1/password-resets
Response PasswordResetConfirmRoute(Call& call);  // POST /api/v1/password-resets/confirm
Response InviteRoute(Call& call);            // POST /api/v1/invitations
Response AcceptInvitationRoute(Call& call);  // POST /api/v1/invitations/accept
Response UsersRoute(Call& call);             // GET, POST /api/v1/users
Response UserRoute(Call& call);              // GET, PATCH /api/v1/users/{id}
Response AuditRoute(Call& call);             // GET /api/v1/audit
Response PersonExportRoute(Call& call);      // GET /api/v1/people/{id}/export
Response PersonEraseRoute(Call& call);       // POST /api/v1/people/{id}/erase

}  // namespace hoptac::http::internal
