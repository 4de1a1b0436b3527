import { describe, expect, it } from 'vitest';
import { DemoIdpMemoryStore } from './memory-adapter.js';

function storeAt(start = 1_000_000) {
  const clock = { now: start };
  const store = new DemoIdpMemoryStore(() => clock.now);
  return { clock, store, Adapter: store.adapterClass() };
}

describe("the demo identity provider's memory adapter", () => {
  it('stores, finds, consumes and destroys a model entry, returning copies', async () => {
    const { Adapter } = storeAt();
    const codes = new Adapter('AuthorizationCode');
    await codes.upsert('c1', { accountId: 'a', grantId: 'g1' }, 60);
    const found = await codes.find('c1');
    expect(found).toEqual({ accountId: 'a', grantId: 'g1' });
    found!['accountId'] = 'changed';
    expect((await codes.find('c1'))?.['accountId']).toBe('a');

    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toBeTypeOf('number');
    await codes.destroy('c1');
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('keeps models apart, including their uid index', async () => {
    const { Adapter } = storeAt();
    await new Adapter('Session').upsert('s1', { uid: 'u1', accountId: 'a' }, 600);
    expect(await new Adapter('AccessToken').find('s1')).toBeUndefined();
    expect(await new Adapter('Interaction').findByUid('u1')).toBeUndefined();
    expect(await new Adapter('Session').findByUid('u1')).toMatchObject({ accountId: 'a' });
  });

  it('drops entries when they expire, so a long-running demo does not grow', async () => {
    const { clock, store, Adapter } = storeAt();
    const sessions = new Adapter('Session');
    await sessions.upsert('s1', { uid: 'u1' }, 600);
    await sessions.upsert('s2', { uid: 'u2' }, 60);
    clock.now += 60_000;
    expect(await sessions.find('s2')).toBeUndefined();
    expect(await sessions.findByUid('u2')).toBeUndefined();
    expect(await sessions.find('s1')).toBeDefined();
    clock.now += 540_000;
    expect(store.size()).toBe(0);
  });

  it('revokes every token of a grant, across models', async () => {
    const { store, Adapter } = storeAt();
    await new Adapter('AccessToken').upsert('t1', { grantId: 'g1' }, 300);
    await new Adapter('AuthorizationCode').upsert('c1', { grantId: 'g1' }, 60);
    await new Adapter('AccessToken').upsert('t2', { grantId: 'g2' }, 300);
    await new Adapter('Grant').upsert('g1', {}, 600);
    await new Adapter('AccessToken').revokeByGrantId('g1');
    expect(await new Adapter('AccessToken').find('t1')).toBeUndefined();
    expect(await new Adapter('AuthorizationCode').find('c1')).toBeUndefined();
    expect(await new Adapter('AccessToken').find('t2')).toBeDefined();
    expect(store.size()).toBe(2);
  });

  it('re-indexes an entry whose uid changes', async () => {
    const { Adapter } = storeAt();
    const sessions = new Adapter('Session');
    await sessions.upsert('s1', { uid: 'old' }, 600);
    await sessions.upsert('s1', { uid: 'new' }, 600);
    expect(await sessions.findByUid('old')).toBeUndefined();
    expect(await sessions.findByUid('new')).toEqual({ uid: 'new' });
  });
});
