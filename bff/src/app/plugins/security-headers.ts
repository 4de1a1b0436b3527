import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Security headers on every response, with a strict Content-Security-Policy for the PWA: everything from our
 * own origin, no inline script or style, no framing. The web app was built for it (no inline scripts; the
 * NHS.UK fonts from assets.nhs.uk are not loaded, so the system fallback font is used).
 *
 * Helmet says which headers: its middleware is run once, here, on a response of its own, and the headers it set
 * there are given to each reply (fastify writes them with the rest in one go). They depend on the options alone
 * (no directive is a function of the request). (@fastify/helmet, used before, built Helmet's middleware afresh
 * for every request, and running the middleware on each response set a dozen headers one by one: both measurable
 * shares of a slot search's CPU in `npm run bench:bff`.)
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
    const headers = headersSetBy(applyHeaders);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security-headers' },
);

/** The headers `middleware` sets on a response (it must finish without an error, and without waiting). */
function headersSetBy(
  middleware: (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void,
): OutgoingHttpHeaders {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  let finished = false;
  middleware(request, response, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error('the security headers failed');
    finished = true;
  });
  if (!finished) throw new Error('the security headers middleware did not finish at once');
  return response.getHeaders();
}
