import * as oidc from 'openid-client';
import type { SigningKey } from '../platform/signing-key.js';
import { isLocalHttp } from '../platform/urls.js';

/** Where an OpenID provider is and who we are to it. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  timeoutMs: number;
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
