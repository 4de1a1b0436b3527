import {
  rulesIfMatch,
  type ConsumerKey,
  type PracticeRules,
  type RulesResponse,
  type VisibilityResponse,
} from '@gpbook/shared/practice-view';
import { queryOptions } from '@tanstack/react-query';
import {
  auditResponse,
  consumerOptionsResponse,
  explanationsResponse,
  rulesResponse,
  visibilityResponse,
} from './answers';
import { practiceRequest, retryPracticeQuery } from './practice-request';
import { PRACTICE_QUERY_ROOT } from './staff-session';

/**
 * The practice view's reads (`/api/practice/:ods/…`, contract in @gpbook/shared/practice-view) and its one write.
 * Every key starts with PRACTICE_QUERY_ROOT, so signing out drops them together.
 */

export interface RangeQuery {
  start: string;
  end: string;
}

const base = (ods: string) => `/api/practice/${encodeURIComponent(ods)}`;

export function getVisibility(
  ods: string,
  range: RangeQuery,
  consumers: readonly ConsumerKey[],
  signal?: AbortSignal,
): Promise<VisibilityResponse> {
  const params = new URLSearchParams({ start: range.start, end: range.end });
  for (const consumer of consumers) params.append('consumer', consumer);
  return practiceRequest('GET', `${base(ods)}/visibility?${params.toString()}`, {
    schema: visibilityResponse,
    signal,
  });
}

export function visibilityQueryOptions(ods: string, range: RangeQuery, consumers: readonly ConsumerKey[]) {
  return queryOptions({
    queryKey: [PRACTICE_QUERY_ROOT, ods, 'visibility', range.start, range.end, ...consumers],
    queryFn: ({ signal }) => getVisibility(ods, range, consumers, signal),
    retry: retryPracticeQuery,
    // Staff come here to see the diary as it is now: never keep an old answer for long.
    staleTime: 0,
  });
}

/** The booking services worth offering as choices at this practice (its federation's practices among them). */
export function consumerOptionsQueryOptions(ods: string) {
  return queryOptions({
    queryKey: [PRACTICE_QUERY_ROOT, ods, 'consumers'],
    queryFn: ({ signal }) =>
      practiceRequest('GET', `${base(ods)}/consumers`, { schema: consumerOptionsResponse, signal }),
    retry: retryPracticeQuery,
    staleTime: 5 * 60 * 1000,
  });
}

export function explanationsQueryOptions(ods: string, range: RangeQuery, consumer: ConsumerKey) {
  return queryOptions({
    queryKey: [PRACTICE_QUERY_ROOT, ods, 'explanations', range.start, range.end, consumer],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ start: range.start, end: range.end, consumer });
      return practiceRequest('GET', `${base(ods)}/explanations?${params.toString()}`, {
        schema: explanationsResponse,
        signal,
      });
    },
    retry: retryPracticeQuery,
    staleTime: 0,
  });
}

export function rulesQueryOptions(ods: string) {
  return queryOptions({
    queryKey: [PRACTICE_QUERY_ROOT, ods, 'rules'],
    queryFn: ({ signal }) => practiceRequest('GET', `${base(ods)}/rules`, { schema: rulesResponse, signal }),
    retry: retryPracticeQuery,
    staleTime: 0,
  });
}

export function auditQueryOptions(ods: string, limit = 10) {
  return queryOptions({
    queryKey: [PRACTICE_QUERY_ROOT, ods, 'audit', limit],
    queryFn: ({ signal }) =>
      practiceRequest('GET', `${base(ods)}/audit?limit=${limit}`, { schema: auditResponse, signal }),
    retry: retryPracticeQuery,
    staleTime: 0,
  });
}

/** `PUT /api/practice/:ods/rules` with If-Match: the version the change was made to. */
export function putRules(
  ods: string,
  version: number,
  rules: PracticeRules,
  csrfToken: string,
): Promise<RulesResponse> {
  return practiceRequest('PUT', `${base(ods)}/rules`, {
    schema: rulesResponse,
    body: { rules },
    csrfToken,
    ifMatch: rulesIfMatch(version),
  });
}
