/**
 * The BFF in a process of its own, configured from the environment like `npm start` (bff/src/main.ts), for a
 * bench to load over HTTP. The bench passes RUN_PROVIDER=false and a PRACTICE_DIRECTORY pointing at a provider in
 * another process, and raises RATE_LIMIT_PER_IP / RATE_LIMIT_PER_SESSION through that same configuration.
 *
 * Ready info: the BFF's URL and the headers of a signed-in patient's session (BENCH_PATIENT: a JSON SessionPatient,
 * merged over a default). Calls: `session` (one more signed-in session; its headers), `sessions` ({ count }: that
 * many more sessions in the store, each holding its patient's id at the registered practice; answers how long that
 * took and one of them's headers).
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/app/config.js';
import type { SessionPatient } from '../../src/identity/sessions/store.js';
import { startStack } from '../../src/stack.js';
import { signedInSession } from '../../src/test-support/identity/sign-in-stack.js';
import { serveParent } from './ipc.js';

export interface BffInfo {
  url: string;
  headers: Record<string, string>;
}

const config = loadConfig(process.env);
const stack = await startStack(config, pino({ level: 'silent' }));
const patient: Partial<SessionPatient> = process.env['BENCH_PATIENT']
  ? (JSON.parse(process.env['BENCH_PATIENT']) as Partial<SessionPatient>)
  : {};
const signIn = async (n = 0) =>
  signedInSession(stack.sessions, config.publicUrl, {
    ...patient,
    sub: `bench-subject-${process.pid}-${n}`,
  });
const first = await signIn();

serveParent(
  { url: stack.bffUrl, headers: first.headers } satisfies BffInfo,
  {
    session: async () => (await signIn()).headers,
    sessions: async ({ count }: { count: number }) => {
      const started = performance.now();
      let last: Awaited<ReturnType<typeof signIn>> | undefined;
      for (let i = 1; i <= count; i++) {
        last = await signIn(i);
        const session = await stack.sessions.find(last.sessionId);
        if (session.status === 'active') {
          await stack.sessions.setPatientId(
            session.session,
            patient.registeredOds ?? 'Y90001',
            `${1000 + i}`,
          );
        }
      }
      return { ms: performance.now() - started, headers: last?.headers };
    },
  },
  () => stack.close(),
);
