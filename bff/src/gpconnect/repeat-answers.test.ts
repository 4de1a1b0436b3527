import { describe, expect, it } from 'vitest';
import { deepFreeze, RepeatAnswers } from './repeat-answers.js';

describe('repeat answers', () => {
  const parseCounting = () => {
    const calls: string[] = [];
    return {
      calls,
      parse: (text: string) => {
        calls.push(text);
        return JSON.parse(text) as { slots: Array<{ id: string }> };
      },
    };
  };

  it('gives the value parsed before, frozen and the very same object, for a byte-identical answer', () => {
    const repeats = new RepeatAnswers();
    const { calls, parse } = parseCounting();
    const first = repeats.valueOf('GET /Slot?a', '{"slots":[{"id":"1"}]}', parse);
    const again = repeats.valueOf('GET /Slot?a', '{"slots":[{"id":"1"}]}', parse);
    expect(again).toBe(first);
    expect(calls).toHaveLength(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.slots[0])).toBe(true);
    expect(() => {
      (first.slots as Array<{ id: string }>).push({ id: '2' });
    }).toThrow(TypeError);
  });

  it('parses an answer that differs by one byte: a booking or a cancellation is seen at once', () => {
    const repeats = new RepeatAnswers();
    const { calls, parse } = parseCounting();
    const before = repeats.valueOf('GET /Slot?a', '{"slots":[{"id":"1"},{"id":"2"}]}', parse);
    const after = repeats.valueOf('GET /Slot?a', '{"slots":[{"id":"1"}]}', parse);
    expect(after).not.toBe(before);
    expect(after.slots.map((slot) => slot.id)).toEqual(['1']);
    // The older answer is not remembered: going back is a new parse, not the first object.
    const back = repeats.valueOf('GET /Slot?a', '{"slots":[{"id":"1"},{"id":"2"}]}', parse);
    expect(back).not.toBe(before);
    expect(calls).toHaveLength(3);
  });

  it('keeps each request apart: the same bytes to another request are parsed for it', () => {
    const repeats = new RepeatAnswers();
    const { calls, parse } = parseCounting();
    repeats.valueOf('GET /Slot?a', '{"slots":[]}', parse);
    repeats.valueOf('GET /Slot?b', '{"slots":[]}', parse);
    expect(calls).toHaveLength(2);
    expect(repeats.size).toBe(2);
  });

  it('keeps nothing from an answer that does not parse', () => {
    const repeats = new RepeatAnswers();
    const { parse } = parseCounting();
    repeats.valueOf('GET /Slot?a', '{"slots":[]}', parse);
    expect(() => repeats.valueOf('GET /Slot?a', 'not json', parse)).toThrow(SyntaxError);
    expect(repeats.size).toBe(0);
  });

  it('forgets the least recently used request beyond its budget, and never keeps an answer larger than it', () => {
    const text = JSON.stringify({ slots: [{ id: 'x'.repeat(90) }] });
    // Room for two answers of this size (a character is counted as four bytes with what it was parsed into).
    const repeats = new RepeatAnswers(text.length * 4 * 2);
    const { calls, parse } = parseCounting();
    repeats.valueOf('a', text, parse);
    repeats.valueOf('b', text, parse);
    repeats.valueOf('a', text, parse); // a is now the most recently used
    repeats.valueOf('c', text, parse); // b goes
    expect(repeats.size).toBe(2);
    expect(calls).toHaveLength(3);
    repeats.valueOf('a', text, parse);
    expect(calls).toHaveLength(3);
    repeats.valueOf('b', text, parse);
    expect(calls).toHaveLength(4);

    const tiny = new RepeatAnswers(10);
    tiny.valueOf('a', text, parse);
    expect(tiny.size).toBe(0);
  });

  it('freezes shared parts once and leaves frozen values as they are', () => {
    const shared = { id: 'loc' };
    const value = deepFreeze({ a: shared, b: [shared] });
    expect(Object.isFrozen(value.b)).toBe(true);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(deepFreeze(7)).toBe(7);
    expect(deepFreeze(null)).toBeNull();
  });
});
