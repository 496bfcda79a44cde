import type { WritableTable } from './report-rows.js';

/**
 * The store refuses this report's rows — the engine did, with the report written apart from its batch,
 * or the writer did before writing, for rows over more partitions than one insert may touch: a 400,
 * never retried. `field` is the report's part whose rows were refused; the message says why.
 */
export class ReportRefusedError extends Error {
  readonly field: string;
  constructor(
    readonly table: WritableTable,
    cause: Error,
  ) {
    super(`the store refused the report's ${table} rows: ${cause.message.split('\n')[0]!.replace(/^Error: /, '')}`, { cause });
    this.field = REPORT_FIELD_OF_TABLE[table];
  }
}

/**
 * Engine errors about the rows themselves (ClickHouse error names, or chDB's messages, which carry
 * none): a value it cannot parse or convert, out of range, more partitions than one insert may touch.
 * "Too many parts" (merges behind) is load, not data, and is deliberately not here.
 */
const DATA_REFUSAL = /CANNOT_PARSE|Cannot parse|CANNOT_CONVERT|Cannot convert|TYPE_MISMATCH|ARGUMENT_OUT_OF_BOUND|VALUE_IS_OUT_OF_RANGE|out of range|INCORRECT_DATA|Too many partitions for single INSERT block/;

export function refusedForItsData(error: Error): boolean {
  const type = (error as { type?: unknown }).type;
  return DATA_REFUSAL.test(error.message) || (typeof type === 'string' && DATA_REFUSAL.test(type));
}

/** Which part of a report each table's rows come from, to name it in a refusal. */
const REPORT_FIELD_OF_TABLE: Record<WritableTable, string> = {
  inventory_sections: 'inventory',
  inventory_history: 'inventory',
  latency_samples: 'samples',
  wifi_samples: 'samples',
  network_polls: 'network_devices',
  network_devices: 'network_devices',
  network_device_history: 'network_devices',
  interface_samples: 'network_devices',
  radio_samples: 'network_devices',
  devices: 'network_devices',
  reports: '',
};
