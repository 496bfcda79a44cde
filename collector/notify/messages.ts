import type { FindingChange } from '../queries/changes.js';
import { deviceName } from '../queries/device-labels.js';

/** One trust's part of a digest: its counts, and the first few new findings to act on. */
export interface TrustDigest {
  trust_id: string;
  name: string;
  new: number;
  resolved: number;
  out_of_scope: number;
  /** The first new findings (most critical controls first); `new` counts them all. */
  new_findings: Array<Pick<FindingChange, 'control_id' | 'device_id' | 'hostname' | 'site_id' | 'reason'>>;
  /** The trust's score and level as the day's run stored them, and the gates withholding a level. */
  standing?: TrustStanding;
}

export interface TrustStanding {
  score: number | null;
  level: number | null;
  level_name: string | null;
  withheld_by: Array<{ gate: string; title: string; level: number; devices_to_fix: number }>;
}

export interface Digest {
  since: string;
  as_of: string;
  controls: string[];
  trusts: TrustDigest[];
  /** The dashboard's cyber view, when the collector knows its public address. */
  link?: string;
  /** Set when the two runs compared used different control models or end-of-life catalogues. */
  revisions_changed?: string;
  /** Sent by `sf-collector notify test`: not the day's digest. */
  test?: boolean;
}

export const MESSAGE_FORMATS = ['generic', 'teams'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** One line per trust; also what Slack and chat tools that read `text` show. */
export function digestText(digest: Digest): string {
  if (digest.trusts.length === 0) return `${digest.test ? '[test] ' : ''}Smart Foundations: no change on ${digest.controls.join(', ')} since ${digest.since}`;
  const lines = digest.trusts.map((t) => {
    const parts = [`${t.new} new`, `${t.resolved} resolved`, ...(t.out_of_scope ? [`${t.out_of_scope} no longer in scope`] : [])];
    return `${t.name}: ${parts.join(', ')}${t.standing ? `; ${standingText(t.standing)}` : ''}`;
  });
  const head = `${digest.test ? '[test] ' : ''}Smart Foundations: findings on ${digest.controls.join(', ')} since ${digest.since}`;
  return [head, ...lines, ...(digest.revisions_changed ? [digest.revisions_changed] : []), ...(digest.link ? [digest.link] : [])].join('\n');
}

/** "score 83.3, level 2 · Developing (withheld from level 3: … 1 device to fix)". */
export function standingText(standing: TrustStanding): string {
  const level = standing.level === null ? 'no level' : `level ${standing.level} · ${standing.level_name}`;
  const withheld = standing.withheld_by.map((g) => `withheld from level ${g.level}: ${g.title}, ${g.devices_to_fix} ${g.devices_to_fix === 1 ? 'device' : 'devices'} to fix`);
  return `score ${standing.score === null ? '–' : standing.score.toFixed(1)}, ${level}${withheld.length ? ` (${withheld.join('; ')})` : ''}`;
}

/**
 * The body to POST. `generic` is the digest as JSON with a `text` summary (Slack incoming webhooks,
 * Power Automate, SIEM collectors read it as is); `teams` is the Adaptive Card message that
 * Microsoft Teams' "post to a channel when a webhook request is received" workflow expects.
 */
export function digestBody(digest: Digest, format: MessageFormat): unknown {
  if (format === 'generic') return { text: digestText(digest), ...digest };
  const body: unknown[] = [
    { type: 'TextBlock', size: 'Medium', weight: 'Bolder', text: `${digest.test ? '[test] ' : ''}Findings since ${digest.since}`, wrap: true },
    { type: 'TextBlock', text: `Controls: ${digest.controls.join(', ')}`, isSubtle: true, wrap: true },
  ];
  for (const trust of digest.trusts) {
    body.push({ type: 'TextBlock', weight: 'Bolder', text: trust.name, wrap: true, spacing: 'Medium' });
    body.push({
      type: 'FactSet',
      facts: [
        { title: 'New', value: String(trust.new) },
        { title: 'Resolved', value: String(trust.resolved) },
        ...(trust.out_of_scope ? [{ title: 'No longer in scope', value: String(trust.out_of_scope) }] : []),
        ...(trust.standing ? [{ title: 'Score', value: standingText(trust.standing) }] : []),
      ],
    });
    for (const f of trust.new_findings) {
      body.push({ type: 'TextBlock', text: `${f.control_id} · ${deviceName(f.hostname, f.device_id)} (${f.site_id}): ${f.reason}`, wrap: true, spacing: 'None' });
    }
  }
  const actions = digest.link ? [{ type: 'Action.OpenUrl', title: 'Open the cyber view', url: digest.link }] : [];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, actions },
      },
    ],
  };
}
