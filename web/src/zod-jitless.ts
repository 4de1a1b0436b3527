/**
 * What `zod` means in the web build (see the alias in vite.config.ts): zod itself, with its JIT switched off
 * before any schema exists. zod compiles faster object parsers with `new Function` and probes for it as each
 * schema is built; our Content-Security-Policy has no 'unsafe-eval', so the probe would be refused and reported
 * on every page. Parsing without the JIT is fast enough for what the app handles. The BFF keeps the JIT.
 *
 * The switch is made as `z` is first read (every schema in the contract is built from `z`), in a call marked pure,
 * so a chunk that builds no schema (the first page's: decision 0080) carries neither the switch nor zod.
 */
import { config } from 'zod/v4/core';
import { z as zod } from 'zod/v4';

export * from 'zod/v4';
export { default } from 'zod/v4';

export const z = /* @__PURE__ */ (() => {
  config({ jitless: true });
  return zod;
})();
