import { describe, expect, it } from 'vitest';
import { consumerSlotSearchQuery } from '../gpconnect/consumer-slot-search.js';
import { resolveConsumer } from './consumers.js';
import { issuePath, practiceAdminBaseUrl } from './practice-admin-client.js';

const app = { odsCode: 'GPA001', orgType: 'gp-practice' as const };
const names = (ods: string) => (ods === 'Y90002' ? 'Parkview Surgery' : undefined);
const filters = (key: string) =>
  consumerSlotSearchQuery({
    start: '2026-12-01',
    end: '2026-12-14',
    searchFilter: resolveConsumer(key, app, names).searchFilter,
  })
    .filter(([name]) => name === 'searchFilter')
    .map(([, value]) => value);

describe('consumers', () => {
  it('each key sends exactly what that consumer would in searchFilter', () => {
    const ods = 'https://fhir.nhs.uk/Id/ods-organization-code';
    const type = 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-OrganisationType-1';
    expect(filters('app')).toEqual([`${ods}|GPA001`, `${type}|gp-practice`]);
    expect(filters('org:urgent-care')).toEqual([`${type}|urgent-care`]);
    expect(filters('ods:Y90002')).toEqual([`${ods}|Y90002`]);
    expect(filters('ods:Y90002:gp-practice')).toEqual([`${ods}|Y90002`, `${type}|gp-practice`]);
    expect(filters('none')).toEqual([]);
  });

  it('names consumers as staff read them', () => {
    expect(resolveConsumer('ods:Y90002', app, names).consumer.label).toBe('Parkview Surgery (Y90002)');
    expect(resolveConsumer('ods:B82005:gp-practice', app, names).consumer).toEqual({
      key: 'ods:B82005:gp-practice',
      kind: 'ods',
      odsCode: 'B82005',
      orgType: 'gp-practice',
      label: 'Organisation B82005',
    });
    expect(resolveConsumer('app', app, names).consumer).toMatchObject({ kind: 'app', odsCode: 'GPA001' });
  });
});

describe('practice-admin API reach', () => {
  const entry = (serviceRoot: string) => ({ odsCode: 'Y90001', name: 'Riverside', asid: '1', serviceRoot });

  it("is looked for only beside a reference-layout service root, never at a proxy's or another supplier's", () => {
    expect(practiceAdminBaseUrl(entry('http://127.0.0.1:4000/Y90001/STU3/1/gpconnect'))).toBe(
      'http://127.0.0.1:4000/practice-admin/Y90001',
    );
    expect(
      practiceAdminBaseUrl(entry('https://proxy.nhs.uk/https://gp.example.nhs.uk/Y90001/STU3/1/gpconnect')),
    ).toBeUndefined();
    expect(practiceAdminBaseUrl(entry('https://gp.example.nhs.uk/fhir/Y90001'))).toBeUndefined();
  });

  it("reads the provider's issue paths as lists", () => {
    expect(issuePath('schedules.3.sessions.0.accessProfiles.1')).toEqual([
      'schedules',
      3,
      'sessions',
      0,
      'accessProfiles',
      1,
    ]);
    expect(issuePath('')).toEqual([]);
  });
});
