import pino, { type Logger } from 'pino';

/**
 * The process logger. Structured JSON; anything that could identify a patient or authenticate anyone is
 * redacted wherever it appears, as a safety net behind the rule that such values are never logged.
 */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.nhsNumber',
        '*.nhs_number',
        '*.name',
        '*.given',
        '*.family',
        '*.birthDate',
        '*.reason',
        '*.description',
        '*.comment',
        '*.phone',
        '*.token',
        '*.accessToken',
        '*.idToken',
      ],
      censor: '[redacted]',
    },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l' } } }
      : {}),
  });
}

/**
 * A request's path for the log, never its query string: query strings carry credentials (the authorisation
 * `code` and `state` on /auth/callback), and GET parameters must not reach unprotected logs.
 */
export function logPath(url: string): string {
  return url.split('?')[0] ?? '';
}
