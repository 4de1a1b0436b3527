import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseProviderConfig, type ProviderConfig } from './schema.js';

const BUNDLED_SEEDS = ['demo', 'assurance'] as const;

/** Where a seed lives: a bundled name (`demo`, `assurance`) or a path to a JSON file of one's own. */
export function seedPath(seed: string): string {
  return (BUNDLED_SEEDS as readonly string[]).includes(seed)
    ? fileURLToPath(new URL(`../../../seeds/${seed}.json`, import.meta.url))
    : seed;
}

/** Reads and validates a provider configuration file; throws with the offending fields named. */
export function loadProviderConfig(seed: string): ProviderConfig {
  const path = seedPath(seed);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read provider configuration ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseProviderConfig(json, path);
}
