/**
 * The small part of oidc-provider 9 the demo IdP uses (the package ships no types, and @types lags behind).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<AccountClaims>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  /** The Koa context, as far as the IdP's hooks read or write it. */
  export interface OidcContext {
    type: string;
    body: unknown;
    set(field: string, value: string): void;
    oidc: {
      provider: Provider;
      client?: { clientId: string };
      session?: { accountId?: string };
      result?: { login?: { accountId: string } };
      requestParamScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[] };
    params: Record<string, unknown>;
  }

  export type InteractionResult =
    { login: { accountId: string; remember?: boolean } } | { error: string; error_description?: string };

  export class Check {
    constructor(reason: string, description: string, check: (ctx: OidcContext) => boolean | Promise<boolean>);
    static readonly REQUEST_PROMPT: true;
    static readonly NO_NEED_TO_PROMPT: false;
  }

  export interface Prompt {
    name: string;
    checks: Check[] & { add(check: Check, index?: number): void };
  }

  export type Policy = Prompt[] & { get(name: string): Prompt | undefined };

  export const interactionPolicy: { base(): Policy; Check: typeof Check };

  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    readonly Grant: new (properties: { accountId: string; clientId: string }) => Grant;
    on(event: string, listener: (ctx: unknown, error: Error) => void): this;
  }

  export default Provider;
}
