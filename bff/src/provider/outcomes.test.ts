import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPINE_ERRORS, SYS } from '../gpconnect/constants.js';
import {
  ERROR_TABLE,
  GpcError,
  HTTP_LAYER_STATUSES,
  HttpLayerError,
  operationOutcome,
  type ProviderErrorCode,
} from './outcomes.js';
import { makeConfig, makePractice } from './test-support/builders.js';
import { startTestProvider, type FhirJson, type TestProvider } from './test-support/provider.js';
import { claimsFor, spineHeaders, unsecuredJwt } from './test-support/spine-request.js';

/**
 * GP Connect 1.2.8's error table (development_fhir_error_handling_guidance.md, release/1.2.8), row by row:
 * HTTP code, issue type, Spine error code.
 */
const SPEC_TABLE: ReadonlyArray<readonly [number, string, string]> = [
  [400, 'value', 'INVALID_IDENTIFIER_SYSTEM'],
  [400, 'value', 'INVALID_IDENTIFIER_VALUE'],
  [400, 'value', 'INVALID_NHS_NUMBER'],
  [400, 'business-rule', 'INVALID_PATIENT_DEMOGRAPHICS'],
  [404, 'not-found', 'ORGANISATION_NOT_FOUND'],
  [404, 'not-found', 'PATIENT_NOT_FOUND'],
  [404, 'not-found', 'PRACTITIONER_NOT_FOUND'],
  [404, 'not-found', 'NO_RECORD_FOUND'],
  [403, 'forbidden', 'NO_PATIENT_CONSENT'],
  [403, 'forbidden', 'NO_ORGANISATION_CONSENT'],
  [403, 'forbidden', 'ACCESS_DENIED'],
  [409, 'duplicate', 'DUPLICATE_REJECTED'],
  [422, 'invalid', 'INVALID_RESOURCE'],
  [422, 'invalid', 'INVALID_PARAMETER'],
  [422, 'invalid', 'REFERENCE_NOT_FOUND'],
  [400, 'invalid', 'BAD_REQUEST'],
  [501, 'not-supported', 'NOT_IMPLEMENTED'],
  [500, 'processing', 'INTERNAL_SERVER_ERROR'],
];

/** The two codes the provider uses beyond the table, each with where its status comes from (decision 0030). */
const BEYOND_THE_TABLE: ReadonlyArray<readonly [number, string, string, string]> = [
  [409, 'conflict', 'FHIR_CONSTRAINT_VIOLATION', 'If-Match conflict: assurance suite and demonstrator'],
  [415, 'not-supported', 'UNSUPPORTED_MEDIA_TYPE', 'general API guidance: unsupported format SHALL be 415'],
];

const codes = Object.keys(ERROR_TABLE) as ProviderErrorCode[];

describe('the provider’s error table', () => {
  it.each(codes)('%s has the status and issue type the spec gives it', (code) => {
    const row = [...SPEC_TABLE, ...BEYOND_THE_TABLE].find(([, , spineCode]) => spineCode === code);
    expect(row, `${code} is in neither the spec's table nor the documented extras`).toBeDefined();
    expect([ERROR_TABLE[code].status, ERROR_TABLE[code].issueCode]).toEqual([row?.[0], row?.[1]]);
  });

  it.each(codes)('%s makes an OperationOutcome and an error that agree with the table', (code) => {
    const outcome = operationOutcome(code, 'detail');
    expect(outcome.meta.profile).toEqual([
      'https://fhir.nhs.uk/STU3/StructureDefinition/GPConnect-OperationOutcome-1',
    ]);
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: ERROR_TABLE[code].issueCode,
        details: { coding: [{ system: SYS.spineError, code, display: ERROR_TABLE[code].display }] },
        diagnostics: 'detail',
      },
    ]);
    expect(new GpcError(code, 'detail').status).toBe(ERROR_TABLE[code].status);
  });

  it('answers another status only for HTTP-layer limits, and then with BAD_REQUEST', () => {
    expect([...HTTP_LAYER_STATUSES].sort()).toEqual([408, 413, 431]);
    for (const status of HTTP_LAYER_STATUSES) {
      const error = new HttpLayerError(status, 'too big');
      expect([error.status, error.code]).toEqual([status, 'BAD_REQUEST']);
    }
  });

  it('agrees with the consumer’s table on the status of every code both know', () => {
    for (const code of codes) {
      const consumer = (SPINE_ERRORS as Partial<Record<string, { status: number }>>)[code];
      if (consumer) expect([code, consumer.status]).toEqual([code, ERROR_TABLE[code].status]);
    }
  });

  it('is the only place an OperationOutcome is built', () => {
    const root = dirname(fileURLToPath(import.meta.url));
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : /(?<!\.test)\.ts$/.test(entry.name)
            ? [join(dir, entry.name)]
            : [],
      );
    const builders = sources(root).filter((file) =>
      /resourceType:\s*'OperationOutcome'/.test(readFileSync(file, 'utf8')),
    );
    expect(builders.map((file) => relative(root, file))).toEqual(['outcomes.ts']);
  });
});

/** Statuses and codes of the answers: each must be the table's pair (or an HTTP-layer limit with BAD_REQUEST). */
describe('every error the provider answers', () => {
  let provider: TestProvider;
  let off: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(makeConfig(), { now: new Date('2026-03-23T10:00:00Z') });
    off = await startTestProvider(makeConfig([makePractice({ gpConnectEnabled: false })]));
  });
  afterAll(async () => {
    await provider.close();
    await off.close();
  });

  const withClaims = (change: (claims: Record<string, unknown>) => void) => {
    const claims = claimsFor('metadata');
    change(claims);
    return { authorization: `Bearer ${unsecuredJwt(claims)}` };
  };
  const base = () => `/${provider.practice.odsCode}/STU3/1/gpconnect`;

  const cases: Array<[string, () => Promise<{ status: number; body: string }>, ProviderErrorCode, number?]> =
    [
      [
        'no Ssp-TraceID',
        () => provider.send('metadata', 'GET', '/metadata', { headers: { 'ssp-traceid': undefined } }),
        'BAD_REQUEST',
      ],
      ['a wrong interaction id', () => provider.send('metadata', 'GET', '/Location/main'), 'BAD_REQUEST'],
      [
        'an incomplete JWT organisation',
        () =>
          provider.send('metadata', 'GET', '/metadata', {
            headers: withClaims(
              (c) => ((c['requesting_organization'] as { identifier: unknown }).identifier = []),
            ),
          }),
        'BAD_REQUEST',
      ],
      [
        'an invalid JWT device',
        () =>
          provider.send('metadata', 'GET', '/metadata', {
            headers: withClaims(
              (c) => ((c['requesting_device'] as Record<string, unknown>)['colour'] = 'red'),
            ),
          }),
        'INVALID_RESOURCE',
      ],
      [
        'an unsupported Accept',
        () => provider.send('metadata', 'GET', '/metadata', { headers: { accept: 'text/xml' } }),
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['an unknown endpoint', () => provider.send('metadata', 'GET', '/metadatas'), 'NO_RECORD_FOUND'],
      ['a wrong verb', () => provider.send('metadata', 'PATCH', '/metadata'), 'BAD_REQUEST'],
      ['a resource not served', () => provider.send('metadata', 'GET', '/Schedule/1'), 'NOT_IMPLEMENTED'],
      [
        'a read without id',
        () => provider.send('healthcareServiceRead', 'GET', '/HealthcareService/'),
        'BAD_REQUEST',
      ],
      [
        'an invalid NHS number',
        () => provider.send('patientSearch', 'GET', `/Patient?identifier=${SYS.nhsNumber}|123`),
        'INVALID_NHS_NUMBER',
      ],
      [
        'an unknown identifier system',
        () => provider.send('patientSearch', 'GET', '/Patient?identifier=https://x.org|1'),
        'INVALID_IDENTIFIER_SYSTEM',
      ],
      [
        'an unknown patient',
        () => provider.send('patientRead', 'GET', '/Patient/nobody'),
        'PATIENT_NOT_FOUND',
      ],
      [
        'an unknown organisation',
        () => provider.send('organizationRead', 'GET', '/Organization/nobody'),
        'ORGANISATION_NOT_FOUND',
      ],
      [
        'an unknown practitioner',
        () => provider.send('practitionerRead', 'GET', '/Practitioner/nobody'),
        'PRACTITIONER_NOT_FOUND',
      ],
      [
        'an unknown location',
        () => provider.send('locationRead', 'GET', '/Location/nowhere'),
        'NO_RECORD_FOUND',
      ],
      [
        'a slot search without start',
        () => provider.send('slotSearch', 'GET', '/Slot?status=free&end=le2026-03-24&_include=Slot:schedule'),
        'BAD_REQUEST',
      ],
      [
        'a slot search with a bad start',
        () =>
          provider.send(
            'slotSearch',
            'GET',
            '/Slot?status=free&start=ge2026-13-01&end=le2026-03-24&_include=Slot:schedule',
          ),
        'INVALID_PARAMETER',
      ],
      [
        'a booking of nothing',
        () =>
          provider.send('appointmentCreate', 'POST', '/Appointment', {
            body: { resourceType: 'Appointment' },
          }),
        'INVALID_RESOURCE',
      ],
      [
        'a malformed JSON body',
        () => provider.send('appointmentCreate', 'POST', '/Appointment', { body: '{' }),
        'BAD_REQUEST',
      ],
      [
        'an amend of nothing',
        () => provider.send('appointmentAmend', 'PUT', '/Appointment/nothing', { body: {} }),
        'NO_RECORD_FOUND',
      ],
      ['GP Connect switched off', () => off.send('metadata', 'GET', '/metadata'), 'ACCESS_DENIED'],
      [
        'a body over the limit',
        () => provider.send('appointmentCreate', 'POST', '/Appointment', { body: 'x'.repeat(300 * 1024) }),
        'BAD_REQUEST',
        413,
      ],
      [
        'a body that is not gzip',
        async () => {
          const response = await provider.app.inject({
            method: 'POST',
            url: `${base()}/Appointment`,
            headers: { ...spineHeaders(provider.practice, 'appointmentCreate'), 'content-encoding': 'gzip' },
            payload: gzipSync('{}').subarray(0, 8),
          });
          return { status: response.statusCode, body: response.body };
        },
        'BAD_REQUEST',
      ],
      [
        'a malformed percent-escape',
        async () => {
          const response = await provider.app.inject({ method: 'GET', url: `${base()}/Patient/%zz` });
          return { status: response.statusCode, body: response.body };
        },
        'BAD_REQUEST',
      ],
      [
        'a URL outside every service root',
        async () => {
          const response = await provider.app.inject({ method: 'GET', url: '/nothing/here' });
          return { status: response.statusCode, body: response.body };
        },
        'NO_RECORD_FOUND',
      ],
    ];

  it.each(cases)('%s: status, Spine code and issue type agree', async (_, request, expected, layer) => {
    const response = await request();
    const body = JSON.parse(response.body) as FhirJson;
    const issue = body.issue?.[0];
    const spineCode = issue?.details.coding[0]?.code as ProviderErrorCode;
    expect(spineCode).toBe(expected);
    expect(ERROR_TABLE[spineCode]).toBeDefined();
    expect(response.status).toBe(layer ?? ERROR_TABLE[spineCode].status);
    expect(issue?.code).toBe(ERROR_TABLE[spineCode].issueCode);
  });
});
