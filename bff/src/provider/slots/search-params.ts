import { LIMITS, ORG_TYPES, SYS, type OrgTypeCode } from '../../gpconnect/constants.js';
import type { Consumer } from '../availability/access.js';
import { gpcError } from '../outcomes.js';
import type { QueryParams } from '../pipeline/query.js';
import {
  addLondonDays,
  isCalendarDate,
  londonDaysBetween,
  londonInstant,
  parseLondonDateTime,
} from '../time/london.js';

/** A Search for free slots request, validated as digest §3.9 requires. */
export interface SlotSearch {
  /** Slots must start at or after this instant… */
  fromMs: number;
  /** …and end at or before this one (a date-only `le` includes the whole day). */
  toMs: number;
  includes: Set<string>;
  consumer: Consumer;
  /** The DoS service id of `service.identifier`, when sent. */
  serviceIdentifier: string | undefined;
}

interface Bound {
  /** The instant the value names (a date means its midnight). */
  instantMs: number;
  dateOnly: boolean;
  date: string;
}

function single(query: QueryParams, name: string): string {
  const values = query.all(name);
  if (values.length === 0) throw gpcError('BAD_REQUEST', `The ${name} parameter is required`);
  if (values.length > 1) throw gpcError('BAD_REQUEST', `The ${name} parameter must be sent once`);
  return values[0] ?? '';
}

function bound(raw: string, name: string, prefix: 'ge' | 'le'): Bound {
  if (!raw.startsWith(prefix))
    throw gpcError('INVALID_PARAMETER', `The ${name} parameter must use the ${prefix} prefix`);
  const value = raw.slice(prefix.length);
  if (isCalendarDate(value)) return { instantMs: londonInstant(value), dateOnly: true, date: value };
  const instant = parseLondonDateTime(value);
  if (instant === undefined) {
    throw gpcError(
      'INVALID_PARAMETER',
      `The ${name} parameter must be yyyy-mm-dd or yyyy-mm-ddThh:mm:ss with the UK offset (+00:00 or +01:00) of that date`,
    );
  }
  return { instantMs: instant, dateOnly: false, date: value.slice(0, 10) };
}

function consumerFromFilters(filters: string[]): Consumer {
  const consumer: Consumer = {};
  for (const filter of filters) {
    const bar = filter.indexOf('|');
    if (bar === -1) continue;
    const system = filter.slice(0, bar);
    const code = filter.slice(bar + 1);
    // Unknown systems and unknown organisation types are ignored, not errors (§3.9).
    if (system === SYS.odsOrg && code.length > 0) consumer.odsCode ??= code;
    if (system === SYS.orgType && code in ORG_TYPES) consumer.orgType ??= code as OrgTypeCode;
  }
  return consumer;
}

function serviceIdentifier(query: QueryParams): string | undefined {
  const values = query.all('service.identifier');
  if (values.length === 0) return undefined;
  if (values.length > 1)
    throw gpcError('INVALID_PARAMETER', 'The service.identifier parameter must be sent once');
  const token = values[0] ?? '';
  const bar = token.indexOf('|');
  const system = bar === -1 ? '' : token.slice(0, bar);
  const value = bar === -1 ? '' : token.slice(bar + 1);
  if (system !== SYS.dosService) {
    throw gpcError('INVALID_PARAMETER', `The service.identifier system must be ${SYS.dosService}`);
  }
  if (value.length === 0)
    throw gpcError('INVALID_PARAMETER', 'The service.identifier parameter has no value');
  return value;
}

/** The instants a valid `start`/`end` pair names, by the raw pair (a pure function of it; see {@link range}). */
const ranges = new Map<string, { fromMs: number; toMs: number }>();
const RANGES_KEPT = 1000;

/**
 * The range a `start`/`end` pair names, checked. Working it out takes the UK time zone rules several times (a
 * quarter of a millisecond), and consumers repeat the same few ranges, so valid ones are remembered.
 */
function range(startRaw: string, endRaw: string): { fromMs: number; toMs: number } {
  const key = `${startRaw}\u0000${endRaw}`;
  const known = ranges.get(key);
  if (known) return known;
  const start = bound(startRaw, 'start', 'ge');
  const end = bound(endRaw, 'end', 'le');
  if (end.instantMs < start.instantMs)
    throw gpcError('INVALID_PARAMETER', 'The end of the range is before its start');
  if (londonDaysBetween(start.instantMs, end.instantMs) > LIMITS.slotSearchMaxDays) {
    throw gpcError('INVALID_PARAMETER', `The search range must not exceed ${LIMITS.slotSearchMaxDays} days`);
  }
  const found = {
    fromMs: start.instantMs,
    toMs: end.dateOnly ? londonInstant(addLondonDays(end.date, 1)) : end.instantMs,
  };
  if (ranges.size >= RANGES_KEPT) ranges.clear();
  ranges.set(key, found);
  return found;
}

export function parseSlotSearch(query: QueryParams): SlotSearch {
  // Missing parameters are malformed requests (400); present but wrong ones are invalid parameters (422).
  const startRaw = single(query, 'start');
  const endRaw = single(query, 'end');
  const status = single(query, 'status');
  if (!query.all('_include').includes('Slot:schedule')) {
    throw gpcError('BAD_REQUEST', 'The _include=Slot:schedule parameter is required');
  }
  if (status !== 'free') throw gpcError('INVALID_PARAMETER', 'The status parameter must be free');
  const { fromMs, toMs } = range(startRaw, endRaw);
  return {
    fromMs,
    toMs,
    includes: new Set(query.all('_include:recurse')),
    consumer: consumerFromFilters(query.all('searchFilter')),
    serviceIdentifier: serviceIdentifier(query),
  };
}
