import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers on every response, with a strict Content-Security-Policy for the PWA: everything from our
 * own origin, no inline script or style, no framing. The web app was built for it (no inline scripts; the
 * NHS.UK fonts from assets.nhs.uk are not loaded, so the system fallback font is used).
 *
 * Helmet's middleware is made once, here, and applied to each response. (@fastify/helmet, used before, builds
 * Helmet's middleware afresh for every request — parsing the policy each time — which was a measurable share of
 * a slot search's CPU in `npm run bench:bff`.)
 */
export default fp(
  async function securityHeaders(app: FastifyInstance, options: { secure: boolean }) {
    const applyHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          workerSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only means something over HTTPS; on a http://localhost demo it would be ignored anyway.
      strictTransportSecurity: options.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
    });
    app.addHook('onRequest', (request, reply, done) => {
      applyHeaders(request.raw, reply.raw, (error?: unknown) => {
        done(error instanceof Error ? error : undefined);
      });
    });
  },
  { name: 'security-headers' },
);
