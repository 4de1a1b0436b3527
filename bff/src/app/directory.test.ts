import { describe, expect, it } from 'vitest';
import { PracticeDirectory, type DirectoryEntry } from './directory.js';

const practice = (odsCode: string, federation?: string): DirectoryEntry => ({
  odsCode,
  name: `Practice ${odsCode}`,
  serviceRoot: `https://gp.example/${odsCode}/STU3/1/gpconnect`,
  asid: '918999190001',
  ...(federation ? { federation } : {}),
});

describe('PracticeDirectory', () => {
  const directory = new PracticeDirectory([
    practice('A00001', 'north'),
    practice('B00002'),
    practice('C00003', 'south'),
    practice('D00004', 'north'),
    practice('E00005', 'north'),
  ]);

  it("gives a practice's federation: the other practices sharing its id, in directory order", () => {
    expect(directory.federationOf('D00004').map((entry) => entry.odsCode)).toEqual(['A00001', 'E00005']);
    expect(directory.federationOf('A00001').map((entry) => entry.odsCode)).toEqual(['D00004', 'E00005']);
    expect(directory.federationOf('C00003')).toEqual([]);
  });

  it('gives no federation for a practice in none, or one it does not know', () => {
    expect(directory.federationOf('B00002')).toEqual([]);
    expect(directory.federationOf('Z99999')).toEqual([]);
    expect(directory.get('Z99999')).toBeUndefined();
    expect(directory.get('C00003')?.name).toBe('Practice C00003');
  });
});
