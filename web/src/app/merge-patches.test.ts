import { describe, expect, it } from 'vitest';
import type { RouteObject } from 'react-router';
import { giveRoutes, mergePatches } from './merge-patches';
import type { RoutePatch } from './routes';

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

describe('giveRoutes', () => {
  it('gives a router each table once: a later call patches only the new tables, under the routes already there', () => {
    const guard = { parent: 'root', routes: [{ id: 'signed-in', children: [] }] };
    const later = [guard, { parent: 'signed-in', routes: [{ id: 'appointment', path: 'appointments/:id' }] }];
    const booking = [
      guard,
      { parent: 'signed-in', routes: [{ id: 'book', path: 'book' }] },
      { parent: 'appointment', routes: [{ id: 'change', path: 'change' }] },
    ];
    const given = new WeakSet<RoutePatch>();
    const patched: Array<[string | null, RouteObject[]]> = [];
    const patch = (parent: string | null, routes: RouteObject[]) => void patched.push([parent, routes]);

    giveRoutes(later, given, patch);
    expect(patched).toEqual([
      ['root', [{ id: 'signed-in', children: [{ id: 'appointment', path: 'appointments/:id' }] }]],
    ]);

    patched.length = 0;
    giveRoutes([...later, ...booking], given, patch);
    expect(patched).toEqual([
      ['signed-in', [{ id: 'book', path: 'book' }]],
      ['appointment', [{ id: 'change', path: 'change' }]],
    ]);

    patched.length = 0;
    giveRoutes([...later, ...booking], given, patch);
    expect(patched).toEqual([]);
  });
});
