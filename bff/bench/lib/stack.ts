/**
 * The stack of the BFF benches, each part in a process of its own as in production: the reference provider
 * (bff/bench/lib/provider-process.ts) and one or more BFF instances (bff/bench/lib/bff-process.ts) pointed at it
 * through a practice directory file, signing their Spine JWTs with one key that the provider checks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { directoryFromProviderConfig } from '../../src/app/directory.js';
import { loadSigningKey, type SigningKey } from '../../src/platform/signing-key.js';
import { loadProviderConfig } from '../../src/provider/config/load.js';
import type { BffInfo } from './bff-process.js';
import { startChild, type Child } from './ipc.js';
import type { ProviderInfo } from './provider-process.js';

/** What a browser sends with an API call (Chromium's Accept-Encoding). */
export const BROWSER_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br, zstd' };

export interface BenchStack {
  key: SigningKey;
  provider: Child<ProviderInfo>;
  directoryFile: string;
  startBff(name: string, env?: Record<string, string>, execArgv?: string[]): Promise<Child<BffInfo>>;
}

/** Starts the provider (`seed`: a bundled name or a file) in its own process; BFFs are started with `startBff`. */
export async function startBenchStack(dir: string, seed = 'demo'): Promise<BenchStack> {
  // Written under `dir` (keys/bff-signing-key.jwk.json), where every BFF started here (DATA_DIR) finds it.
  const key = await loadSigningKey(undefined, dir);
  const provider = await startChild<ProviderInfo>(
    'provider',
    new URL('./provider-process.ts', import.meta.url),
    {
      env: { BENCH_SEED: seed, BENCH_JWKS: JSON.stringify(key.jwks) },
    },
  );
  const directory = directoryFromProviderConfig(loadProviderConfig(seed), provider.info.url);
  const directoryFile = join(dir, 'directory.json');
  writeFileSync(directoryFile, JSON.stringify({ practices: directory.entries }));
  return {
    key,
    provider,
    directoryFile,
    startBff: (name, env = {}, execArgv = []) =>
      startChild<BffInfo>(name, new URL('./bff-process.ts', import.meta.url), {
        execArgv,
        env: {
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'silent',
          DATA_DIR: dir,
          RUN_PROVIDER: 'false',
          PRACTICE_DIRECTORY: directoryFile,
          RUN_DEMO_IDP: 'false',
          // Real sign-in needs the operator named (the privacy notice's data controller).
          SERVICE_OPERATOR_NAME: 'Bench operator',
          SERVICE_OPERATOR_EMAIL: 'privacy@bench.example',
          // Load from one address and one session: the limits are raised through configuration, as in production.
          RATE_LIMIT_PER_IP: '100000000',
          RATE_LIMIT_PER_SESSION: '100000000',
          REDIS_URL: '',
          BENCH_PATIENT: JSON.stringify({ nhsNumber: '9990000018', registeredOds: 'Y90001' }),
          ...env,
        },
      }),
  };
}
