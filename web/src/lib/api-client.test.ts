import { makeAppointment, makeAppointments, makeSession } from '../test/builders';
import { stubApi } from '../test/api-stub';
import { ApiError, apiGet } from './api-client';
import { appointmentsResponse, sessionResponse } from './answers';

describe('apiGet', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the checked answer, without keys the contract does not name', async () => {
    const session = makeSession();
    stubApi({ 'GET /api/session': { status: 200, body: { ...session, nhsNumber: '9000000009' } } });
    await expect(apiGet('/api/session', sessionResponse)).resolves.toEqual(session);
  });

  it.each([
    ['a missing field', { ...makeAppointments(), note: undefined }],
    ['a date that is not real', { ...makeAppointments(), earliestDate: '2026-02-30' }],
    [
      'an unknown status',
      { ...makeAppointments(), appointments: [{ ...makeAppointment(), status: 'gone' }] },
    ],
    ['not JSON at all', undefined],
  ])('refuses a malformed answer from the BFF (%s) as invalid_response', async (_what, body) => {
    stubApi({ 'GET /api/appointments': { status: 200, body } });
    const failure = await apiGet('/api/appointments', appointmentsResponse).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('reads the BFF’s error answer, and refuses one that is not the patient API’s', async () => {
    stubApi({
      'GET /api/appointments': { status: 409, body: { error: { code: 'slot_taken', message: 'Taken' } } },
      'GET /api/session': { status: 502, body: { error: { code: 'no_such_code', message: 'Proxy' } } },
    });
    await expect(apiGet('/api/appointments', appointmentsResponse)).rejects.toMatchObject({
      status: 409,
      code: 'slot_taken',
    });
    await expect(apiGet('/api/session', sessionResponse)).rejects.toMatchObject({
      status: 502,
      code: 'invalid_response',
    });
  });
});
