import { describe, expect, it } from 'vitest';
import { mergePatches } from './merge-patches';

describe('mergePatches', () => {
  it('nests a patch under a route another adds, leaves out a route given twice, and joins patches under one parent', () => {
    const guard = { parent: 'root', routes: [{ id: 'signed-in', children: [] }] };
    const later = { parent: 'signed-in', routes: [{ id: 'appointment', path: 'appointments/:id' }] };
    const merged = mergePatches([
      { parent: null, routes: [{ id: 'practice', path: 'practice/*' }] },
      { parent: 'root', routes: [{ id: 'privacy', path: 'privacy' }] },
      guard,
      later,
      guard,
      { parent: 'signed-in', routes: [{ id: 'book', path: 'book' }] },
      { parent: 'appointment', routes: [{ id: 'change', path: 'change' }] },
      // Under a route already in the router (not among these): a patch of its own.
      { parent: 'appointment-elsewhere', routes: [{ id: 'x', path: 'x' }] },
    ]);
    expect(merged).toEqual([
      { parent: null, routes: [{ id: 'practice', path: 'practice/*' }] },
      {
        parent: 'root',
        routes: [
          { id: 'privacy', path: 'privacy' },
          {
            id: 'signed-in',
            children: [
              { id: 'appointment', path: 'appointments/:id', children: [{ id: 'change', path: 'change' }] },
              { id: 'book', path: 'book' },
            ],
          },
        ],
      },
      { parent: 'appointment-elsewhere', routes: [{ id: 'x', path: 'x' }] },
    ]);
    // The tables themselves are left as they were (they are given again to other routers).
    expect(guard.routes[0]?.children).toEqual([]);
    expect(later.routes[0]).toEqual({ id: 'appointment', path: 'appointments/:id' });
  });
});
