import { LivePractices } from '../config/live.js';
import type { ProviderConfig } from '../config/schema.js';
import { generateSlots } from '../slots/generate.js';
import { londonDate, londonInstant } from '../time/london.js';
import { ProviderStore } from './store.js';

/**
 * Opens the store (a file path or `:memory:`), loads the seed's patients and lays out slots rolling from today
 * (UK date) for `horizonDays`, under each practice's current rules (rules its staff stored override the seed's:
 * docs/decisions/0060). Safe to repeat on a file database: slots are keyed by schedule and start, so a restart
 * neither duplicates them nor forgets which are booked.
 */
export function openProviderStore(
  config: ProviderConfig,
  path: string,
  now: Date = new Date(),
): ProviderStore {
  const store = ProviderStore.open(path);
  try {
    store.syncPatients(config);
    const live = new LivePractices(config, store);
    const today = londonDate(now);
    const generated = config.practices.flatMap((seed) =>
      generateSlots(live.practice(seed.odsCode) ?? seed, today, config.horizonDays),
    );
    store.replaceFutureSlots(generated, londonInstant(today));
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}
