import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply } from 'fastify';
import { exportJWK, generateKeyPair, calculateJwkThumbprint, type JSONWebKeySet } from 'jose';
import { Provider, interactionPolicy, type Account, type OidcContext } from 'oidc-provider';
import { randomToken } from '../sessions/manager.js';
import { claimsOf, type DemoAccount } from './accounts.js';
import { contentSecurityPolicy, errorPage, signInPage, staffSignInPage } from './pages.js';
import { staffClaimsOf, type DemoStaffAccount } from './staff-accounts.js';
import { DemoIdpMemoryStore } from './memory-adapter.js';

export interface DemoIdpOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Defaults to http://<host>:<port> (tests); `npm start` passes OIDC_ISSUER (http://localhost:4001). */
  issuer?: string | undefined;
  /** The one relying party: the BFF, authenticating with private_key_jwt against its public JWKS. */
  client: { clientId: string; clientName: string; redirectUris: string[]; jwks: JSONWebKeySet };
  accounts: DemoAccount[];
  /**
   * A second relying party for practice staff (issue 14), standing in for NHS CIS2: its own client, its own accounts
   * (never offered to the patient client, nor patients to it) and CIS2's claims.
   */
  staff?: { client: DemoIdpOptions['client']; accounts: DemoStaffAccount[] } | undefined;
  logger: FastifyBaseLogger;
}

export interface DemoIdp {
  issuer: string;
  close(): Promise<void>;
}

/** Paths the IdP's own Fastify routes answer; everything else is oidc-provider's. */
function isInteractionPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return (
    path.startsWith('/interaction/') || path.startsWith('/assets/') || path === '/nhsuk-frontend.min.css'
  );
}

const nhsukDist = dirname(
  createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'),
);

/**
 * A stand-in for NHS login on this machine (oidc-provider 9): NHS-login-like endpoints and claims, RS512 ID
 * tokens signed with a key made at start-up, private_key_jwt client authentication, PKCE required, and a
 * sign-in page listing the demo patients. It asks which patient every time (no single sign-on), so a tester
 * can switch patient by signing out and in again.
 */
export async function startDemoIdp(options: DemoIdpOptions): Promise<DemoIdp> {
  const { logger } = options;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const staffAccounts = new Map((options.staff?.accounts ?? []).map((account) => [account.sub, account]));
  const staffClientId = options.staff?.client.clientId;
  const isStaffClient = (clientId: unknown) => staffClientId !== undefined && clientId === staffClientId;
  const redirectOrigins = [
    ...new Set(
      [...options.client.redirectUris, ...(options.staff?.client.redirectUris ?? [])].map(
        (uri) => new URL(uri).origin,
      ),
    ),
  ];
  const csp = contentSecurityPolicy(redirectOrigins);
  // Without the Frutiger @font-face rules: the fonts live on assets.nhs.uk, which a demo (or CI) cannot reach and
  // the page should not call; the design system falls back to Arial.
  const css = readFileSync(join(nhsukDist, 'nhsuk-frontend.min.css'), 'utf8').replace(
    /@font-face\{[^}]*assets\.nhs\.uk[^}]*\}/g,
    '',
  );

  // The provider needs its issuer, which holds the port, which is known only once the server listens.
  const route: { provider?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const state: { provider?: Provider } = {};
  const providerOf = (): Provider => {
    if (!state.provider) throw new Error('the demo IdP is still starting');
    return state.provider;
  };
  const app = Fastify({
    loggerInstance: logger,
    // Interaction URLs carry the sign-in's interaction id: no per-request log lines with URLs.
    logController: new LogController({ disableRequestLogging: true }),
    serverFactory: (fastifyHandler) =>
      createServer((req, res) => {
        if (isInteractionPath(req.url ?? '/')) return fastifyHandler(req, res);
        if (route.provider) return route.provider(req, res);
        res.writeHead(503).end();
      }),
  });
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: join(nhsukDist, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
  });
  app.get('/nhsuk-frontend.min.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', csp)
      .header('cache-control', 'no-store')
      .send(body);
  const expired = (reply: FastifyReply) =>
    html(
      reply,
      400,
      errorPage('This sign-in has expired', 'Go back to the service and start signing in again.'),
    );

  app.get<{ Params: { uid: string } }>('/interaction/:uid', async (request, reply) => {
    let details;
    try {
      details = await providerOf().interactionDetails(request.raw, reply.raw);
    } catch {
      return expired(reply);
    }
    if (details.uid !== request.params.uid) return expired(reply);
    if (options.staff && isStaffClient(details.params['client_id']))
      return html(
        reply,
        200,
        staffSignInPage(details.uid, [...staffAccounts.values()], options.staff.client.clientName),
      );
    return html(reply, 200, signInPage(details.uid, [...accounts.values()], options.client.clientName));
  });

  app.post<{ Params: { uid: string }; Body: { account?: string } }>(
    '/interaction/:uid/login',
    async (request, reply) => {
      const chosen = request.body.account ?? '';
      try {
        const details = await providerOf().interactionDetails(request.raw, reply.raw);
        if (details.uid !== request.params.uid) return expired(reply);
        // Staff accounts only for the staff client, patients only for the patient client.
        const accountId = isStaffClient(details.params['client_id'])
          ? staffAccounts.get(chosen)?.sub
          : accounts.get(chosen)?.sub;
        if (accountId === undefined)
          return html(reply, 400, errorPage('Choose a person', 'Go back and choose who to sign in as.'));
        const returnTo = await providerOf().interactionResult(
          request.raw,
          reply.raw,
          { login: { accountId, remember: false } },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(returnTo, 303);
      } catch {
        return expired(reply);
      }
    },
  );

  app.post<{ Params: { uid: string } }>('/interaction/:uid/abort', async (request, reply) => {
    try {
      const returnTo = await providerOf().interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The person chose not to sign in' },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    } catch {
      return expired(reply);
    }
  });

  await app.listen({ host: options.host, port: options.port });
  const port = (app.server.address() as { port: number }).port;
  const issuer = options.issuer ?? `http://${options.host}:${port}`;
  state.provider = await createProvider(issuer, options, accounts, staffAccounts, csp, logger);
  route.provider = state.provider.callback();

  return {
    issuer,
    async close() {
      await app.close();
    },
  };
}

async function createProvider(
  issuer: string,
  options: DemoIdpOptions,
  accounts: Map<string, DemoAccount>,
  staffAccounts: Map<string, DemoStaffAccount>,
  csp: string,
  logger: FastifyBaseLogger,
): Promise<Provider> {
  const { privateKey } = await generateKeyPair('RS512', { modulusLength: 2048, extractable: true });
  const signingJwk = await exportJWK(privateKey);
  signingJwk.kid = await calculateJwkThumbprint(signingJwk);
  signingJwk.alg = 'RS512';
  signingJwk.use = 'sig';

  // NHS login-like: the patient picks an account on every sign-in; single sign-on would hide the picker.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'demo_pick_patient',
        'The demo IdP asks who is signing in every time',
        (ctx) =>
          ctx.oidc.result?.login
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(issuer, {
    adapter: new DemoIdpMemoryStore().adapterClass(),
    clients: [
      {
        client_id: options.client.clientId,
        client_name: options.client.clientName,
        redirect_uris: options.client.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS512',
        id_token_signed_response_alg: 'RS512',
        jwks: options.client.jwks,
      },
      ...(options.staff
        ? [
            {
              client_id: options.staff.client.clientId,
              client_name: options.staff.client.clientName,
              redirect_uris: options.staff.client.redirectUris,
              response_types: ['code'],
              grant_types: ['authorization_code'],
              token_endpoint_auth_method: 'private_key_jwt',
              token_endpoint_auth_signing_alg: 'RS512',
              id_token_signed_response_alg: 'RS512',
              jwks: options.staff.client.jwks,
            },
          ]
        : []),
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [randomToken()] },
    // NHS login's scopes and the claims each releases.
    // CIS2's scopes for staff beside them (profile also gives CIS2's name and uid, which patients do not have).
    claims: {
      openid: ['sub', 'vot', 'vtm'],
      profile: ['nhs_number', 'family_name', 'birthdate', 'identity_proofing_level', 'name', 'uid'],
      nhsperson: ['nhsid_useruid', 'given_name', 'title', 'idassurancelevel'],
      nationalrbacaccess: ['nhsid_nrbac_roles'],
      associatedorgs: ['nhsid_user_orgs'],
      selectedrole: ['selected_roleid'],
      profile_extended: ['given_name'],
      gp_registration_details: ['gp_registration_details'],
      phone: ['phone_number', 'phone_number_verified'],
    },
    // Like NHS login, the ID token carries the scope's claims too, not only userinfo.
    conformIdTokenClaims: false,
    extraParams: ['vtr'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    enabledJWA: {
      idTokenSigningAlgValues: ['RS512'],
      clientAuthSigningAlgValues: ['RS512'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    routes: {
      authorization: '/authorize',
      token: '/token',
      userinfo: '/userinfo',
      jwks: '/.well-known/jwks.json',
    },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    interactions: {
      policy,
      url: async (_ctx: OidcContext, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: OidcContext, sub: string): Promise<Account | undefined> => {
      const account = accounts.get(sub);
      if (account) return { accountId: sub, claims: async () => ({ ...claimsOf(account, issuer), sub }) };
      const staff = staffAccounts.get(sub);
      if (staff) return { accountId: sub, claims: async () => ({ ...staffClaimsOf(staff), sub }) };
      return undefined;
    },
    // A first-party client: no consent screen; the grant is exactly what this request asked for.
    loadExistingGrant: async (ctx: OidcContext) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    renderError: async (ctx: OidcContext, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.set('content-security-policy', csp);
      ctx.body = errorPage(
        'Sorry, there is a problem with signing in',
        out.error_description ?? out.error ?? 'Something went wrong',
      );
    },
  });
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'demo IdP server error'));
  for (const event of ['authorization.error', 'grant.error', 'userinfo.error']) {
    provider.on(event, (_ctx, error) =>
      logger.warn({ event, error: error.message }, 'demo IdP refused a request'),
    );
  }
  return provider;
}
