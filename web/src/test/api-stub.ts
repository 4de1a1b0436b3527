import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer =
  { status: number; body?: unknown } | ((call: RecordedCall) => { status: number; body?: unknown });

/**
 * Stubs `fetch` with answers keyed "METHOD /path" (the query string is matched when the key has one, else ignored)
 * and records every call. Unknown calls answer 404 not_found, like the BFF.
 */
export function stubApi(initial: Record<string, Answer>) {
  const answers = new Map(Object.entries(initial));
  const calls: RecordedCall[] = [];
  /** Calls whose answer waits, by key, until the test lets it go (`hold`). */
  const held = new Map<string, Array<() => void>>();
  const fetchStub = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init?.headers as Record<string, string> | undefined) ?? {}),
    );
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: RecordedCall = { method, path: `${url.pathname}${url.search}`, headers, body };
    calls.push(call);
    const key = answers.has(`${method} ${url.pathname}${url.search}`)
      ? `${method} ${url.pathname}${url.search}`
      : `${method} ${url.pathname}`;
    const respond = (): Response => {
      const answer = answers.get(key);
      if (answer === undefined)
        return json(404, { error: { code: 'not_found', message: `No stub for ${method} ${url.pathname}` } });
      const { status, body: responseBody } = typeof answer === 'function' ? answer(call) : answer;
      return status === 204 ? new Response(null, { status }) : json(status, responseBody);
    };
    const waiting = held.get(key);
    if (waiting) return new Promise<Response>((resolve) => waiting.push(() => resolve(respond())));
    return Promise.resolve(respond());
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    calls,
    set(key: string, answer: Answer) {
      answers.set(key, answer);
    },
    /**
     * Holds the answers to calls with this key (an answer on its way); the function returned answers them, and the
     * calls after it, as set.
     */
    hold(key: string): () => void {
      const waiting: Array<() => void> = [];
      held.set(key, waiting);
      return () => {
        held.delete(key);
        for (const answer of waiting.splice(0)) answer();
      };
    },
    callsTo(method: string, pathStart: string) {
      return calls.filter((call) => call.method === method && call.path.startsWith(pathStart));
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function apiError(
  status: number,
  code: string,
  message = code,
  fields?: Array<{ field: string; message: string }>,
) {
  return { status, body: { error: { code, message, ...(fields ? { fields } : {}) } } };
}

/** Makes the browser believe it is offline (or online again) and tells the app, as the real events would. */
export function setOnline(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}
