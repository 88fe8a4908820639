// The browser session's CSRF token, held in memory only (never in storage): it comes with
// sign-in and with GET /api/v1/me after a reload, and goes back as X-CSRF-Token on every change
// made with the session cookie. Also the hook through which the API client reports that the
// server no longer knows the session (a 401 on a call that needed it).
let csrf = '';
let onEnded: (() => void) | null = null;

export function getCsrf(): string {
  return csrf;
}

export function setCsrf(token: string): void {
  csrf = token;
}

/** Called by the API client when the server answers 401 although a session was believed open. */
export function setSessionEndedHandler(handler: (() => void) | null): void {
  onEnded = handler;
}

export function reportSessionEnded(): void {
  onEnded?.();
}
