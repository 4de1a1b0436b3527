/**
 * NHS number check: ten digits whose tenth is the Modulus 11 check digit of the first nine
 * (weights 10..2; a remainder giving 11 means 0, and 10 means the number is invalid).
 */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(value[9]);
}
