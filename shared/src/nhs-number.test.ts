import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from './nhs-number.js';

describe('isValidNhsNumber', () => {
  it('accepts numbers whose tenth digit is the Modulus 11 check digit', () => {
    for (const valid of ['9658218865', '9658218873', '9000000009', '9434765919']) {
      expect(isValidNhsNumber(valid), valid).toBe(true);
    }
  });

  it('refuses a wrong check digit, a check value of 10, and anything not ten digits', () => {
    for (const invalid of [
      '9658218866',
      '0000090000',
      '0000090001',
      '1234567890',
      '965821886',
      '96582188650',
      '965821886a',
      '',
    ]) {
      expect(isValidNhsNumber(invalid), invalid).toBe(false);
    }
  });
});
