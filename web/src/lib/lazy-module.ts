import { useEffect, useState } from 'react';

/**
 * A module fetched the first time a component needs it, and kept for every later use (decision 0080: words only
 * some pages show are left out of the first download). The hook it returns gives the module, `undefined` while it
 * loads (or while nobody needs it), or `'failed'` when it could not be fetched, so the caller can say what it knows
 * without it.
 */
export function lazyModule<T>(load: () => Promise<T>): (needed: boolean) => T | 'failed' | undefined {
  let loaded: T | undefined;
  return function useLazyModule(needed: boolean) {
    const [state, setState] = useState<T | 'failed' | undefined>(loaded);
    const wanted = needed && state === undefined;
    useEffect(() => {
      if (!wanted) return;
      let live = true;
      load().then(
        (module) => {
          loaded = module;
          if (live) setState(module);
        },
        () => live && setState('failed'),
      );
      return () => {
        live = false;
      };
    }, [wanted]);
    return state;
  };
}
