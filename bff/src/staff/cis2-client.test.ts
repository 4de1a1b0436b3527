import { describe, expect, it } from 'vitest';
import { demoStaffAccountsFromSeed, staffClaimsOf } from '../identity/demo-idp/staff-accounts.js';
import { loadProviderConfig } from '../provider/config/load.js';
import { staffFrom, staffUserIdOf } from './cis2-client.js';

const names = (ods: string) =>
  ({ Y90001: 'Riverside Medical Centre', Y90002: 'Parkview Surgery' })[ods as 'Y90001' | 'Y90002'];

const role = (org_code: string, jobRole: string, person_roleid: string) => ({
  person_orgid: '555000000900',
  person_roleid,
  org_code,
  role_code: `S8002:G8003:${jobRole}`,
  role_name: '"Admin & Clerical":"Management - A & C":"Some Access Role"',
});

const claims = (roles: unknown[], extra: Record<string, unknown> = {}) => ({
  sub: 'cis2-subject',
  nhsid_useruid: '555000000001',
  given_name: 'Amira',
  family_name: 'Shah',
  nhsid_nrbac_roles: roles,
  ...extra,
});

describe('staffFrom (CIS2 claims)', () => {
  it('gives every practice we serve where the person holds a role the practice view knows', () => {
    const outcome = staffFrom(
      claims([role('Y90001', 'R8008', '1'), role('Y90002', 'R8009', '2'), role('Z99999', 'R8008', '3')]),
      names,
    );
    expect(outcome).toEqual({
      ok: true,
      staff: {
        sub: 'cis2-subject',
        userId: staffUserIdOf('cis2-subject'),
        displayName: 'Amira Shah',
        givenName: 'Amira',
        familyName: 'Shah',
        sdsUserId: '555000000001',
        role: 'practice-manager',
        practices: [
          {
            odsCode: 'Y90001',
            name: 'Riverside Medical Centre',
            role: 'practice-manager',
            personRoleId: '1',
            canChangeRules: true,
          },
          {
            odsCode: 'Y90002',
            name: 'Parkview Surgery',
            role: 'receptionist',
            personRoleId: '2',
            canChangeRules: false,
          },
        ],
      },
    });
  });

  it('the selected role decides the session role and the role at its practice', () => {
    const outcome = staffFrom(
      claims([role('Y90001', 'R8008', '1'), role('Y90001', 'R8009', '2')], { selected_roleid: '2' }),
      names,
    );
    expect(outcome.ok && outcome.staff.role).toBe('receptionist');
    expect(outcome.ok && outcome.staff.practices).toHaveLength(1);
    expect(outcome.ok && outcome.staff.practices[0]?.canChangeRules).toBe(false);
  });

  it('no role at a practice we serve, or none the practice view knows: no_practice_role', () => {
    expect(staffFrom(claims([role('Z99999', 'R8008', '1')]), names)).toMatchObject({
      ok: false,
      code: 'no_practice_role',
    });
    expect(staffFrom(claims([role('Y90001', 'R0001', '1')]), names)).toMatchObject({
      ok: false,
      code: 'no_practice_role',
    });
    expect(staffFrom(claims([]), names)).toMatchObject({ ok: false, code: 'no_practice_role' });
  });

  it('claims missing or malformed: signin_failed, naming the claims but none of their values', () => {
    const outcome = staffFrom({ sub: 'x', nhsid_nrbac_roles: 'not a list' }, names);
    expect(outcome).toMatchObject({ ok: false, code: 'signin_failed' });
    expect(!outcome.ok && outcome.reason).toContain('nhsid_useruid');
    expect(!outcome.ok && outcome.reason).not.toContain('not a list');
  });

  it("reads the demo IdP's staff accounts as CIS2 would release them", () => {
    for (const account of demoStaffAccountsFromSeed(loadProviderConfig('demo'))) {
      const outcome = staffFrom(staffClaimsOf(account), (ods) => `Practice ${ods}`);
      expect(outcome.ok && outcome.staff.practices.map((p) => [p.odsCode, p.role])).toEqual([
        [account.orgCode, account.roleLabel === 'Practice manager' ? 'practice-manager' : 'receptionist'],
      ]);
    }
  });
});
