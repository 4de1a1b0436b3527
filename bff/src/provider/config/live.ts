import type { ProviderStore } from '../store/store.js';
import { checkRules, withRules } from './rules.js';
import type { PracticeConfig, ProviderConfig } from './schema.js';

/**
 * Every practice as its rules are now (issue 14, docs/decisions/0060): the seed's, or the seed with the rules its
 * staff stored in place of the seed's. Each lookup asks the store for the practice's rules version (one indexed
 * read), so a change made by this process or any other on the same database file is seen by the very next
 * request; while the version stays, the same object is returned (the slot search's answer cache compares it by
 * identity).
 */
export class LivePractices {
  private readonly seeds: ReadonlyMap<string, PracticeConfig>;
  private readonly known = new Map<string, { version: number; practice: PracticeConfig }>();

  constructor(
    readonly config: ProviderConfig,
    private readonly store: ProviderStore,
  ) {
    this.seeds = new Map(config.practices.map((practice) => [practice.odsCode, practice]));
  }

  /** The practice as the seed file describes it. */
  seed(odsCode: string): PracticeConfig | undefined {
    return this.seeds.get(odsCode);
  }

  /** The practice with its current rules; undefined for a practice this provider does not host. */
  practice(odsCode: string): PracticeConfig | undefined {
    const seed = this.seeds.get(odsCode);
    if (!seed) return undefined;
    const version = this.store.rulesVersion(odsCode);
    const known = this.known.get(odsCode);
    if (known && known.version === version) return known.practice;
    const practice = version === 0 ? seed : this.withStoredRules(seed);
    this.known.set(odsCode, { version, practice });
    return practice;
  }

  /** The version of the practice's rules (0: the seed's). */
  version(odsCode: string): number {
    return this.store.rulesVersion(odsCode);
  }

  private withStoredRules(seed: PracticeConfig): PracticeConfig {
    const stored = this.store.storedRules(seed.odsCode);
    if (!stored) return seed;
    let json: unknown;
    try {
      json = JSON.parse(stored.rules);
    } catch {
      json = undefined;
    }
    const checked = checkRules(seed, json);
    if (!checked.ok) {
      // The seed changed under rules stored for it (a schedule removed, a session added): refused, as a seed
      // file that does not fit is, rather than guessed at.
      const problems = checked.issues
        .slice(0, 5)
        .map((issue) => `  ${issue.path}: ${issue.message}`)
        .join('\n');
      throw new Error(
        `The rules stored for practice ${seed.odsCode} no longer fit its seed configuration:\n${problems}\n` +
          'Change the seed back, or delete that practice from the practice_rules table of the provider database.',
      );
    }
    return withRules(seed, checked.rules);
  }
}
