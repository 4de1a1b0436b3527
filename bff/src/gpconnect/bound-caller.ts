import type { GpConnectCall, GpConnectClient, GpConnectResponse, ProviderEndpoint } from './client.js';
import type { Deadline } from './deadline.js';
import type { RequestingUser } from './spine-jwt.js';

/** What a bound caller needs of the client (a test passes a fake). */
export type GpConnectCaller = Pick<GpConnectClient, 'call'>;

/** Who is asking (the Spine JWT and the trace id), and until when. */
export interface CallContext {
  user: RequestingUser;
  traceId: string;
  /** The patient request's deadline, shared by all its calls (see deadline.ts). */
  deadline?: Deadline | undefined;
}

/** One interaction as our GP Connect functions describe it: what to ask, not where, for whom or until when. */
export type PracticeCall<T> = Omit<GpConnectCall<T>, 'endpoint' | 'user' | 'traceId' | 'deadline'>;

/**
 * The GP Connect client bound to one practice's endpoint and one request's context: every interaction function
 * (appointments.ts, patients.ts, slots.ts, …) takes one of these first instead of (client, endpoint, context).
 */
export interface PracticeCaller {
  readonly endpoint: ProviderEndpoint;
  call<T>(request: PracticeCall<T>): Promise<GpConnectResponse<T>>;
  /** The same practice and context with another deadline (a write's own, or its read-backs'). */
  withDeadline(deadline: Deadline | undefined): PracticeCaller;
}

/** Binds `client` to `endpoint` and `context`: each call sends them with it. */
export function bindPractice(
  client: GpConnectCaller,
  endpoint: ProviderEndpoint,
  context: CallContext,
): PracticeCaller {
  const { user, traceId, deadline } = context;
  return {
    endpoint,
    call: (request) => client.call({ ...request, endpoint, user, traceId, deadline }),
    withDeadline: (other) => bindPractice(client, endpoint, { ...context, deadline: other }),
  };
}
