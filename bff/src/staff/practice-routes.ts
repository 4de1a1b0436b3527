import {
  auditQuerySchema,
  auditResponseSchema,
  consumerOptionsResponseSchema,
  explanationsQuerySchema,
  explanationsResponseSchema,
  practiceRulesSchema,
  practiceViewParamsSchema,
  rulesResponseSchema,
  visibilityQuerySchema,
  visibilityResponseSchema,
  type ConsumerKey,
  type PracticeViewPractice,
} from '@gpbook/shared/practice-view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiHttpError } from '../app/api-error.js';
import type { DirectoryEntry, PracticeDirectory } from '../app/directory.js';
import { resolveConsumer, type AppConsumer } from './consumers.js';
import {
  PracticeAdminFailure,
  type PracticeAdminCaller,
  type PracticeAdminClient,
} from './practice-admin-client.js';
import { auditEntryOf, explanationsResponseOf, providerRulesOf, rulesResponseOf } from './rules-mapping.js';
import type { StaffPracticeRole } from './session-store.js';
import type { PracticeVisibility } from './visibility.js';

export interface PracticeViewRoutesOptions {
  visibility: PracticeVisibility;
  admin: PracticeAdminClient;
  directory: PracticeDirectory;
  app: AppConsumer;
}

/** Proposed rules can be larger than any patient request (the BFF's default body limit is 16 KiB). */
const RULES_BODY_LIMIT = 512 * 1024;

/**
 * The practice view's API (issue 14; contract in @gpbook/shared/practice-view), behind a staff session: each route
 * acts for one practice of the session (403 `forbidden` for any other) and is one call into the visibility service
 * or the provider's practice-admin API, whose refusals come back typed (`not_supported`, `version_conflict`,
 * `invalid_rules` with `issues`…).
 */
export function practiceViewRoutes(options: PracticeViewRoutesOptions): FastifyPluginAsyncZod {
  const { visibility, admin, directory } = options;
  return async (app) => {
    // Practice data is never for a cache, errors included.
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof PracticeAdminFailure) return sendFailure(reply, error);
      throw error;
    });

    app.get(
      '/api/practice/:ods/consumers',
      { schema: { params: practiceViewParamsSchema, response: { 200: consumerOptionsResponseSchema } } },
      async (request) => {
        const { practice } = actingFor(request, request.params.ods);
        const names = (ods: string) => directory.get(ods)?.name;
        const federation = directory
          .federationOf(practice.odsCode)
          .map((entry): ConsumerKey => `ods:${entry.odsCode}:gp-practice`);
        const keys: ConsumerKey[] = ['app', 'org:urgent-care', 'org:gp-practice', ...federation, 'none'];
        return {
          practice: {
            odsCode: practice.odsCode,
            name: directory.get(practice.odsCode)?.name ?? practice.name,
          },
          consumers: keys.map((key) => resolveConsumer(key, options.app, names).consumer),
        };
      },
    );

    app.get(
      '/api/practice/:ods/visibility',
      {
        schema: {
          params: practiceViewParamsSchema,
          querystring: visibilityQuerySchema,
          response: { 200: visibilityResponseSchema },
        },
      },
      async (request) => {
        const { practice, staff } = actingFor(request, request.params.ods);
        return visibility.visibility({ staff, practice, query: request.query, traceId: request.id });
      },
    );

    app.get(
      '/api/practice/:ods/explanations',
      {
        schema: {
          params: practiceViewParamsSchema,
          querystring: explanationsQuerySchema,
          response: { 200: explanationsResponseSchema },
        },
      },
      async (request) => {
        const { practice, entry, caller } = adminTarget(request, request.params.ods);
        const { consumer, searchFilter } = resolveConsumer(
          request.query.consumer,
          options.app,
          (ods) => directory.get(ods)?.name,
        );
        const answer = await admin.explanations(entry, caller, {
          start: request.query.start,
          end: request.query.end,
          orgType: searchFilter.orgType,
          odsCode: searchFilter.odsCode,
        });
        return explanationsResponseOf(practice, consumer, request.query, answer);
      },
    );

    app.get(
      '/api/practice/:ods/rules',
      { schema: { params: practiceViewParamsSchema, response: { 200: rulesResponseSchema } } },
      async (request) => {
        const { practice, entry, caller } = adminTarget(request, request.params.ods);
        return rulesResponseOf(practice, await admin.rules(entry, caller));
      },
    );

    app.put(
      '/api/practice/:ods/rules',
      {
        bodyLimit: RULES_BODY_LIMIT,
        schema: {
          params: practiceViewParamsSchema,
          headers: z.object({ 'if-match': z.string().max(100).optional() }),
          body: z.object({ rules: z.unknown() }),
          response: { 200: rulesResponseSchema },
        },
      },
      async (request) => {
        const { practice, entry, caller, role } = adminTarget(request, request.params.ods);
        if (!role.canChangeRules)
          throw new ApiHttpError(403, 'forbidden', "Only a practice manager can change the practice's rules");
        const ifMatch = request.headers['if-match'];
        if (ifMatch === undefined)
          throw new PracticeAdminFailure(
            428,
            'version_required',
            'Say which version of the rules you changed',
          );
        // The same checks as the web's form, answered as the provider answers its own (422 `invalid_rules`).
        const proposed = practiceRulesSchema.safeParse(request.body.rules);
        if (!proposed.success)
          throw new PracticeAdminFailure(
            422,
            'invalid_rules',
            'The rules are not valid',
            proposed.error.issues.map((issue) => ({
              path: issue.path.filter((part) => typeof part !== 'symbol'),
              message: issue.message,
            })),
          );
        const answer = await admin.changeRules(entry, caller, ifMatch, providerRulesOf(proposed.data));
        request.log.info(
          {
            event: 'rules-change',
            staff: caller.staffUserId,
            practice: practice.odsCode,
            version: answer.version,
          },
          'practice rules changed',
        );
        return rulesResponseOf(practice, answer);
      },
    );

    app.get(
      '/api/practice/:ods/audit',
      {
        schema: {
          params: practiceViewParamsSchema,
          querystring: auditQuerySchema,
          response: { 200: auditResponseSchema },
        },
      },
      async (request) => {
        const { practice, entry, caller } = adminTarget(request, request.params.ods);
        const answer = await admin.audit(entry, caller, request.query.limit);
        return { practice, entries: answer.entries.map(auditEntryOf) };
      },
    );
  };

  /** The session's role at `ods`, or 403: staff act only for the practices their identity gives them. */
  function actingFor(request: FastifyRequest, ods: string) {
    const staff = request.staffSession?.record.staff;
    if (!staff) throw new ApiHttpError(401, 'unauthenticated', 'Sign in to continue');
    const practice = staff.practices.find((candidate) => candidate.odsCode === ods);
    if (!practice) throw new ApiHttpError(403, 'forbidden', 'You cannot act for this practice');
    return { staff, practice };
  }

  function adminTarget(
    request: FastifyRequest,
    ods: string,
  ): {
    practice: PracticeViewPractice;
    entry: DirectoryEntry;
    caller: PracticeAdminCaller;
    role: StaffPracticeRole;
  } {
    const { staff, practice: role } = actingFor(request, ods);
    const entry = directory.get(ods);
    if (!entry) throw new ApiHttpError(404, 'practice_unknown', 'This practice is not in the directory');
    return {
      practice: { odsCode: entry.odsCode, name: entry.name },
      entry,
      caller: { staffUserId: staff.userId, staffRole: role.role, traceId: request.id },
      role,
    };
  }
}

function sendFailure(reply: FastifyReply, failure: PracticeAdminFailure) {
  return reply.code(failure.status).send({
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.issues ? { issues: failure.issues } : {}),
    },
  });
}
