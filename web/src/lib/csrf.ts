/**
 * The signed-in session's CSRF token, held in memory only. The session feature sets it when GET /api/session
 * answers; the API client sends it in `x-csrf-token` on every state-changing request.
 */
let current: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  current = token;
}

export function csrfToken(): string | undefined {
  return current;
}
