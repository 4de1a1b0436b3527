import { createHash } from 'node:crypto';
import type { ProviderConfig } from '../../provider/config/schema.js';

/**
 * Practice staff who can sign in at the demo IdP with its staff client (issue 14), standing in for NHS CIS2
 * (Care Identity Service 2). Each holds one national RBAC role at one practice, released as CIS2 releases it.
 * Nobody here is a real person, and the ids are made up (stable across restarts, derived from the practice and
 * the person).
 */
export interface DemoStaffAccount {
  /** UUID-shaped, like CIS2's `sub`. */
  sub: string;
  /** CIS2 `nhsid_useruid`: the SDS user id, 12 digits. */
  uid: string;
  title: string;
  givenName: string;
  familyName: string;
  /** ODS code of the organisation the role is held at. */
  orgCode: string;
  orgName: string;
  /** What the tester reads: "Practice manager", "Receptionist". */
  roleLabel: string;
  /** CIS2 `role_code`: `S<area>:G<group>:R<job role>`. */
  roleCode: string;
  /** CIS2 `role_name`: the three parts' names, each in double quotes, joined by colons. */
  roleName: string;
  /** CIS2 `person_roleid`: the role profile id, 12 digits. */
  personRoleId: string;
  personOrgId: string;
}

const PRACTICE_MANAGER = {
  roleLabel: 'Practice manager',
  roleCode: 'S8002:G8003:R8008',
  roleName: '"Admin & Clerical":"Management - A & C":"Admin/Clinical Support Access Role"',
};
const RECEPTIONIST = {
  roleLabel: 'Receptionist',
  roleCode: 'S8002:G8005:R8009',
  roleName: '"Admin & Clerical":"Admin & Clerical":"Receptionist Access Role"',
};

/** Names for the demo staff, one per practice in order (and the receptionist apart). */
const MANAGERS = [
  { title: 'Ms', givenName: 'Amira', familyName: 'Shah' },
  { title: 'Mr', givenName: 'Tom', familyName: 'Okafor' },
  { title: 'Mrs', givenName: 'Helen', familyName: 'Price' },
  { title: 'Mr', givenName: 'Dev', familyName: 'Mistry' },
];
const RECEPTION = { title: 'Ms', givenName: 'Jo', familyName: 'Lindqvist' };

function digits(seed: string, length: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return (BigInt(`0x${hex.slice(0, 15)}`) % 10n ** BigInt(length)).toString().padStart(length, '5');
}

function uuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function account(
  person: { title: string; givenName: string; familyName: string },
  practice: { odsCode: string; name: string },
  role: { roleLabel: string; roleCode: string; roleName: string },
): DemoStaffAccount {
  const seed = `demo-idp-staff:${practice.odsCode}:${person.givenName}:${person.familyName}`;
  return {
    sub: uuid(seed),
    uid: digits(`${seed}:uid`, 12),
    ...person,
    orgCode: practice.odsCode,
    orgName: practice.name,
    ...role,
    personRoleId: digits(`${seed}:role`, 12),
    personOrgId: digits(`${seed}:org`, 12),
  };
}

/** A practice manager at each practice of the seed, and a receptionist at the first. */
export function demoStaffAccountsFromSeed(config: ProviderConfig): DemoStaffAccount[] {
  const accounts = config.practices.map((practice, index) =>
    account(
      MANAGERS[index % MANAGERS.length] ?? { title: 'Ms', givenName: 'Sam', familyName: 'Manager' },
      practice,
      PRACTICE_MANAGER,
    ),
  );
  const first = config.practices[0];
  if (first) accounts.push(account(RECEPTION, first, RECEPTIONIST));
  return accounts;
}

/** The claims of one staff account, as CIS2 names them (userinfo and, with `selectedrole`, the ID token). */
export function staffClaimsOf(account: DemoStaffAccount): Record<string, unknown> {
  return {
    sub: account.sub,
    name: `${account.givenName} ${account.familyName}`,
    given_name: account.givenName,
    family_name: account.familyName,
    uid: account.uid,
    nhsid_useruid: account.uid,
    title: account.title,
    idassurancelevel: '3',
    nhsid_nrbac_roles: [
      {
        person_orgid: account.personOrgId,
        person_roleid: account.personRoleId,
        org_code: account.orgCode,
        role_name: account.roleName,
        role_code: account.roleCode,
      },
    ],
    nhsid_user_orgs: [{ org_code: account.orgCode, org_name: account.orgName }],
    selected_roleid: account.personRoleId,
  };
}
