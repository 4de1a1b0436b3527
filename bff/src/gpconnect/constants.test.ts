import { odsCodeSchema } from '@gpbook/shared/practices';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FHIR_ID_REGEX, ODS_CODE_PATTERN, ODS_CODE_REGEX } from './constants.js';

describe('ODS_CODE_PATTERN', () => {
  it("is the patient API contract's odsCodeSchema pattern", () => {
    expect(z.toJSONSchema(odsCodeSchema)).toMatchObject({ type: 'string', pattern: `^${ODS_CODE_PATTERN}$` });
  });

  it.each(['Y90001', 'A81', 'ABCDEFGHIJ', 'y90001', 'AB', 'ABCDEFGHIJK', 'Y9000-1', ' Y90001'])(
    'agrees with odsCodeSchema on %j',
    (value) => {
      expect(ODS_CODE_REGEX.test(value)).toBe(odsCodeSchema.safeParse(value).success);
    },
  );
});

describe('FHIR_ID_REGEX', () => {
  it('is 1-64 letters, digits, "-" and "."', () => {
    for (const id of ['1', 'slot-17.a', 'A'.repeat(64)]) expect(FHIR_ID_REGEX.test(id)).toBe(true);
    for (const id of ['', 'A'.repeat(65), 'a_b', 'a/b', 'a~b', 'a b'])
      expect(FHIR_ID_REGEX.test(id)).toBe(false);
  });
});
