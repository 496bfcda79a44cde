import type { SpoolEntry } from './types.js';

/**
 * Pure: which stored reports to drop so that `incoming` fits under `maxBytes`.
 * Sample-only reports go first (oldest first), then inventory reports that a newer report
 * supersedes; the newest report for each inventory section is never dropped, because the
 * collector needs the device's latest state more than an old latency sample.
 * Returns undefined when the incoming report cannot fit at all.
 */
export function chooseEvictions(entries: readonly SpoolEntry[], incoming: SpoolEntry, maxBytes: number): string[] | undefined {
  if (incoming.bytes > maxBytes) return undefined;
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  if (total + incoming.bytes <= maxBytes) return [];
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const protectedIds = newestPerSection([...ordered, incoming]);
  const sampleOnly = ordered.filter((e) => e.inventory.length === 0);
  const supersededInventory = ordered.filter((e) => e.inventory.length > 0 && !protectedIds.has(e.id));
  const evicted: string[] = [];
  for (const candidate of [...sampleOnly, ...supersededInventory]) {
    if (total + incoming.bytes <= maxBytes) break;
    evicted.push(candidate.id);
    total -= candidate.bytes;
  }
  return total + incoming.bytes <= maxBytes ? evicted : undefined;
}

function newestPerSection(ordered: readonly SpoolEntry[]): Set<string> {
  const newest = new Map<string, string>();
  for (const entry of ordered) for (const section of entry.inventory) newest.set(section, entry.id);
  return new Set(newest.values());
}
