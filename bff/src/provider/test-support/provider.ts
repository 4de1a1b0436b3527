import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { InteractionName } from '../../gpconnect/constants.js';
import { buildProviderApp } from '../app.js';
import type { PracticeConfig, ProviderConfig } from '../config/schema.js';
import { allHandlers } from '../handlers/index.js';
import type { SlotHandlerOptions } from '../handlers/slot.js';
import type { JwtPolicy } from '../pipeline/spine-jwt-validation.js';
import { openProviderStore } from '../store/open.js';
import type { ProviderStore } from '../store/store.js';
import { spineHeaders } from './spine-request.js';

export interface TestProvider {
  app: FastifyInstance;
  store: ProviderStore;
  config: ProviderConfig;
  practice: PracticeConfig;
  /** Sends a valid GP Connect request (override any header, or remove it with `undefined`). */
  send(
    interaction: InteractionName,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    options?: { body?: unknown; headers?: Record<string, string | undefined>; practice?: PracticeConfig },
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string; json: () => FhirJson }>;
  close(): Promise<void>;
}

/** Loose view of a FHIR JSON body for assertions. */
export type FhirJson = Record<string, unknown> & {
  entry?: Array<{ resource: Record<string, unknown> & { resourceType: string; id?: string } }>;
  issue?: Array<{ code: string; details: { coding: Array<{ code: string }> }; diagnostics: string }>;
};

/**
 * A provider over an in-memory store, with its clock fixed at `now` (slots are laid out from that day), or read
 * from `clock` on every request when given (a test that moves time). `slots` chooses the slot search's cache.
 */
export async function startTestProvider(
  config: ProviderConfig,
  options: {
    now?: Date;
    clock?: () => Date;
    jwt?: JwtPolicy;
    database?: string;
    slots?: SlotHandlerOptions;
  } = {},
): Promise<TestProvider> {
  const now = options.now ?? options.clock?.() ?? new Date();
  const store = openProviderStore(config, options.database ?? ':memory:', now);
  const app = buildProviderApp({
    config,
    handlers: allHandlers(store, options.slots ? { slots: options.slots } : {}),
    jwt: options.jwt ?? {},
    logger: pino({ level: 'silent' }),
    clock: options.clock ?? (() => now),
    store,
  });
  await app.ready();
  const first = config.practices[0];
  if (!first) throw new Error('no practice');
  return {
    app,
    store,
    config,
    practice: first,
    async send(interaction, method, path, sendOptions = {}) {
      const practice = sendOptions.practice ?? first;
      const headers: Record<string, string> = { ...spineHeaders(practice, interaction) };
      for (const [name, value] of Object.entries(sendOptions.headers ?? {})) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      const response = await app.inject({
        method,
        url: `/${practice.odsCode}/STU3/1/gpconnect${path}`,
        headers,
        ...(sendOptions.body === undefined
          ? {}
          : {
              payload:
                typeof sendOptions.body === 'string' ? sendOptions.body : JSON.stringify(sendOptions.body),
            }),
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: () => (response.body.length > 0 ? response.json<FhirJson>() : {}),
      };
    },
    async close() {
      await app.close();
      store.close();
    },
  };
}
