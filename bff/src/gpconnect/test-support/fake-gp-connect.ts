import { pino } from 'pino';
import {
  GpConnectClient,
  type GpConnectCall,
  type GpConnectResponse,
  type ProviderEndpoint,
} from '../client.js';
import {
  bindPractice,
  type CallContext,
  type GpConnectCaller,
  type PracticeCaller,
} from '../bound-caller.js';
import { GpConnectError } from '../errors.js';
import type { RepeatAnswers } from '../repeat-answers.js';

/** What the fake provider answers to one call: a body (parsed with the caller's schema, as the client does) or an error. */
export type FakeReply = { status?: number; body: unknown; etag?: string } | GpConnectError;

/**
 * A stand-in for GpConnectClient in unit tests of the consumer functions: records every call and answers from
 * `reply`. Bodies go through JSON and the call's schema, so a schema that cannot read an example fails the test.
 * `at()` binds it to a practice, as the functions take it.
 */
export class FakeGpConnect implements GpConnectCaller {
  readonly calls: Array<GpConnectCall<unknown>> = [];

  constructor(private readonly reply: (call: GpConnectCall<unknown>) => FakeReply) {}

  async call<T>(call: GpConnectCall<T>): Promise<GpConnectResponse<T>> {
    this.calls.push(call);
    const reply = this.reply(call);
    if (reply instanceof GpConnectError) throw reply;
    const parsed = call.schema.safeParse(JSON.parse(JSON.stringify(reply.body)));
    if (!parsed.success) {
      throw new GpConnectError(
        { kind: 'invalid_response', status: reply.status ?? 200, detail: parsed.error.message },
        call.interaction,
      );
    }
    return { status: reply.status ?? 200, body: parsed.data, etag: reply.etag, location: undefined };
  }

  /** The query of call `index` as `name=value` strings, in order. */
  queryOf(index: number): string[] {
    return (this.calls[index]?.query ?? []).map(([name, value]) => `${name}=${value}`);
  }

  /** This fake bound to a practice (the test `endpoint` unless given) and a context (the test `context`). */
  at(practice: ProviderEndpoint = endpoint, callContext: CallContext = context): PracticeCaller {
    return bindPractice(this, practice, callContext);
  }
}

export const endpoint: ProviderEndpoint = {
  odsCode: 'A00001',
  serviceRoot: 'http://provider.test/A00001/STU3/1/gpconnect',
  asid: '918999198738',
};

export const context: CallContext = {
  user: { id: 'user-1', family: 'Patient', given: ['Pat'] },
  traceId: 'trace-1',
};

export function notFound(interaction: string): GpConnectError {
  return new GpConnectError({ kind: 'rejected', status: 404, spineCode: 'NO_RECORD_FOUND' }, interaction);
}

/** A real client, as a test consumer with an unsecured JWT, for tests that call a provider over HTTP. */
export function testClient(
  options: { timeoutMs?: number; repeatAnswers?: RepeatAnswers } = {},
): GpConnectClient {
  return new GpConnectClient({
    consumer: {
      issuer: 'https://book.example',
      odsCode: 'GPA001',
      organisationName: 'Test consumer',
      deviceSystem: 'https://book.example/Id/device',
      deviceId: 'bff',
      productName: 'GP Appointments',
      productVersion: '0.1.0',
      userIdSystem: 'https://book.example/Id/user',
    },
    consumerAsid: '200000001234',
    signing: { kind: 'none' },
    timeoutMs: options.timeoutMs ?? 5_000,
    ...(options.repeatAnswers ? { repeatAnswers: options.repeatAnswers } : {}),
    logger: pino({ level: 'silent' }),
  });
}
