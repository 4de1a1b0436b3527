import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { generateSigningKey } from '../platform/signing-key.js';
import { buildSpineJwt, spineJwtClaims, type SpineJwtInput } from './spine-jwt.js';

const consumer = {
  issuer: 'https://gp-appointments.example',
  odsCode: 'GPA001',
  organisationName: 'GP Appointments',
  deviceSystem: 'https://gp-appointments.example/Id/device',
  deviceId: 'bff',
  productName: 'GP Appointments',
  productVersion: '0.1.0',
  userIdSystem: 'https://gp-appointments.example/Id/nhs-login-subject',
};

describe('signed Spine JWTs', async () => {
  const key = await generateSigningKey();
  const input = (now: number, userId = 'patient-1'): SpineJwtInput => ({
    interaction: 'slotSearch',
    audience: 'http://provider.example/Y90001/STU3/1/gpconnect',
    consumer,
    user: { id: userId, family: 'Smith', given: ['Jo'] },
    signing: { kind: 'rs512', privateKey: key.privateKey, kid: key.kid },
    now,
  });

  it('is the token signing would make: the same claims signed again give the same bytes (RS512 is deterministic)', async () => {
    const made = await buildSpineJwt(input(1_790_000_000));
    const again = await buildSpineJwt(input(1_790_000_000));
    const signedAfresh = await new SignJWT(spineJwtClaims(input(1_790_000_000)))
      .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
    expect(again).toBe(made);
    expect(made).toBe(signedAfresh);
    const verified = await jwtVerify(made, createLocalJWKSet(key.jwks), {
      currentDate: new Date(1_790_000_010_000),
    });
    expect(verified.payload.sub).toBe('patient-1');
  });

  it('is signed once for requests that ask for the same token together', async () => {
    const signing = vi.spyOn(SignJWT.prototype, 'sign');
    try {
      const together = await Promise.all(
        Array.from({ length: 5 }, () => buildSpineJwt(input(1_790_000_300))),
      );
      expect(await buildSpineJwt(input(1_790_000_300))).toBe(together[0]);
      expect(new Set(together).size).toBe(1);
      expect(signing).toHaveBeenCalledTimes(1);
    } finally {
      signing.mockRestore();
    }
  });

  it('is a new token for another second, another person or another interaction', async () => {
    const base = await buildSpineJwt(input(1_790_000_100));
    const nextSecond = await buildSpineJwt(input(1_790_000_101));
    const otherPerson = await buildSpineJwt(input(1_790_000_100, 'patient-2'));
    const otherInteraction = await buildSpineJwt({
      ...input(1_790_000_100),
      interaction: 'appointmentCreate',
    });
    expect(new Set([base, nextSecond, otherPerson, otherInteraction]).size).toBe(4);
    expect(decodeJwt(nextSecond).iat).toBe(1_790_000_101);
    expect(decodeJwt(otherInteraction).requested_scope).toBe('patient/*.write');
  });

  it('is never a token kept for other claims: each thing the claims are made from makes another token', async () => {
    const now = 1_790_000_200;
    const base = input(now);
    await buildSpineJwt(base);
    const variations: SpineJwtInput[] = [
      { ...base, audience: 'http://provider.example/Y90002/STU3/1/gpconnect' },
      ...Object.keys(consumer).map((field) => ({ ...base, consumer: { ...consumer, [field]: 'other' } })),
      { ...base, user: { ...base.user, family: 'Smyth' } },
      { ...base, user: { ...base.user, given: ['Jo', 'Ann'] } },
      { ...base, user: { ...base.user, given: ['Jo Ann'] } },
      { ...base, user: { ...base.user, sdsUserId: '123456789012' } },
      { ...base, user: { ...base.user, sdsRoleProfileId: '555' } },
      { ...base, user: { ...base.user, userIdSystem: 'https://other.example/Id/staff' } },
    ];
    for (const variation of variations) {
      const signedAfresh = await new SignJWT(spineJwtClaims(variation))
        .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: key.kid })
        .sign(key.privateKey);
      expect(
        await buildSpineJwt(variation),
        JSON.stringify(variation.consumer) + JSON.stringify(variation.user),
      ).toBe(signedAfresh);
    }
  });
});
