import { createServer } from 'node:net';

/**
 * Ports are taken from 20000–27999, below the range the system hands out for `listen(0)` (32768–60999 on Linux),
 * 400 to each Vitest worker (`VITEST_POOL_ID` is unique among the workers running at once). A port found free in the
 * system's own range could be handed to another worker's `listen(0)` before the test listened on it (EADDRINUSE,
 * seen in CI); here nothing else asks for these.
 */
const FIRST_PORT = 20_000;
const PORTS_PER_WORKER = 400;
const WORKERS = 20;
// eslint-disable-next-line no-restricted-properties -- the test runner's worker number, not application configuration
const worker = Number(process.env['VITEST_POOL_ID'] ?? '1') % WORKERS;
let next = 0;

/**
 * A TCP port free on 127.0.0.1, for a server a test starts that must know its address before it listens (its
 * address goes in another server's configuration first).
 */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < PORTS_PER_WORKER; tried++) {
    const port = FIRST_PORT + worker * PORTS_PER_WORKER + (next++ % PORTS_PER_WORKER);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port in this worker’s range');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
