import { type Security, unknown } from '../../../protocol/index.js';
import type { CommandOutput } from './probe.js';

export type Firewall = Security['firewall'];

/** One Linux firewall front end's answer: active or not, or why it could not tell. */
export type FirewallState = boolean | { unknown: string };

/** Pure: `ufw status` → active? ufw prints "Status: active" / "Status: inactive" (never localised: no gettext in ufw's status line). */
export function parseUfwStatus(text: string): FirewallState {
  const match = text.match(/^\s*Status:\s*(active|inactive)\b/im);
  if (!match) return unknown('ufw status printed no "Status:" line');
  return (match[1] as string).toLowerCase() === 'active';
}

/** Pure: `firewall-cmd --state` → running? It prints "running" (exit 0) or "not running" (exit 252). */
export function parseFirewalldState(text: string): FirewallState {
  const word = text.trim().toLowerCase();
  if (word === 'running') return true;
  if (word === 'not running') return false;
  return unknown(`firewall-cmd --state printed an unexpected answer${word ? `: ${word.slice(0, 60)}` : ' (nothing)'}`);
}

/**
 * Pure: `nft list ruleset` → does any chain hooked on `input` filter traffic? It counts when
 * its policy drops or it holds rules. Forward/NAT-only rulesets (Docker, libvirt) protect the
 * containers, not the host, so they do not count; an empty ruleset means no nftables firewall.
 */
export function parseNftRuleset(text: string): FirewallState {
  let inInputChain = false;
  let filtering = false;
  let sawTable = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^table\s/.test(line)) sawTable = true;
    if (/^chain\s/.test(line)) {
      inInputChain = false;
      continue;
    }
    if (/\bhook\s+input\b/.test(line)) {
      inInputChain = true;
      if (/\bpolicy\s+(drop|reject)\b/.test(line)) filtering = true;
      continue;
    }
    if (inInputChain && line && line !== '}' && !line.startsWith('#')) filtering = true;
    if (line === '}') inInputChain = false;
  }
  if (!sawTable && text.trim().length > 0) return unknown('nft list ruleset printed something that is not a ruleset');
  return filtering;
}

/** Pure: `iptables -S` → does the INPUT chain filter (policy DROP/REJECT or any rule)? */
export function parseIptablesRules(text: string): FirewallState {
  const rules = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('-'));
  if (rules.length === 0) return unknown('iptables -S printed no policies');
  const inputPolicy = rules.find((l) => /^-P\s+INPUT\s/.test(l));
  if (inputPolicy === undefined) return unknown('iptables -S printed no INPUT policy');
  return /\s(DROP|REJECT)\s*$/.test(inputPolicy) || rules.some((l) => /^-A\s+INPUT\s/.test(l));
}

/** Each front end's command output (absent when not probed). */
export interface LinuxFirewallOutputs {
  ufw?: CommandOutput;
  firewalld?: CommandOutput;
  nftables?: CommandOutput;
  iptables?: CommandOutput;
}

const PARSERS: Record<keyof LinuxFirewallOutputs, (text: string) => FirewallState> = {
  ufw: parseUfwStatus,
  firewalld: parseFirewalldState,
  nftables: parseNftRuleset,
  iptables: parseIptablesRules,
};

/**
 * Pure: combines the front ends. Any one active means the host filters inbound traffic.
 * "Off" needs every installed front end to have answered: an unreadable nft ruleset
 * (not root) might hold rules, so then the answer is unknown, not false.
 */
export function combineLinuxFirewalls(outputs: LinuxFirewallOutputs): Firewall {
  const profiles: Record<string, boolean> = {};
  const problems: string[] = [];
  for (const [name, output] of Object.entries(outputs) as Array<[keyof LinuxFirewallOutputs, CommandOutput | undefined]>) {
    if (!output || (!output.ok && output.missing)) continue;
    const state = output.ok ? PARSERS[name](output.stdout) : unknown(output.reason);
    if (typeof state === 'boolean') profiles[name] = state;
    else problems.push(`${name}: ${state.unknown}`);
  }
  if (Object.values(profiles).some(Boolean)) return { enabled: true, profiles };
  if (problems.length > 0) return unknown(`could not read every host firewall (${problems.join('; ')})`.slice(0, 500));
  if (Object.keys(profiles).length === 0) return unknown('no host firewall tool found (ufw, firewalld, nft, iptables)');
  return { enabled: false, profiles };
}
