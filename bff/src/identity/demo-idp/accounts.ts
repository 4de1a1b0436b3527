import { createHash } from 'node:crypto';
import type { ProviderConfig } from '../../provider/config/schema.js';

/** One person who can sign in at the demo IdP, with the claims NHS login would release for them. */
export interface DemoAccount {
  /** Stable across restarts (derived from the NHS number), UUID-shaped like NHS login's `sub`. */
  sub: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gpOdsCode: string;
  practiceName: string;
  /** Vector of trust NHS login would assert: `P9.Cp.Cd` for verified patients. */
  vot: string;
  /** The mobile number NHS login would hold (scope `phone`), when the seed gives one. */
  phone?: string | undefined;
}

/**
 * Every patient of the seed, at the practice they are registered with (`gp_ods_code`), plus one person whose
 * identity is only verified to P5, to show the service refusing anything below P9. A patient the seed lists
 * at several practices (registered at one, temporary at another) is one person to NHS login: they appear once,
 * at their regular ('R') registration, or at the first practice listing them if none is regular.
 */
export function demoAccountsFromSeed(config: ProviderConfig): DemoAccount[] {
  const byNhsNumber = new Map<string, { account: DemoAccount; regular: boolean }>();
  for (const practice of config.practices) {
    for (const patient of practice.patients) {
      const regular = patient.registrationType === 'R';
      const known = byNhsNumber.get(patient.nhsNumber);
      if (known && (known.regular || !regular)) continue;
      byNhsNumber.set(patient.nhsNumber, {
        regular,
        account: {
          sub: subjectFor(patient.nhsNumber),
          nhsNumber: patient.nhsNumber,
          givenName: patient.given.join(' '),
          familyName: patient.family,
          birthDate: patient.birthDate,
          gpOdsCode: practice.odsCode,
          practiceName: practice.name,
          vot: 'P9.Cp.Cd',
          ...(patient.phone ? { phone: patient.phone } : {}),
        },
      });
    }
  }
  const accounts = [...byNhsNumber.values()].map((entry) => entry.account);
  const first = config.practices[0];
  if (first) accounts.push(p5Account(first.odsCode, first.name));
  return accounts;
}

/** A person who proved who they are only to P5 (medium level): NHS login would not let them into a P9 service. */
export function p5Account(gpOdsCode: string, practiceName: string): DemoAccount {
  const nhsNumber = '9731000305';
  return {
    sub: subjectFor(nhsNumber),
    nhsNumber,
    givenName: 'Sam',
    familyName: 'Partial',
    birthDate: '1990-04-12',
    gpOdsCode,
    practiceName,
    vot: 'P5.Cp.Cd',
  };
}

export function subjectFor(nhsNumber: string): string {
  const hex = createHash('sha256').update(`demo-idp:${nhsNumber}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The claims of one account, as NHS login names them. */
export function claimsOf(account: DemoAccount, issuer: string): Record<string, unknown> {
  return {
    sub: account.sub,
    vot: account.vot,
    vtm: `${issuer}/trustmark/${new URL(issuer).host}`,
    nhs_number: account.nhsNumber,
    family_name: account.familyName,
    given_name: account.givenName,
    birthdate: account.birthDate,
    identity_proofing_level: account.vot.slice(0, 2),
    gp_registration_details: { gp_ods_code: account.gpOdsCode },
    ...(account.phone ? { phone_number: account.phone, phone_number_verified: true } : {}),
  };
}
