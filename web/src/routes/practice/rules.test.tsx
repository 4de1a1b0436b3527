import type { PracticeRules, RulesResponse, VisibilityResponse } from '@gpbook/shared/practice-view';
import type { StaffSessionResponse } from '@gpbook/shared/staff-session';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { stubApi } from '../../test/api-stub';
import { renderApp } from '../../test/render-app';

const RULES = '/api/practice/Y90001/rules';

function makeStaffSession(): StaffSessionResponse {
  return {
    user: { id: 'staff-user-id-0000000001', displayName: 'Amira Shah' },
    role: 'practice-manager',
    practices: [
      { odsCode: 'Y90001', name: 'Riverside Medical Centre', role: 'practice-manager', canChangeRules: true },
    ],
    idleExpiresAt: '2026-12-01T09:30:00+00:00',
    absoluteExpiresAt: '2026-12-01T21:00:00+00:00',
    csrfToken: 'staff-csrf-token-0123456789',
    serverTime: '2026-12-01T09:00:00+00:00',
  };
}

function makeRules(version: number, embargoMinutes = 120): RulesResponse {
  const rules: PracticeRules = {
    openAccess: { embargoMinutes: 30 },
    accessProfiles: [
      {
        id: 'nhs-111',
        description: 'NHS 111',
        orgTypes: ['urgent-care'],
        odsCodes: [],
        embargoMinutes,
        maxBookedSlots: 12,
      },
    ],
    schedules: [
      {
        id: 'lewis-clinic',
        role: 'R0620',
        bookable: true,
        accessProfiles: [],
        sessions: [
          {
            days: ['mon', 'tue'],
            start: '08:30',
            end: '12:00',
            deliveryChannel: 'in-person',
            bookable: true,
            accessProfiles: ['nhs-111'],
          },
        ],
      },
    ],
  };
  return {
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    version,
    rules,
    context: {
      practiceName: 'Riverside Medical Centre',
      schedules: [
        {
          id: 'lewis-clinic',
          scheduleType: 'Practice nurse clinic',
          site: { id: 'main', name: 'Riverside Medical Centre' },
          practitioner: { id: 'lewis', name: 'Sarah Lewis' },
        },
      ],
      roles: [
        { code: 'R0620', display: 'Staff Nurse', group: 'nurse' },
        { code: 'R0260', display: 'General Medical Practitioner', group: 'gp' },
      ],
      deliveryChannels: [
        { code: 'in-person', display: 'In person' },
        { code: 'telephone', display: 'By phone' },
        { code: 'video', display: 'Video call' },
      ],
      organisationTypes: [
        { code: 'gp-practice', display: 'GP practice' },
        { code: 'urgent-care', display: 'Urgent care (such as NHS 111)' },
      ],
    },
  };
}

/** What NHS 111 sees on Tuesday 8 December: `nurses` nurse slots and 4 GP slots. */
function makeVisibility(nurses: number): VisibilityResponse {
  const byRole = [
    { group: 'gp' as const, count: 4 },
    ...(nurses > 0 ? [{ group: 'nurse' as const, count: nurses }] : []),
  ];
  const counts = { total: 4 + nurses, byRole, byChannel: [], bySite: [] };
  return {
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    start: '2026-12-08',
    end: '2026-12-08',
    searchedAt: '2026-12-01T09:00:00+00:00',
    consumers: [
      {
        status: 'ok',
        consumer: {
          key: 'org:urgent-care',
          kind: 'org',
          orgType: 'urgent-care',
          label: 'Urgent care (such as NHS 111)',
        },
        totals: counts,
        days: [{ date: '2026-12-08', ...counts }],
        slots: [],
      },
    ],
  };
}

function stubPractice(answers: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/staff/session': { status: 200, body: makeStaffSession() },
    [`GET ${RULES}`]: { status: 200, body: makeRules(3) },
    'GET /api/practice/Y90001/audit': {
      status: 200,
      body: { practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' }, entries: [] },
    },
    'GET /api/practice/Y90001/visibility': { status: 200, body: makeVisibility(0) },
    ...answers,
  });
}

async function openRules() {
  renderApp('/practice/Y90001/rules');
  await screen.findByRole('heading', { level: 1, name: 'Change the rules' });
  return within(await screen.findByRole('group', { name: 'NHS 111' }));
}

beforeEach(() => {
  document.cookie = 'gpbook_staff_signed_in=1; path=/';
});

describe('Change the rules', () => {
  it('checks the form before sending: a field in error is named in the summary, linked, and nothing is sent', async () => {
    const api = stubPractice();
    const profile = await openRules();
    const embargo = profile.getByRole('textbox', { name: 'Embargo' });
    expect(embargo).toHaveValue('2');
    expect(profile.getByRole('combobox', { name: 'Embargo: unit' })).toHaveValue('hours');
    await userEvent.clear(embargo);
    await userEvent.type(embargo, 'soon');
    await userEvent.click(screen.getByRole('button', { name: 'Save the rules' }));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', {
      name: 'Access profile ‘NHS 111’: enter the embargo as a whole number, 0 or more, or leave it empty for no embargo',
    });
    expect(link).toHaveAttribute('href', '#profile-0-embargo');
    await userEvent.click(link);
    expect(embargo).toHaveFocus();
    expect(api.callsTo('PUT', RULES)).toHaveLength(0);
  });

  it('sends the change with If-Match and CSRF; on 412 says someone else changed the rules and shows the current ones', async () => {
    let reads = 0;
    const api = stubPractice({
      [`GET ${RULES}`]: () => ({ status: 200, body: reads++ === 0 ? makeRules(3) : makeRules(4, 60 * 24) }),
      [`PUT ${RULES}`]: {
        status: 412,
        body: { error: { code: 'version_conflict', message: 'The rules changed' } },
      },
    });
    const profile = await openRules();
    const embargo = profile.getByRole('textbox', { name: 'Embargo' });
    await userEvent.clear(embargo);
    await userEvent.type(embargo, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save the rules' }));

    expect(
      await screen.findByRole('heading', { name: 'Someone else changed the rules' }),
    ).toBeInTheDocument();
    const [put] = api.callsTo('PUT', RULES);
    expect(put?.headers['if-match']).toBe('"3"');
    expect(put?.headers['x-csrf-token']).toBe('staff-csrf-token-0123456789');
    expect(put?.body).toMatchObject({ rules: { accessProfiles: [{ id: 'nhs-111', embargoMinutes: 0 }] } });
    // The form now holds the current rules (version 4: one day), not the change that was refused.
    await waitFor(() =>
      expect(
        within(screen.getByRole('group', { name: 'NHS 111' })).getByRole('textbox', { name: 'Embargo' }),
      ).toHaveValue('1'),
    );
    expect(
      within(screen.getByRole('group', { name: 'NHS 111' })).getByRole('combobox', { name: 'Embargo: unit' }),
    ).toHaveValue('days');
  });

  it('adds an access profile, and removes one from the schedules and sessions that named it', async () => {
    const api = stubPractice({ [`PUT ${RULES}`]: { status: 200, body: makeRules(4) } });
    const profile = await openRules();
    await userEvent.click(screen.getByRole('button', { name: 'Add an access profile' }));
    const added = within(await screen.findByRole('group', { name: 'profile-2' }));
    await userEvent.type(added.getByRole('textbox', { name: 'Name' }), 'Federation hub');
    await userEvent.type(added.getByRole('textbox', { name: /ODS codes let in/ }), 'Y90100');
    await userEvent.click(profile.getByRole('button', { name: 'Remove this access profile: NHS 111' }));
    expect(screen.queryByRole('group', { name: 'NHS 111' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save the rules' }));

    await waitFor(() => expect(api.callsTo('PUT', RULES)).toHaveLength(1));
    const [put] = api.callsTo('PUT', RULES);
    expect(put?.body).toMatchObject({
      rules: {
        accessProfiles: [
          { id: 'profile-2', description: 'Federation hub', orgTypes: [], odsCodes: ['Y90100'] },
        ],
        schedules: [{ id: 'lewis-clinic', accessProfiles: [], sessions: [{ accessProfiles: [] }] }],
      },
    });
  });

  it('on 422 puts each of the provider’s problems into words, linked to its field', async () => {
    stubPractice({
      [`PUT ${RULES}`]: {
        status: 422,
        body: {
          error: {
            code: 'invalid_rules',
            message: 'The rules do not validate',
            issues: [
              {
                path: ['accessProfiles', 0, 'maxBookedSlots'],
                message: 'Too small: expected number to be >0',
              },
              { path: ['schedules', 0, 'sessions', 0, 'deliveryChannel'], message: 'Invalid option' },
            ],
          },
        },
      },
    });
    await openRules();
    await userEvent.click(screen.getByRole('button', { name: 'Save the rules' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', {
        name: 'Access profile ‘NHS 111’: enter the limit as a whole number of slots, 1 or more, or leave it empty for no limit',
      }),
    ).toHaveAttribute('href', '#profile-0-limit');
    expect(
      within(summary).getByRole('link', {
        name: 'Sarah Lewis: Practice nurse clinic, Mondays and Tuesdays, 8:30am to midday: choose how these appointments take place (delivery channel)',
      }),
    ).toHaveAttribute('href', '#schedule-0-session-0-channel');
    expect(document.title).toMatch(/^Error: /);
  });

  it('after saving, shows at once what changed for each booking service', async () => {
    let searches = 0;
    const api = stubPractice({
      'GET /api/practice/Y90001/visibility': () => ({
        status: 200,
        body: makeVisibility(searches++ === 0 ? 0 : 6),
      }),
      [`PUT ${RULES}`]: { status: 200, body: makeRules(4, 0) },
    });
    const profile = await openRules();
    await userEvent.click(profile.getByRole('checkbox', { name: 'GP practice' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the rules' }));

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('The rules are saved and apply now');
    expect(banner).toHaveTextContent(
      'NHS 111 (urgent care) now sees 6 more slots in all (4 before, 10 now).',
    );
    expect(banner).toHaveTextContent(
      'NHS 111 (urgent care) now sees 6 more nurse slots on Tuesday 8 December.',
    );
    await waitFor(() => expect(banner).toHaveFocus());
    expect(api.callsTo('PUT', RULES)[0]?.body).toMatchObject({
      rules: { accessProfiles: [{ orgTypes: ['gp-practice', 'urgent-care'] }] },
    });
  });
});
