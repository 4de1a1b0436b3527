import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PracticeConfig, ProviderConfig } from '../config/schema.js';
import type { PreparedBody } from '../context.js';
import { toFhirXml } from '../fhir-xml/index.js';
import type { FhirFormat } from '../pipeline/content-negotiation.js';
import type { ProviderStore } from '../store/store.js';

const gzipAsync = promisify(gzip);

/** A few MB: two or three 14-day answers of a ten-clinician practice (2 MB of JSON each), or hundreds of small ones. */
export const DEFAULT_ANSWER_CACHE_BYTES = 8 * 1024 * 1024;

type Variant = 'xml' | 'json+gzip' | 'xml+gzip';

/**
 * One answer's body, made once: the JSON bytes, and the XML and gzipped forms made the first time a request asks
 * for them (the gzip off the event loop; requests arriving meanwhile wait for the same one). The XML is written
 * from the JSON, as the provider's XML answers always are (`plainResource`).
 */
export class PreparedAnswer implements PreparedBody {
  private readonly made = new Map<Variant, Buffer | Promise<Buffer>>();
  private contentTag: string | undefined;

  constructor(
    readonly json: Buffer,
    /** Told the size of each form made after the JSON (for the cache's memory bound). */
    private readonly grew: (bytes: number) => void = () => {},
  ) {}

  bytes(format: FhirFormat, gzipped: boolean): Buffer | Promise<Buffer> {
    if (format === 'json' && !gzipped) return this.json;
    const variant: Variant = gzipped ? `${format}+gzip` : 'xml';
    const made = this.made.get(variant);
    if (made) return made;
    if (variant === 'xml') {
      return this.keep(variant, Buffer.from(toFhirXml(JSON.parse(this.json.toString('utf8'))), 'utf8'));
    }
    const plain = this.bytes(format, false);
    const pending = (async () => {
      try {
        return this.keep(variant, await gzipAsync(await plain));
      } catch (error) {
        this.made.delete(variant);
        throw error;
      }
    })();
    this.made.set(variant, pending);
    return pending;
  }

  /**
   * A weak validator: a digest of the JSON (the XML is written from it, so it names both, told apart by a suffix),
   * worked out on first use and kept. Weak because the gzip and the plain bytes carry the same tag.
   */
  etag(format: FhirFormat): string {
    this.contentTag ??= createHash('sha256').update(this.json).digest('base64url').slice(0, 27);
    return `W/"${this.contentTag}-${format}"`;
  }

  private keep(variant: Variant, bytes: Buffer): Buffer {
    this.made.set(variant, bytes);
    this.grew(bytes.length);
    return bytes;
  }
}

/** What an answer was made from, besides its key: served again only when all of these still hold. */
export interface AnswerInputs {
  /**
   * The configuration objects and the store it was made with, compared by identity: a practice's object is
   * replaced when its staff change its rules (config/live.ts), as well as the store version moving.
   */
  practice: PracticeConfig;
  config: ProviderConfig;
  store: ProviderStore;
  /** The store version it was read at (`ProviderStore.version`). */
  version: number;
}

interface Entry extends AnswerInputs {
  /** Valid from the instant it was made... */
  fromMs: number;
  /** ...until (not including) the first instant at which a time rule it applied changes its outcome. */
  untilMs: number;
  answer: PreparedAnswer;
  /** Bytes this entry counts for in the cache's total. */
  counted: number;
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
}

/**
 * Whole answers of the slot search (docs/decisions/0050), least recently used first out, holding at most
 * `maxBytes` of bodies (JSON and whatever XML and gzip forms have been made). An entry is served only for the same
 * key (the search, canonical), the same configuration and store, the same store version, and a clock in
 * [`fromMs`, `untilMs`): any write, a clock that moved back, or the next change of a time rule is a miss.
 */
export class SlotAnswerCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number = DEFAULT_ANSWER_CACHE_BYTES) {}

  get(key: string, inputs: AnswerInputs, nowMs: number): PreparedAnswer | undefined {
    const entry = this.entries.get(key);
    if (
      entry === undefined ||
      entry.version !== inputs.version ||
      entry.store !== inputs.store ||
      entry.practice !== inputs.practice ||
      entry.config !== inputs.config ||
      nowMs < entry.fromMs ||
      nowMs >= entry.untilMs
    ) {
      this.misses++;
      return undefined;
    }
    // Most recently used goes last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.answer;
  }

  /**
   * Keeps `json` as the answer for `key` made from `inputs`, valid over [`fromMs`, `untilMs`), and returns it
   * prepared for serving (an answer larger than the whole cache is served but not kept).
   */
  set(
    key: string,
    inputs: AnswerInputs,
    validity: { fromMs: number; untilMs: number },
    json: Buffer,
  ): PreparedAnswer {
    this.remove(key);
    const answer: PreparedAnswer = new PreparedAnswer(json, (bytes) => {
      // Counted only while this answer is still the one kept under its key.
      const kept = this.entries.get(key);
      if (kept?.answer !== answer) return;
      kept.counted += bytes;
      this.total += bytes;
      this.evictBeyondBound();
    });
    const counted = json.length + key.length * 2;
    if (counted > this.maxBytes) return answer;
    const entry: Entry = { ...inputs, ...validity, answer, counted };
    this.entries.set(key, entry);
    this.total += counted;
    this.evictBeyondBound();
    return answer;
  }

  stats(): AnswerCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.entries.size,
      bytes: this.total,
    };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.counted;
  }

  private evictBeyondBound(): void {
    for (const key of this.entries.keys()) {
      if (this.total <= this.maxBytes) return;
      this.remove(key);
      this.evictions++;
    }
  }
}
