import { describe, expect, it } from 'vitest';
import { documentTitle } from './document-title';

describe('page titles', () => {
  it('name the page, the service and the NHS, the service only once on its start page', () => {
    expect(documentTitle('Your appointments')).toBe('Your appointments – Book a GP appointment – NHS');
    expect(documentTitle('Book a GP appointment')).toBe('Book a GP appointment – NHS');
    expect(documentTitle('Choose a time', true)).toBe('Error: Choose a time – Book a GP appointment – NHS');
  });
});
