import type { CommandOptions } from '../../host/runner.js';
import type { CollectContext } from '../types.js';
import type { WifiReading } from './radio-facts.js';

/** What one OS reader found. */
export interface WifiRead {
  readings: WifiReading[];
  /** Something went wrong that the report should show; the readings are still used. */
  problem?: string;
}

/** Each OS command gets at most `capMs`, never past the collector's deadline, and dies with its signal. */
export function commandOptions(ctx: CollectContext, capMs: number): CommandOptions {
  return { timeoutMs: Math.max(1000, Math.min(capMs, ctx.deadline - Date.now())), signal: ctx.signal, maxOutputBytes: 1024 * 1024 };
}
