import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';

/**
 * A GP Connect provider that fails the way real ones do: an HTTP proxy in front of the bundled reference provider,
 * one port per practice, that passes requests through unless told to inject a fault into those matching a rule.
 * Tests use it to check what the patient is told after each fault and what the provider's system ends up holding.
 */
export type Fault =
  /** The connection breaks before the request reaches the provider: nothing happens there. */
  | { kind: 'drop-request' }
  /** The provider does the work, then the connection breaks before its answer arrives. */
  | { kind: 'drop-answer' }
  /** The proxy answers this status with an OperationOutcome; `afterForwarding`: the provider acted first. */
  | { kind: 'status'; status: number; afterForwarding?: boolean }
  /** No answer at all, and the request never reaches the provider. */
  | { kind: 'hang' }
  /** The provider does the work at once; its answer is held back this long. */
  | { kind: 'delay-answer'; ms: number };

export interface SeenRequest {
  practice: string;
  method: string;
  /** Path below the service root with the query, e.g. `/Appointment` or `/Patient/7/Appointment?start=…`. */
  path: string;
}

export interface FaultRule {
  when: (request: SeenRequest) => boolean;
  fault: Fault;
  /** How many matching requests get the fault (then the rule is spent); all of them when absent. */
  times?: number;
}

const SERVICE_ROOT = /^\/([A-Z0-9]+)\/STU3\/1\/gpconnect(\/.*)?$/;

function outcome(status: number): string {
  const code = status === 501 ? 'NOT_IMPLEMENTED' : 'INTERNAL_SERVER_ERROR';
  return JSON.stringify({
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: status === 501 ? 'not-supported' : 'exception',
        details: {
          coding: [
            {
              system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1',
              code,
              display: code,
            },
          ],
        },
        diagnostics: 'Injected by the test proxy: internal detail that must never reach a patient',
      },
    ],
  });
}

export class FaultProxy {
  private rules: FaultRule[] = [];
  private readonly seenRequests: SeenRequest[] = [];
  private readonly servers = new Map<string, { server: Server; port: number }>();
  private readonly held = new Set<IncomingMessage>();

  private constructor(private readonly targetPort: number) {}

  /** One listening port per practice ODS code, all in front of the provider on `targetPort`. */
  static async start(targetPort: number, practices: readonly string[]): Promise<FaultProxy> {
    const proxy = new FaultProxy(targetPort);
    for (const odsCode of practices) await proxy.listen(odsCode, 0);
    return proxy;
  }

  /** The service root the BFF should use for `odsCode` (through this proxy). */
  serviceRoot(odsCode: string): string {
    const entry = this.servers.get(odsCode);
    if (!entry) throw new Error(`no proxy port for ${odsCode}`);
    return `http://127.0.0.1:${entry.port}/${odsCode}/STU3/1/gpconnect`;
  }

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** Back to passing everything through, and forgets the requests seen. */
  reset(): void {
    this.rules = [];
    this.seenRequests.length = 0;
  }

  /** The requests that reached the proxy (faulty or not) that match. */
  seen(match: (request: SeenRequest) => boolean = () => true): SeenRequest[] {
    return this.seenRequests.filter(match);
  }

  /** Stops listening for `odsCode`: new connections are refused (ECONNREFUSED), as when a server is down. */
  async refuse(odsCode: string): Promise<void> {
    const entry = this.servers.get(odsCode);
    if (!entry) return;
    await new Promise<void>((resolve) => {
      entry.server.close(() => resolve());
      entry.server.closeAllConnections();
    });
  }

  /** Listens again for `odsCode`, on the same port. */
  async accept(odsCode: string): Promise<void> {
    const entry = this.servers.get(odsCode);
    if (entry && !entry.server.listening) await this.listen(odsCode, entry.port);
  }

  async close(): Promise<void> {
    for (const request of this.held) request.socket.destroy();
    await Promise.all(
      [...this.servers.values()].map(
        ({ server }) =>
          new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private faultFor(request: SeenRequest): Fault | undefined {
    const rule = this.rules.find((candidate) => candidate.when(request));
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    }
    return rule.fault;
  }

  private async listen(odsCode: string, port: number): Promise<void> {
    const server = createServer((incoming, outgoing) => {
      const url = incoming.url ?? '/';
      const match = SERVICE_ROOT.exec(url.split('?')[0] ?? '');
      const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
      const seen: SeenRequest = {
        practice: match?.[1] ?? odsCode,
        method: incoming.method ?? 'GET',
        path: `${match?.[2] ?? url}${query}`,
      };
      this.seenRequests.push(seen);
      const fault = this.faultFor(seen);

      if (fault?.kind === 'drop-request') {
        incoming.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') {
        this.held.add(incoming);
        incoming.resume();
        return;
      }
      if (fault?.kind === 'status' && !fault.afterForwarding) {
        incoming.resume();
        outgoing
          .writeHead(fault.status, { 'content-type': 'application/fhir+json' })
          .end(outcome(fault.status));
        return;
      }
      const forward = httpRequest(
        {
          host: '127.0.0.1',
          port: this.targetPort,
          method: incoming.method,
          path: url,
          headers: incoming.headers,
        },
        (answer) => {
          if (fault?.kind === 'drop-answer') {
            // The provider has done the work; the consumer never hears about it.
            answer.resume();
            answer.on('end', () => incoming.socket.destroy());
            return;
          }
          if (fault?.kind === 'status') {
            answer.resume();
            answer.on('end', () =>
              outgoing
                .writeHead(fault.status, { 'content-type': 'application/fhir+json' })
                .end(outcome(fault.status)),
            );
            return;
          }
          const deliver = () => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          };
          if (fault?.kind === 'delay-answer') {
            this.held.add(incoming);
            setTimeout(() => {
              this.held.delete(incoming);
              if (!incoming.socket.destroyed) deliver();
            }, fault.ms);
          } else {
            deliver();
          }
        },
      );
      forward.on('error', () => incoming.socket.destroy());
      incoming.pipe(forward);
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    this.servers.set(odsCode, { server, port: address.port });
  }
}
