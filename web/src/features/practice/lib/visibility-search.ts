import {
  PRACTICE_VIEW_MAX_CONSUMERS,
  PRACTICE_VIEW_MAX_DAYS,
  type ConsumerKey,
  type OrganisationType,
} from '@gpbook/shared/practice-view';
import { addDaysToLondonDate, daysBetweenLondonDates, type LondonDate } from '@gpbook/shared/time';
import type { FormError } from '../../../components/error-summary';

/**
 * "What would they see?" asked in the address (a GET form), so back, reload and a shared link all give the same
 * answer: `start`, `end` (London dates), `consumer` (repeatable: `app`, `org:urgent-care`, `org:gp-practice`),
 * and one specific organisation as `ods` with the type it sends as `odsType` (`none` for no type).
 */
export interface VisibilitySearch {
  start: string;
  end: string;
  /** The checkbox choices: the usual three, and any other the practice's choices offer (its federation). */
  consumers: ConsumerKey[];
  /** The ODS code as typed (trimmed, upper case); empty when none. */
  ods: string;
  odsType: OrganisationType | 'none';
}

export const fixedConsumers = ['app', 'org:urgent-care', 'org:gp-practice'] as const;
export type FixedConsumer = (typeof fixedConsumers)[number];

/** What staff read for each checkbox, and inside a sentence. */
export const fixedConsumerLabel: Record<FixedConsumer, { label: string; hint: string }> = {
  app: { label: 'This app', hint: 'Patients booking with this service' },
  'org:urgent-care': {
    label: 'NHS 111 (urgent care)',
    hint: 'Any organisation booking as urgent care, such as NHS 111 or an urgent treatment centre',
  },
  'org:gp-practice': {
    label: 'Another GP practice',
    hint: 'Any organisation booking as a GP practice, such as a practice in your network',
  },
};

/** Today and the 13 days after it: two weeks, as the patient app searches. */
export const DEFAULT_DAYS = 14;

export function defaultVisibilitySearch(today: LondonDate): VisibilitySearch {
  return {
    start: today,
    end: addDaysToLondonDate(today, DEFAULT_DAYS - 1),
    consumers: [...fixedConsumers],
    ods: '',
    odsType: 'gp-practice',
  };
}

const ODS = /^[A-Z0-9]{3,10}$/;
const CONSUMER_KEY =
  /^(app|none|org:(gp-practice|urgent-care)|ods:[A-Z0-9]{3,10}(:(gp-practice|urgent-care))?)$/;

/** A consumer key from the address (as the contract's consumerKeySchema), or undefined. */
export function readConsumerKey(value: string | null): ConsumerKey | undefined {
  return value !== null && CONSUMER_KEY.test(value) ? value : undefined;
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** The search in an address; an address with none of its parameters gives the default search. */
export function readVisibilitySearch(params: URLSearchParams, today: LondonDate): VisibilitySearch {
  const keys = ['start', 'end', 'consumer', 'ods', 'odsType'];
  if (!keys.some((key) => params.has(key))) return defaultVisibilitySearch(today);
  const chosen = params
    .getAll('consumer')
    .map((value) => readConsumerKey(value))
    .filter((key): key is ConsumerKey => key !== undefined);
  const odsType = params.get('odsType');
  return {
    start: params.get('start')?.trim() ?? '',
    end: params.get('end')?.trim() ?? '',
    consumers: [...new Set(chosen)],
    ods: (params.get('ods') ?? '').trim().toUpperCase(),
    odsType: odsType === 'urgent-care' || odsType === 'none' ? odsType : 'gp-practice',
  };
}

export function visibilitySearchParams(search: VisibilitySearch): URLSearchParams {
  const params = new URLSearchParams({ start: search.start, end: search.end });
  for (const consumer of search.consumers) params.append('consumer', consumer);
  if (search.ods !== '') {
    params.set('ods', search.ods);
    params.set('odsType', search.odsType);
  }
  return params;
}

/** The consumers to compare, as the visibility API takes them. */
export function consumerKeys(search: VisibilitySearch): ConsumerKey[] {
  const keys: ConsumerKey[] = [...search.consumers];
  if (search.ods === '') return keys;
  const typed: ConsumerKey =
    search.odsType === 'none' ? `ods:${search.ods}` : `ods:${search.ods}:${search.odsType}`;
  return keys.includes(typed) ? keys : [...keys, typed];
}

/** Field ids of the form, where the error summary's links go. */
export const searchFieldIds = {
  start: 'start',
  end: 'end',
  consumers: 'consumer-app',
  ods: 'ods',
} as const;

/** What is wrong with a search, in words for the error summary and beside each field. */
export function visibilitySearchErrors(search: VisibilitySearch): FormError[] {
  const errors: FormError[] = [];
  const startOk = isRealDate(search.start);
  const endOk = isRealDate(search.end);
  if (!startOk) errors.push({ fieldId: searchFieldIds.start, text: 'Enter a real start date' });
  if (!endOk) errors.push({ fieldId: searchFieldIds.end, text: 'Enter a real end date' });
  if (startOk && endOk) {
    const days = daysBetweenLondonDates(search.start, search.end) + 1;
    if (days < 1)
      errors.push({
        fieldId: searchFieldIds.end,
        text: 'The end date must be the same as or after the start date',
      });
    else if (days > PRACTICE_VIEW_MAX_DAYS)
      errors.push({
        fieldId: searchFieldIds.end,
        text: `Choose up to ${PRACTICE_VIEW_MAX_DAYS / 7} weeks (${PRACTICE_VIEW_MAX_DAYS} days) at a time`,
      });
  }
  if (search.ods !== '' && !ODS.test(search.ods))
    errors.push({
      fieldId: searchFieldIds.ods,
      text: 'Enter an ODS code of 3 to 10 letters and numbers, like B82005',
    });
  if (consumerKeys(search).length > PRACTICE_VIEW_MAX_CONSUMERS)
    errors.push({
      fieldId: searchFieldIds.consumers,
      text: `Choose up to ${PRACTICE_VIEW_MAX_CONSUMERS} booking services at a time`,
    });
  if (consumerKeys(search).length === 0)
    errors.push({
      fieldId: searchFieldIds.consumers,
      text: 'Choose at least one booking service, or enter an ODS code',
    });
  return errors;
}
