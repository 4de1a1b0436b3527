import * as oidc from 'openid-client';
import type { SigningKey } from '../platform/signing-key.js';
import { isLocalHttp } from '../platform/urls.js';

/** Where an OpenID provider is and who we are to it. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  timeoutMs: number;
  /** Where the provider sends the browser back to (our callback). */
  redirectUri: string;
  /** Space-separated scopes asked for. */
  scopes: string;
}

/** What the browser carries from the start of a sign-in to its callback (kept by us, keyed by a cookie). */
export interface SignInSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A sign-in that did not complete. `reason` is for the log: never a claim value, a token or a name. */
export interface SignInRefusal<Code extends string> {
  ok: false;
  code: Code;
  reason: string;
}

/**
 * An OpenID provider's configuration, as NHS login and NHS CIS2 both want clients to use it: discovery, then
 * `private_key_jwt` client authentication signed RS512 with our key, ID tokens signed RS512. Discovered on first use
 * and kept; a failed discovery is not kept, so the next sign-in tries again.
 */
export class DiscoveredProvider {
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: OidcClientSettings,
    private readonly key: SigningKey,
  ) {}

  /**
   * Where to send the browser to sign in: the authorisation code flow with PKCE (S256), state and nonce, and any
   * `extra` parameters the provider wants (NHS login's `vtr`, CIS2's `prompt`).
   */
  async authorizationUrl(secrets: SignInSecrets, extra: Record<string, string> = {}): Promise<URL> {
    const configuration = await this.configuration();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      response_type: 'code',
      scope: this.settings.scopes,
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
      code_challenge_method: 'S256',
      ...extra,
    });
  }

  /**
   * Completes a sign-in from the callback's query string: an error answer is `signin_cancelled` only when it is
   * `access_denied` with our state (nothing else is trusted to mean "they cancelled"); otherwise the code is
   * exchanged (PKCE, signed client assertion), the ID token validated (signature, issuer, audience, nonce) and
   * passed to `checkIdToken`, and userinfo read. Gives the ID token's claims with userinfo's over them.
   */
  async completeSignIn<Code extends string = never>(
    callbackQuery: string,
    secrets: SignInSecrets,
    checkIdToken: (claims: oidc.IDToken) => SignInRefusal<Code> | undefined = () => undefined,
  ): Promise<
    | { ok: true; claims: Record<string, unknown> & { sub: string } }
    | SignInRefusal<Code | 'signin_cancelled' | 'signin_failed'>
  > {
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = callbackQuery;
    const error = currentUrl.searchParams.get('error');
    if (error !== null) {
      const cancelled = error === 'access_denied' && currentUrl.searchParams.get('state') === secrets.state;
      return {
        ok: false,
        code: cancelled ? 'signin_cancelled' : 'signin_failed',
        reason: `authorisation error ${error.slice(0, 40)}`,
      };
    }
    try {
      const configuration = await this.configuration();
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: secrets.codeVerifier,
        expectedState: secrets.state,
        expectedNonce: secrets.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) return { ok: false, code: 'signin_failed', reason: 'no ID token' };
      const refused = checkIdToken(idToken);
      if (refused) return refused;
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      return { ok: true, claims: { ...idToken, ...userinfo, sub: idToken.sub } };
    } catch (caught) {
      return { ok: false, code: 'signin_failed', reason: describeFailure(caught) };
    }
  }

  configuration(): Promise<oidc.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = undefined;
      throw error;
    });
    return this.#configuration;
  }

  async #discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, timeoutMs } = this.settings;
    // Plain http only for an identity provider on this machine (the demo); the real ones are always https.
    const insecure = isLocalHttp(issuer);
    let tokenEndpoint = '';
    const configuration = await oidc.discovery(
      new URL(issuer),
      clientId,
      {
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS512',
        id_token_signed_response_alg: 'RS512',
      },
      oidc.PrivateKeyJwt(
        { key: this.key.privateKey, kid: this.key.kid },
        {
          // The token endpoint as the client assertion's audience, as NHS login and CIS2 want (the library's
          // default is the issuer).
          [oidc.modifyAssertion]: (_header, payload) => {
            payload.aud = tokenEndpoint;
          },
        },
      ),
      { execute: insecure ? [oidc.allowInsecureRequests] : [], timeout: timeoutMs / 1000 },
    );
    configuration.timeout = timeoutMs / 1000;
    const metadata = configuration.serverMetadata();
    if (!metadata.token_endpoint) throw new Error('the identity provider publishes no token endpoint');
    tokenEndpoint = metadata.token_endpoint;
    return configuration;
  }
}

/**
 * Error name, library code and message, plus the underlying library message and the name of a failed claim or
 * parameter (all fixed texts). Never the rest of `cause`: it can hold claim values, tokens or response bodies.
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  const cause: unknown = error.cause;
  const details: string[] = [];
  if (cause instanceof Error) details.push(cause.message);
  if (typeof cause === 'object' && cause !== null && 'claim' in cause && typeof cause.claim === 'string') {
    details.push(`claim "${cause.claim}"`);
  }
  if (
    typeof cause === 'object' &&
    cause !== null &&
    'parameter' in cause &&
    typeof cause.parameter === 'string'
  ) {
    details.push(`parameter "${cause.parameter}"`);
  }
  const text = `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
  return (details.length > 0 ? `${text} (${details.join('; ')})` : text).slice(0, 300);
}
