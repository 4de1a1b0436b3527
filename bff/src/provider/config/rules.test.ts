import { describe, expect, it } from 'vitest';
import {
  makeConfig,
  makePractice,
  makeProfile,
  makeSchedule,
  makeSession,
} from '../test-support/builders.js';
import { loadProviderConfig } from './load.js';
import { checkRules, rulesOf, summariseChange, withRules } from './rules.js';
import type { PracticeConfig } from './schema.js';

const practice = (): PracticeConfig => {
  const config = makeConfig([
    makePractice({
      accessProfiles: [
        makeProfile({ id: 'urgent' }),
        makeProfile({ id: 'hub', orgTypes: [], odsCodes: ['HUB01'] }),
      ],
      schedules: [
        makeSchedule({ id: 'gp', sessions: [makeSession(), makeSession({ start: '14:00', end: '15:00' })] }),
        makeSchedule({ id: 'nurse', role: 'R0620', accessProfiles: ['urgent'], sessions: [makeSession()] }),
      ],
    }),
  ]);
  const [first] = config.practices;
  if (!first) throw new Error('no practice');
  return first;
};

describe('practice rules', () => {
  it('every bundled seed practice gives rules that check and put back the same practice', () => {
    for (const seed of ['demo', 'assurance']) {
      for (const candidate of loadProviderConfig(seed).practices) {
        const checked = checkRules(candidate, JSON.parse(JSON.stringify(rulesOf(candidate))));
        expect(checked.ok, `${seed} ${candidate.odsCode}`).toBe(true);
        if (checked.ok) expect(withRules(candidate, checked.rules)).toEqual(candidate);
      }
    }
  });

  it('changes only the rules: sites, clinicians, days and times stay the seed’s', () => {
    const seed = practice();
    const rules = rulesOf(seed);
    const gp = rules.schedules[0];
    if (!gp?.sessions[1]) throw new Error('no session');
    gp.role = 'R0270';
    gp.sessions[1].deliveryChannel = 'Video';
    gp.sessions[1].accessProfiles = ['hub'];
    const changed = withRules(seed, rules);
    expect(changed.schedules[0]).toMatchObject({
      role: 'R0270',
      locationId: 'main',
      practitionerId: 'dr-a',
      sessions: [
        { deliveryChannel: 'In-person', start: '09:00', accessProfiles: [] },
        { deliveryChannel: 'Video', start: '14:00', end: '15:00', accessProfiles: ['hub'] },
      ],
    });
    expect(changed.locations).toBe(seed.locations);
    expect(seed.schedules[0]?.role).toBe('R0260');
  });

  it('refuses rules whose schedules are not the practice’s, in order', () => {
    const seed = practice();
    const rules = rulesOf(seed);
    const swapped = { ...rules, schedules: [...rules.schedules].reverse() };
    const checked = checkRules(seed, swapped);
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.issues.map((issue) => issue.path)).toEqual(['schedules.0.id', 'schedules.1.id']);
    expect(checkRules(seed, 'rules').ok).toBe(false);
  });

  it('summarises a change by ids, never by the practice’s own words', () => {
    const seed = practice();
    const before = rulesOf(seed);
    const after = structuredClone(before);
    after.accessProfiles.push({
      id: 'extra',
      description: 'Secret words',
      orgTypes: ['urgent-care'],
      odsCodes: [],
    });
    after.accessProfiles = after.accessProfiles.filter((profile) => profile.id !== 'hub');
    const nurse = after.schedules[1];
    if (!nurse?.sessions[0]) throw new Error('no nurse');
    nurse.bookable = false;
    nurse.role = 'R0600';
    nurse.sessions[0].deliveryChannel = 'Telephone';
    const summary = summariseChange(before, after);
    expect(summary).toBe(
      'Changed access profile extra added; access profile hub removed; schedule nurse: role R0620 → R0600, not bookable, session 1',
    );
    expect(summary).not.toContain('Secret');
    expect(summariseChange(before, before)).toBe('No change');
  });
});
