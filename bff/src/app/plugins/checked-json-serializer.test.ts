import { slotsResponseSchema, type Slot, type SlotsResponse } from '@gpbook/shared/slots';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { slotsResponseFor } from '../slot-listing.js';
import { checkedJsonSerializer } from './checked-json-serializer.js';
import errorsPlugin from './errors.js';

const newApp = () => Fastify().withTypeProvider<ZodTypeProvider>();
let app = newApp();
beforeEach(() => {
  app = newApp();
});
afterEach(async () => {
  await app.close();
});

/** A 14-day list as the BFF builds it: every slot of a session shares its location, practitioner and role. */
function slotList(): SlotsResponse {
  const location = {
    id: 'riverside-main',
    name: 'Riverside Medical Centre',
    address: { lines: ['12 Bridge Street'], town: 'Leeds', postcode: 'LS1 4AP' },
  };
  const practitioner = { name: 'Dr Amelia Hart', gender: 'female' as const };
  const role = { group: 'gp' as const, display: 'GP' };
  const slots: Slot[] = [];
  for (let day = 0; day < 14; day++) {
    for (let index = 0; index < 40; index++) {
      const startMs = Date.UTC(2026, 2, 23 + day, 8, 0) + index * 10 * 60_000;
      const start = new Date(startMs).toISOString().replace('.000Z', '+00:00');
      const end = new Date(startMs + 10 * 60_000).toISOString().replace('.000Z', '+00:00');
      const slot: Slot = {
        id: `Y90001~${start.slice(0, 10)}~s${day}-${index}`,
        start,
        end,
        durationMinutes: 10,
        role,
        channel: index % 3 === 0 ? 'telephone' : 'in-person',
        slotType: 'GP appointment',
        location,
      };
      if (index % 2 === 0) slot.practitioner = practitioner;
      if (index % 4 === 0) slot.scheduleType = 'General GP clinic';
      slots.push(slot);
    }
  }
  return slotsResponseFor({ practice: 'Y90001', from: '2026-03-23', to: '2026-04-05' }, slots);
}

/** What each kind of mistake our own code could make does to a list: none of these may leave the BFF. */
const wrongAnswers: Array<[string, (answer: SlotsResponse) => void, string]> = [
  ['a start in UTC (Z)', (a) => (a.days[2]!.slots[5]!.start = '2026-03-25T08:50:00Z'), '08:50:00Z'],
  ['a start that is no date', (a) => (a.days[2]!.slots[5]!.start = '2026-02-30T08:50:00+00:00'), '02-30'],
  ['a duration of no minutes', (a) => (a.days[3]!.slots[0]!.durationMinutes = 0), '"durationMinutes":0'],
  ['a channel the web does not know', (a) => mutate(a.days[1]!.slots[7]!, 'channel', 'pigeon'), 'pigeon'],
  ['a slot id with a space', (a) => (a.days[0]!.slots[1]!.id = 'Y90001~2026-03-23~s 1'), 's 1'],
  ['a location with no name', (a) => (a.locations[0]!.name = ''), '"name":""'],
  ['a slot with no role', (a) => mutate(a.days[5]!.slots[3]!, 'role', undefined), 's5-3'],
  ['a day that is no date', (a) => (a.days[4]!.date = '2026-03-32'), '2026-03-32'],
  [
    'a practitioner named by a number',
    (a) => mutate(a.days[6]!.slots[0]!, 'practitioner', { name: 7 }),
    's6-0',
  ],
];

function mutate(target: object, key: string, value: unknown) {
  (target as Record<string, unknown>)[key] = value;
}

describe('response checking', () => {
  it('sends only what the schema names, and refuses to send what breaks it', async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(checkedJsonSerializer);
    await app.register(errorsPlugin);
    const schema = { response: { 200: z.object({ name: z.string() }) } };
    let answer: unknown = { name: 'Riverside', nhsNumber: '9990000018' };
    app.get('/thing', { schema }, () => answer as { name: string });

    const stripped = await app.inject('/thing');
    expect(stripped.statusCode).toBe(200);
    expect(stripped.json()).toEqual({ name: 'Riverside' });

    answer = { name: 42 };
    const broken = await app.inject('/thing');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('42');
    expect(broken.json()).toMatchObject({ error: { code: 'internal_error' } });
  });

  it('sends a slot list exactly as zod parses it, without what our code added beside the schema', async () => {
    app.setSerializerCompiler(checkedJsonSerializer);
    await app.register(errorsPlugin);
    const answer = slotList();
    // Things the schema does not name, at every level: the answer, a day, a slot, a shared location.
    mutate(answer, 'patient', { nhsNumber: '9990000018' });
    mutate(answer.days[0]!, 'fhirBundleId', 'b-1');
    mutate(answer.days[0]!.slots[0]!, 'booking', { scheduleId: 'hart-clinic' });
    mutate(answer.locations[0]!, 'telecom', '0113 496 0001');
    app.get('/api/slots', { schema: { response: { 200: slotsResponseSchema } } }, () => answer);

    const sent = await app.inject('/api/slots');
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toBe(JSON.stringify(slotsResponseSchema.parse(answer)));
    for (const hidden of ['9990000018', 'fhirBundleId', 'hart-clinic', '0113 496 0001']) {
      expect(sent.body).not.toContain(hidden);
    }
    expect(sent.json<SlotsResponse>().days.flatMap((day) => day.slots)).toHaveLength(560);
  });

  it.each(wrongAnswers)('refuses a slot list with %s', async (_name, spoil, trace) => {
    app.setSerializerCompiler(checkedJsonSerializer);
    await app.register(errorsPlugin);
    const answer = slotList();
    spoil(answer);
    app.get('/api/slots', { schema: { response: { 200: slotsResponseSchema } } }, () => answer);

    const sent = await app.inject('/api/slots');
    expect(sent.statusCode).toBe(500);
    expect(sent.json()).toMatchObject({ error: { code: 'internal_error' } });
    expect(sent.body).not.toContain(trace);
  });

  it('checks with the compiled schema exactly as the runtime parser does, on good and spoiled lists', () => {
    const compiled = z.compile(slotsResponseSchema);
    const good = slotList();
    expect(compiled.parse(good)).toEqual(slotsResponseSchema.parse(good));
    for (const [name, spoil] of wrongAnswers) {
      const answer = slotList();
      spoil(answer);
      expect(compiled.safeParse(answer).success, name).toBe(false);
      expect(slotsResponseSchema.safeParse(answer).success, name).toBe(false);
    }
  });
});
