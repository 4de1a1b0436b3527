import type { Appointment } from '@gpbook/shared/appointments';
import { describe, expect, it } from 'vitest';
import { appointmentCalendar, type CalendarAppointment } from './calendar.js';

function appointment(overrides: Partial<CalendarAppointment> = {}): CalendarAppointment {
  return {
    id: 'Y90001~42',
    practice: { odsCode: 'Y90001', name: 'Riverside Medical Centre' },
    status: 'booked',
    start: '2026-07-14T09:30:00+01:00',
    end: '2026-07-14T09:40:00+01:00',
    durationMinutes: 10,
    practitioner: { name: 'Dr Amina Shah', gender: 'female' },
    role: { group: 'gp', display: 'GP', sdsCode: 'R0260', sdsDisplay: 'General Medical Practitioner' },
    channel: 'in-person',
    slotType: 'GP appointment',
    location: {
      id: 'riverside-main',
      name: 'Riverside Medical Centre',
      address: { lines: ['12 Bridge Street'], town: 'Leeds', postcode: 'LS1 4AP' },
    },
    description: 'Sore knee for three weeks',
    comment: 'Private detail',
    canCancel: true,
    canAmend: true,
    ...overrides,
  } as Appointment;
}

const publicUrl = 'https://book.example';
const ics = (overrides: Partial<CalendarAppointment> = {}, now?: Date) =>
  appointmentCalendar(appointment(overrides), { publicUrl, ...(now ? { now } : {}) });

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface Component {
  name: string;
  properties: Property[];
  components: Component[];
}

/** A small RFC 5545 reader: CRLF lines, unfolded (§3.1), into nested components of properties. */
function parse(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line, 'bare LF').not.toContain('\n');
    expect(Buffer.byteLength(line), `line longer than 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  const unfolded: string[] = [];
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) unfolded[unfolded.length - 1] += line.slice(1);
    else unfolded.push(line);
  }
  const root: Component = { name: '', properties: [], components: [] };
  const stack = [root];
  for (const line of unfolded) {
    const match = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, paramText, value] = match!;
    const params = Object.fromEntries(
      paramText!
        .split(';')
        .filter(Boolean)
        .map((param) => param.split('=') as [string, string]),
    );
    const current = stack[stack.length - 1]!;
    if (name === 'BEGIN') {
      const component: Component = { name: value!, properties: [], components: [] };
      current.components.push(component);
      stack.push(component);
    } else if (name === 'END') {
      expect(current.name).toBe(value);
      stack.pop();
    } else current.properties.push({ name: name!, params, value: value! });
  }
  expect(stack).toHaveLength(1);
  expect(root.components).toHaveLength(1);
  return root.components[0]!;
}

const all = (component: Component, name: string) => component.properties.filter((p) => p.name === name);
function one(component: Component, name: string): Property {
  const found = all(component, name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}
function eventOf(text: string): Component {
  const calendar = parse(text);
  expect(calendar.name).toBe('VCALENDAR');
  const events = calendar.components.filter((c) => c.name === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0]!;
}
const property = (text: string, name: string) => one(eventOf(text), name).value;
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('appointmentCalendar', () => {
  it('writes Europe/London local times with a VTIMEZONE, in summer (BST) and winter (GMT)', () => {
    const calendar = parse(ics());
    const zones = calendar.components.filter((c) => c.name === 'VTIMEZONE');
    expect(zones).toHaveLength(1);
    expect(one(zones[0]!, 'TZID').value).toBe('Europe/London');
    const event = calendar.components.find((c) => c.name === 'VEVENT')!;
    expect(one(event, 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Europe/London' },
      value: '20260714T093000',
    });
    expect(one(event, 'DTEND')).toMatchObject({
      params: { TZID: 'Europe/London' },
      value: '20260714T094000',
    });
    const winter = eventOf(ics({ start: '2026-12-01T14:00:00+00:00', end: '2026-12-01T14:15:00+00:00' }));
    expect(one(winter, 'DTSTART')).toMatchObject({
      params: { TZID: 'Europe/London' },
      value: '20261201T140000',
    });
  });

  it('writes nothing outside RFC 5545 at calendar level (no TIMEZONE-ID, no X-WR-TIMEZONE)', () => {
    const calendar = parse(ics());
    expect(calendar.properties.map((p) => p.name).sort()).toEqual(['METHOD', 'PRODID', 'VERSION']);
    expect(one(calendar, 'VERSION').value).toBe('2.0');
  });

  it('writes DTSTAMP in UTC, as the time the file was made', () => {
    // 13:00 in London (BST): a local time would read 130000.
    const now = new Date('2026-07-01T12:00:00.000Z');
    expect(one(eventOf(ics({}, now)), 'DTSTAMP')).toEqual({
      name: 'DTSTAMP',
      params: {},
      value: '20260701T120000Z',
    });
    const before = Date.now();
    const stamp = property(ics(), 'DTSTAMP');
    expect(stamp).toMatch(/^\d{8}T\d{6}Z$/);
    const ms = Date.parse(stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(ms).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });

  it('gives the appointment one UID, whatever changes and whenever the file is made', () => {
    const uid = property(ics(), 'UID');
    // A version 5 UUID of the appointment's page (what Python's uuid.uuid5(NAMESPACE_URL, …) gives).
    expect(uid).toBe('b44a2958-6b7d-56ba-b135-f978553f2519');
    const later = [
      ics(
        { description: 'Knee pain, worse at night', comment: 'Another', version: '2' },
        new Date(2026, 6, 2),
      ),
      ics({ status: 'cancelled', cancellationReason: 'Feeling better', canCancel: false, version: '3' }),
      ics({ practitioner: undefined, phone: '07700 900982' }),
    ];
    for (const text of later) expect(property(text, 'UID')).toBe(uid);
  });

  it('gives other appointments, and the same id in another deployment, other UIDs, with nothing readable in them', () => {
    const uids = [
      property(ics(), 'UID'),
      property(ics({ id: 'Y90001~43' }), 'UID'),
      property(ics({ id: 'Y90002~42' }), 'UID'),
      property(appointmentCalendar(appointment(), { publicUrl: 'https://staging.book.example' }), 'UID'),
    ];
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids)
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('raises SEQUENCE with every change the practice system counts, and never lowers it', () => {
    // The provider's (and many FHIR servers') versionId: 1 when booked, +1 for each amendment, +1 on cancel.
    const life = [
      ics({ version: '1' }),
      ics({ version: '2', description: 'Knee pain, worse at night' }),
      ics({ version: '3', comment: 'It hurts on stairs' }),
      ics({ version: '4', status: 'cancelled', canCancel: false, canAmend: false }),
    ].map((text) => Number(property(text, 'SEQUENCE')));
    expect(life).toEqual([1, 2, 3, 4]);
  });

  it('without a counter, numbers the status: 0 booked, 1 cancelled; and moving to a counter never goes down', () => {
    const cancelled = { status: 'cancelled', canCancel: false, canAmend: false } as const;
    const sequence = (overrides: Partial<CalendarAppointment>) =>
      Number(property(ics(overrides), 'SEQUENCE'));
    expect(sequence({})).toBe(0);
    expect(sequence(cancelled)).toBe(1);
    // Opaque versions (a hash, a timestamp in ms beyond SEQUENCE's 31 bits) are not counters.
    for (const version of ['a1b2c3', '1469444400000', 'W/"3"', '', '-1', '2.5']) {
      expect(sequence({ version })).toBe(0);
      expect(sequence({ ...cancelled, version })).toBe(1);
    }
    expect(sequence({ version: '0' })).toBe(0);
    expect(sequence({ ...cancelled, version: '0' })).toBe(1);
    expect(sequence({ version: String(2 ** 31 - 1) })).toBe(2 ** 31 - 1);
  });

  it('says STATUS:CANCELLED for a cancelled appointment, under the same UID and a higher SEQUENCE, still PUBLISH', () => {
    const booked = ics();
    const cancelled = ics({
      status: 'cancelled',
      cancellationReason: 'Feeling better now',
      canCancel: false,
      canAmend: false,
    });
    expect(one(parse(booked), 'METHOD').value).toBe('PUBLISH');
    expect(one(parse(cancelled), 'METHOD').value).toBe('PUBLISH');
    expect(property(booked, 'STATUS')).toBe('CONFIRMED');
    expect(property(cancelled, 'STATUS')).toBe('CANCELLED');
    expect(property(cancelled, 'UID')).toBe(property(booked, 'UID'));
    expect(Number(property(cancelled, 'SEQUENCE'))).toBeGreaterThan(Number(property(booked, 'SEQUENCE')));
    expect(property(booked, 'TRANSP')).toBe('OPAQUE');
    expect(property(cancelled, 'TRANSP')).toBe('TRANSPARENT');
    expect(property(cancelled, 'SUMMARY')).toBe('Cancelled: GP appointment: Riverside Medical Centre');
    expect(property(cancelled, 'DESCRIPTION')).toMatch(/^This appointment has been cancelled\./);
    expect(unfold(cancelled)).not.toContain('Feeling better');
  });

  it('gives the address for an appointment in person, and leaves out the patient’s own words', () => {
    const text = ics({ phone: '07700 900982', cancellationReason: 'Reason of mine' });
    const event = eventOf(text);
    expect(one(event, 'LOCATION').value).toContain('12 Bridge Street');
    expect(one(event, 'SUMMARY').value).toBe('GP appointment: Riverside Medical Centre');
    expect(one(event, 'URL').value).toBe('https://book.example/appointments/Y90001~42');
    expect(one(event, 'CLASS').value).toBe('PRIVATE');
    const flat = unfold(text);
    for (const personal of ['Sore knee', 'Private detail', '07700', 'Reason of mine'])
      expect(flat).not.toContain(personal);
  });

  it('gives no address for telephone and video appointments', () => {
    for (const channel of ['telephone', 'video'] as const) {
      const text = ics({ channel });
      expect(unfold(text)).not.toContain('12 Bridge Street');
      expect(all(eventOf(text), 'LOCATION')).toHaveLength(0);
    }
  });
});
