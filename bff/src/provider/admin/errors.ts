import type { PracticeAdminErrorCode } from './contract.js';

/** An answer of the practice-admin API other than success: `{ error: { code, message, issues? } }`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: PracticeAdminErrorCode,
    message: string,
    readonly issues?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'AdminError';
  }

  body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: [...this.issues] } : {}),
      },
    };
  }
}
