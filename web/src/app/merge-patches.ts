import type { RouteObject } from 'react-router';
import type { RoutePatch } from './routes';

/**
 * What the router is told to add, as few patches as can carry it: a patch under a route another of these patches
 * adds goes into that route's children (copied, as the tables are shared), a route whose id is already among them
 * is left out (the sign-in guard is in both tables), and patches under the same parent become one. Each patch makes
 * the router flatten and rank its whole table again: seven of them, on a first visit to a booking page, made that
 * one long task (Total Blocking Time, decision 0082).
 */
export function mergePatches(patches: readonly RoutePatch[]): RoutePatch[] {
  const added = new Map<string, RouteObject>();
  const copy = (route: RouteObject): RouteObject => {
    const copied: RouteObject =
      route.index || !route.children ? { ...route } : { ...route, children: route.children.map(copy) };
    if (copied.id !== undefined) added.set(copied.id, copied);
    return copied;
  };
  const merged = new Map<string | null, RouteObject[]>();
  for (const { parent, routes: children } of patches) {
    const fresh = children.filter((route) => route.id === undefined || !added.has(route.id)).map(copy);
    const into = parent === null ? undefined : added.get(parent);
    if (into && !into.index) into.children = [...(into.children ?? []), ...fresh];
    else merged.set(parent, [...(merged.get(parent) ?? []), ...fresh]);
  }
  return [...merged].map(([parent, children]) => ({ parent, routes: children }));
}

/**
 * Gives the router (`patch`) the tables it has not been given yet (`given`, kept per router), merged.
 */
export function giveRoutes(
  tables: readonly RoutePatch[],
  given: WeakSet<RoutePatch>,
  patch: (parent: string | null, routes: RouteObject[]) => void,
): void {
  const fresh = tables.filter((table) => !given.has(table));
  for (const { parent, routes } of mergePatches(fresh)) patch(parent, routes);
  for (const table of fresh) given.add(table);
}
