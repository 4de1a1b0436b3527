import { readFileSync } from 'node:fs';
import { odsCodeSchema } from '@gpbook/shared/practices';
import { z } from 'zod';
import type { ProviderEndpoint } from '../gpconnect/client.js';
import type { ProviderConfig } from '../provider/config/schema.js';

/**
 * The practices this BFF can book at: ODS code → GP Connect service root, provider ASID and name, grouped into
 * federations. In production it is a file (PRACTICE_DIRECTORY) kept from SDS lookups; for the demo it is derived
 * from the bundled provider's seed.
 */
export const directoryEntrySchema = z.object({
  odsCode: odsCodeSchema,
  name: z.string().min(1),
  serviceRoot: z.url({ protocol: /^https?$/ }).refine((value) => !value.endsWith('/'), 'no trailing slash'),
  asid: z.string().regex(/^\d{1,20}$/),
  /** Practices sharing a federation id can book into each other's appointment books. */
  federation: z.string().min(1).optional(),
  /** When set, slot searches at this practice send `service.identifier` for this DoS service. */
  dosServiceId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryFileSchema = z.object({ practices: z.array(directoryEntrySchema).min(1) });

export class PracticeDirectory {
  private readonly byOds: Map<string, DirectoryEntry>;
  /** Each federation's practices, in directory order (asked on every patient request: not a scan of them all). */
  private readonly byFederation = new Map<string, DirectoryEntry[]>();

  constructor(readonly entries: readonly DirectoryEntry[]) {
    this.byOds = new Map(entries.map((entry) => [entry.odsCode, entry]));
    for (const entry of entries) {
      if (entry.federation === undefined) continue;
      const members = this.byFederation.get(entry.federation) ?? [];
      members.push(entry);
      this.byFederation.set(entry.federation, members);
    }
  }

  get(odsCode: string): DirectoryEntry | undefined {
    return this.byOds.get(odsCode);
  }

  /** The other practices in the federation of `odsCode` (empty when it belongs to none). */
  federationOf(odsCode: string): DirectoryEntry[] {
    const federation = this.byOds.get(odsCode)?.federation;
    if (!federation) return [];
    return (this.byFederation.get(federation) ?? []).filter((entry) => entry.odsCode !== odsCode);
  }

  endpoint(entry: DirectoryEntry): ProviderEndpoint {
    return { odsCode: entry.odsCode, serviceRoot: entry.serviceRoot, asid: entry.asid };
  }
}

export function loadDirectoryFile(path: string): PracticeDirectory {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read PRACTICE_DIRECTORY ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid PRACTICE_DIRECTORY ${path}:\n${lines.join('\n')}`);
  }
  return new PracticeDirectory(parsed.data.practices);
}

/** The demo directory: every practice of the bundled provider, as one federation, at `providerBaseUrl`. */
export function directoryFromProviderConfig(
  config: ProviderConfig,
  providerBaseUrl: string,
): PracticeDirectory {
  return new PracticeDirectory(
    config.practices.map((practice) => ({
      odsCode: practice.odsCode,
      name: practice.name,
      serviceRoot: `${providerBaseUrl}/${practice.odsCode}/STU3/1/gpconnect`,
      asid: practice.asid,
      federation: 'demo',
    })),
  );
}
