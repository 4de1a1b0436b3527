/**
 * The demo identity provider's storage for oidc-provider models (sessions, interactions, authorisation codes,
 * access tokens, grants): in memory, each entry dropped when it expires, so a long-running demo does not grow.
 *
 * The demo IdP is one process that is never deployed, so memory is the right store; naming the adapter makes that
 * a decision rather than oidc-provider's development fallback (which warns on every start).
 */

export interface AdapterPayload {
  [field: string]: unknown;
  uid?: string;
  userCode?: string;
  grantId?: string;
  consumed?: number;
}

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds, or undefined for no expiry. */
  expiresAt: number | undefined;
}

/** Keys are `model:id`; secondary indexes (uid, user code) are per model too. */
function sameModel(key: string, value: string): string {
  return `${key.slice(0, key.indexOf(':'))}:${value}`;
}

/** One store per IdP instance: models share it, keyed by model name. */
export class DemoIdpMemoryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byUid = new Map<string, string>();
  private readonly byUserCode = new Map<string, string>();
  private readonly byGrant = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How many live entries the store holds (expired ones are swept as a side effect). */
  size(): number {
    this.sweep();
    return this.entries.size;
  }

  /** The adapter class oidc-provider's `adapter` option takes (`new Adapter(modelName)`). */
  adapterClass(): new (name: string) => DemoIdpMemoryAdapter {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below closes over this store
    const store = this;
    return class extends DemoIdpMemoryAdapter {
      constructor(name: string) {
        super(store, name);
      }
    };
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    this.sweep();
    this.unindex(key);
    const expiresAt =
      expiresInSeconds !== undefined && expiresInSeconds > 0
        ? this.now() + expiresInSeconds * 1000
        : undefined;
    this.entries.set(key, { payload: structuredClone(payload), expiresAt });
    if (payload.uid) this.byUid.set(sameModel(key, payload.uid), key);
    if (payload.userCode) this.byUserCode.set(sameModel(key, payload.userCode), key);
    if (payload.grantId) {
      const keys = this.byGrant.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.byGrant.set(payload.grantId, keys);
    }
  }

  get(key: string | undefined): AdapterPayload | undefined {
    if (key === undefined) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.expired(entry)) {
      this.delete(key);
      return undefined;
    }
    return structuredClone(entry.payload);
  }

  /** The key of the entry of `key`'s model whose uid is `uid`. */
  keyOfUid(model: string, uid: string): string | undefined {
    return this.byUid.get(`${model}:${uid}`);
  }

  keyOfUserCode(model: string, userCode: string): string | undefined {
    return this.byUserCode.get(`${model}:${userCode}`);
  }

  consume(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.payload.consumed = Math.floor(this.now() / 1000);
  }

  delete(key: string): void {
    this.unindex(key);
    this.entries.delete(key);
  }

  revokeGrant(grantId: string): void {
    for (const key of this.byGrant.get(grantId) ?? []) this.delete(key);
    this.byGrant.delete(grantId);
  }

  private expired(entry: Entry): boolean {
    return entry.expiresAt !== undefined && entry.expiresAt <= this.now();
  }

  private sweep(): void {
    for (const [key, entry] of this.entries) if (this.expired(entry)) this.delete(key);
  }

  private unindex(key: string): void {
    const payload = this.entries.get(key)?.payload;
    if (!payload) return;
    if (payload.uid && this.byUid.get(sameModel(key, payload.uid)) === key)
      this.byUid.delete(sameModel(key, payload.uid));
    if (payload.userCode && this.byUserCode.get(sameModel(key, payload.userCode)) === key)
      this.byUserCode.delete(sameModel(key, payload.userCode));
    if (payload.grantId) {
      const keys = this.byGrant.get(payload.grantId);
      keys?.delete(key);
      if (keys?.size === 0) this.byGrant.delete(payload.grantId);
    }
  }
}

/** oidc-provider's adapter interface for one model, over the shared store. */
export class DemoIdpMemoryAdapter {
  constructor(
    private readonly store: DemoIdpMemoryStore,
    private readonly model: string,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.store.set(this.key(id), payload, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.store.keyOfUid(this.model, uid));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.store.keyOfUserCode(this.model, userCode));
  }

  async consume(id: string): Promise<void> {
    this.store.consume(this.key(id));
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.store.revokeGrant(grantId);
  }
}
