/**
 * What `zod` means in the web build (see the alias in vite.config.ts): zod itself, with its JIT switched off
 * before any schema exists. zod compiles faster object parsers with `new Function` and probes for it as each
 * schema is built; our Content-Security-Policy has no 'unsafe-eval', so the probe would be refused and reported
 * on every page. Parsing without the JIT is fast enough for what the app handles. The BFF keeps the JIT.
 *
 * The switch is made on zod's global configuration object, which zod creates on `globalThis` or takes from there
 * (whichever of this module and zod's core runs first), rather than with `config()`: calling zod from here would
 * put zod into every chunk that imports the contract, the first page's too, though it builds no schema there
 * (decision 0080).
 */
import type { $ZodConfig } from 'zod/v4/core';

export * from 'zod/v4';
export { default } from 'zod/v4';

const holder = globalThis as { __zod_globalConfig?: $ZodConfig };
(holder.__zod_globalConfig ??= {}).jitless = true;
