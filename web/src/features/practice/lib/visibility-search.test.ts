import { describe, expect, it } from 'vitest';
import {
  consumerKeys,
  readVisibilitySearch,
  visibilitySearchErrors,
  visibilitySearchParams,
} from './visibility-search';

const today = '2026-12-01';

describe('"What would they see?" in the address', () => {
  it('with nothing asked, is the next two weeks for this app, NHS 111 and another GP practice', () => {
    const search = readVisibilitySearch(new URLSearchParams(), today);
    expect(search).toMatchObject({ start: '2026-12-01', end: '2026-12-14' });
    expect(consumerKeys(search)).toEqual(['app', 'org:urgent-care', 'org:gp-practice']);
    expect(visibilitySearchErrors(search)).toEqual([]);
  });

  it('reads back what it writes, with a typed ODS code sent with its type', () => {
    const search = readVisibilitySearch(
      new URLSearchParams(
        'start=2026-12-07&end=2026-12-20&consumer=app&consumer=ods:Y90002:gp-practice&ods=b82005&odsType=urgent-care',
      ),
      today,
    );
    expect(consumerKeys(search)).toEqual(['app', 'ods:Y90002:gp-practice', 'ods:B82005:urgent-care']);
    expect(readVisibilitySearch(visibilitySearchParams(search), today)).toEqual(search);
  });

  it('says what is wrong: dates, more than eight weeks, no service, a bad ODS code', () => {
    const errors = (query: string) =>
      visibilitySearchErrors(readVisibilitySearch(new URLSearchParams(query), today)).map(
        (error) => error.text,
      );
    expect(errors('start=2026-02-30&end=2026-12-01&consumer=app')).toEqual(['Enter a real start date']);
    expect(errors('start=2026-12-10&end=2026-12-01&consumer=app')).toEqual([
      'The end date must be the same as or after the start date',
    ]);
    expect(errors('start=2026-12-01&end=2027-01-25&consumer=app')).toEqual([]);
    expect(errors('start=2026-12-01&end=2027-01-26&consumer=app')).toEqual([
      'Choose up to 8 weeks (56 days) at a time',
    ]);
    expect(errors('start=2026-12-01&end=2026-12-02')).toEqual([
      'Choose at least one booking service, or enter an ODS code',
    ]);
    expect(errors('start=2026-12-01&end=2026-12-02&ods=B8')).toEqual([
      'Enter an ODS code of 3 to 10 letters and numbers, like B82005',
    ]);
  });
});
