import type { JSONWebKeySet } from 'jose';
import type { FastifyPluginAsync } from 'fastify';

/** `GET /.well-known/jwks.json`: the public key GP Connect providers (and NHS login) verify our JWTs with. */
export function jwksRoutes(jwks: JSONWebKeySet): FastifyPluginAsync {
  return async (app) => {
    app.get('/.well-known/jwks.json', async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return jwks;
    });
  };
}
