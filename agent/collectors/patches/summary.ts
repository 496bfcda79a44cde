import { type Patches, type PendingUpdate, unknown } from '../../../protocol/index.js';

const SEVERITY_ORDER: Record<PendingUpdate['severity'], number> = { critical: 0, important: 1, moderate: 2, low: 3, unspecified: 4 };
const MAX_LISTED = 200;

/** Most severe first: security before other updates, then severity, then oldest release, then id. */
export function byUrgency(a: PendingUpdate, b: PendingUpdate): number {
  if (a.security !== b.security) return a.security ? -1 : 1;
  const bySeverity = SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  if (bySeverity !== 0) return bySeverity;
  const ra = a.released_at ? Date.parse(a.released_at) : Number.POSITIVE_INFINITY;
  const rb = b.released_at ? Date.parse(b.released_at) : Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.id.localeCompare(b.id);
}

export type PendingSummary = Pick<Patches, 'pending_updates' | 'pending_security_updates' | 'pending' | 'oldest_pending_security_since'>;

/**
 * Counts and the capped, ordered list from everything pending. `releaseDatesReason` says why
 * release dates are missing when the update system never gives them (apt, softwareupdate).
 */
export function summarisePending(updates: readonly PendingUpdate[], releaseDatesReason: string): PendingSummary {
  const pending = [...updates].sort(byUrgency);
  const security = pending.filter((u) => u.security);
  const released = security.map((u) => u.released_at).filter((d): d is string => d !== undefined);
  const oldest = released.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const summary: PendingSummary = {
    pending_updates: pending.length,
    pending_security_updates: security.length,
    pending: pending.slice(0, MAX_LISTED),
  };
  // No pending security update: "oldest since" has no value, which is not the same as unknown.
  if (security.length > 0) summary.oldest_pending_security_since = oldest ?? unknown(releaseDatesReason);
  return summary;
}

/** Everything about pending updates unknown, for the same reason. */
export function pendingUnknown(reason: string): PendingSummary {
  return { pending_updates: unknown(reason), pending_security_updates: unknown(reason), oldest_pending_security_since: unknown(reason) };
}

/** The last installed update, or why there is none to name (both fields unknown for the same reason). */
export function lastUpdate(last: { at: string; id: string } | undefined, reason: string): Pick<Patches, 'last_update_at' | 'last_update_id'> {
  return { last_update_at: last?.at ?? unknown(reason), last_update_id: last?.id ?? unknown(reason) };
}

/** Shortens free text from update systems to what the protocol allows. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** A Patches object that says, field by field, that this system cannot be read. */
export function allUnknown(source: string, reason: string): Patches {
  return {
    source,
    last_update_at: unknown(reason),
    last_update_id: unknown(reason),
    pending_updates: unknown(reason),
    pending_security_updates: unknown(reason),
    oldest_pending_security_since: unknown(reason),
    reboot_required: unknown(reason),
  };
}
