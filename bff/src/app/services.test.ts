import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SessionManager } from '../identity/sessions/manager.js';
import { MemorySessionStore } from '../identity/sessions/memory-store.js';
import { sessionPatientServices } from './services.js';

describe('AppServices.patientOf', () => {
  it('is the session patient: NHS login sub as the user id, registered ODS, NHS number server-side', async () => {
    const sessions = new SessionManager({
      store: new MemorySessionStore(),
      timings: { idleSeconds: 60, absoluteSeconds: 600 },
    });
    const session = await sessions.start({
      sub: 'sub-1',
      nhsNumber: '9731000100',
      givenName: 'Jane Mary',
      familyName: 'Testpatient',
      birthDate: '1980-03-03',
      registeredOds: 'Y90002',
    });
    const services = sessionPatientServices(sessions);
    const request = { patientSession: session } as unknown as FastifyRequest;
    expect(await services.patientOf(request)).toEqual({
      user: { id: 'sub-1', family: 'Testpatient', given: ['Jane', 'Mary'] },
      registeredOds: 'Y90002',
      nhsNumber: '9731000100',
      birthDate: '1980-03-03',
    });
    expect(await services.patientIdsOf(request)).toEqual({});
    await services.rememberPatientId(request, 'Y90002', 'pat-9');
    expect(await services.patientIdsOf(request)).toEqual({ Y90002: 'pat-9' });
    // Kept in the session: the next request's session record holds it.
    const next = await sessions.find(session.id);
    expect(next.status === 'active' && next.session.record.patientIds).toEqual({ Y90002: 'pat-9' });
    const nextRequest = {
      patientSession: next.status === 'active' ? next.session : null,
    } as unknown as FastifyRequest;
    expect(await services.patientIdsOf(nextRequest)).toEqual({ Y90002: 'pat-9' });
    await expect(
      services.patientOf({ patientSession: null } as unknown as FastifyRequest),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
