import { describe, expect, it } from 'vitest';
import { deepFreeze, RepeatAnswers } from './repeat-answers.js';

type Answer = { slots: Array<{ id: string }> };

describe('repeat answers', () => {
  /** A parse that counts its calls; the bytes are the answer's JSON (as if sent without compression). */
  const reader = () => {
    const parsed: string[] = [];
    const read = (repeats: RepeatAnswers, key: string, text: string, etag?: string, encoding = '') =>
      repeats.valueOf<Answer>(key, { bytes: Buffer.from(text), encoding, etag }, async () => {
        parsed.push(text);
        return { value: JSON.parse(text) as Answer, decodedBytes: text.length };
      });
    return { parsed, read };
  };

  it('gives the value parsed before, frozen and the very same object, for a byte-identical answer', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    const first = await read(repeats, 'GET /Slot?a', '{"slots":[{"id":"1"}]}');
    const again = await read(repeats, 'GET /Slot?a', '{"slots":[{"id":"1"}]}');
    expect(again).toBe(first);
    expect(parsed).toHaveLength(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.slots[0])).toBe(true);
    expect(() => {
      first.slots.push({ id: '2' });
    }).toThrow(TypeError);
  });

  it('parses an answer that differs by one byte: a booking or a cancellation is seen at once', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    const before = await read(repeats, 'GET /Slot?a', '{"slots":[{"id":"1"},{"id":"2"}]}');
    const after = await read(repeats, 'GET /Slot?a', '{"slots":[{"id":"1"}]}');
    expect(after).not.toBe(before);
    expect(after.slots.map((slot) => slot.id)).toEqual(['1']);
    // The older answer is not remembered: going back is a new parse, not the first object.
    const back = await read(repeats, 'GET /Slot?a', '{"slots":[{"id":"1"},{"id":"2"}]}');
    expect(back).not.toBe(before);
    expect(parsed).toHaveLength(3);
  });

  it('keeps each request apart: the same bytes to another request are parsed for it', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    await read(repeats, 'GET /Slot?a', '{"slots":[]}');
    await read(repeats, 'GET /Slot?b', '{"slots":[]}');
    expect(parsed).toHaveLength(2);
    expect(repeats.size).toBe(2);
  });

  it('keeps nothing from an answer that does not parse', async () => {
    const repeats = new RepeatAnswers();
    const { read } = reader();
    await read(repeats, 'GET /Slot?a', '{"slots":[]}');
    await expect(read(repeats, 'GET /Slot?a', 'not json')).rejects.toThrow(SyntaxError);
    expect(repeats.size).toBe(0);
  });

  it('keeps the newer of two answers to one request parsed at the same time, and counts it once', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    await Promise.all([read(repeats, 'k', '{"slots":[]}'), read(repeats, 'k', '{"slots":[{"id":"9"}]}')]);
    expect(repeats.size).toBe(1);
    await read(repeats, 'k', '{"slots":[{"id":"9"}]}');
    expect(parsed).toHaveLength(2);
  });

  it('forgets the least recently used request beyond its budget, and never keeps an answer larger than it', async () => {
    const text = JSON.stringify({ slots: [{ id: 'x'.repeat(90) }] });
    // Room for two answers of this size: the bytes, and three times the decoded text for what was parsed.
    const repeats = new RepeatAnswers(text.length * 4 * 2);
    const { parsed, read } = reader();
    await read(repeats, 'a', text);
    await read(repeats, 'b', text);
    await read(repeats, 'a', text); // a is now the most recently used
    await read(repeats, 'c', text); // b goes
    expect(repeats.size).toBe(2);
    expect(parsed).toHaveLength(3);
    await read(repeats, 'a', text);
    expect(parsed).toHaveLength(3);
    await read(repeats, 'b', text);
    expect(parsed).toHaveLength(4);

    const tiny = new RepeatAnswers(10);
    await read(tiny, 'a', text);
    expect(tiny.size).toBe(0);
  });

  it('names the answer held by its validator, and gives it back only for that validator', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    expect(repeats.validatorOf('a')).toBeUndefined();
    const first = await read(repeats, 'a', '{"slots":[{"id":"1"}]}', 'W/"one"');
    expect(repeats.validatorOf('a')).toBe('W/"one"');
    expect(repeats.revalidated('a', 'W/"one"')).toBe(first);
    expect(repeats.revalidated('a', 'W/"two"')).toBeUndefined();
    expect(repeats.revalidated('b', 'W/"one"')).toBeUndefined();
    // A new answer replaces the validator; the old one no longer gives anything.
    const second = await read(repeats, 'a', '{"slots":[]}', 'W/"two"');
    expect(repeats.revalidated('a', 'W/"one"')).toBeUndefined();
    expect(repeats.revalidated('a', 'W/"two"')).toBe(second);
    // The same bytes without a validator keep the one held; an answer without one held has none to send.
    expect(await read(repeats, 'a', '{"slots":[]}')).toBe(second);
    expect(repeats.validatorOf('a')).toBe('W/"two"');
    await read(repeats, 'c', '{"slots":[]}');
    expect(repeats.validatorOf('c')).toBeUndefined();
    expect(parsed).toHaveLength(3);
  });

  it('does not take the same bytes in another coding for the same answer', async () => {
    const repeats = new RepeatAnswers();
    const { parsed, read } = reader();
    const plain = await read(repeats, 'a', '{"slots":[]}');
    const coded = await read(repeats, 'a', '{"slots":[]}', undefined, 'gzip');
    expect(coded).not.toBe(plain);
    expect(parsed).toHaveLength(2);
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
