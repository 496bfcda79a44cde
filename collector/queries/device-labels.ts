import type { Store } from '../store/store.js';

/** What a person recognises a device by, beside its id. */
export interface DeviceLabel {
  hostname: string;
  model: string;
  os: string;
  /** Last report (endpoints) or last poll (network gear) up to the end of the as-of date. */
  last_seen: string;
}

/**
 * A device as people can read it: its hostname, or, where the agent sent only the hostname's
 * sha256 (the default), the first 12 hex digits of it; the device id when there is neither.
 */
export function deviceName(hostname: string, deviceId: string): string {
  if (/^[0-9a-f]{64}$/.test(hostname)) return `host #${hostname.slice(0, 12)}`;
  return hostname || deviceId;
}

const NONE: DeviceLabel = { hostname: '', model: '', os: '', last_seen: '' };

/**
 * Labels for a page of devices: endpoints from their latest inventory, network gear from its last
 * poll up to the as-of date. Hostnames are as the agent sent them (hashed unless a trust configured otherwise).
 */
export async function deviceLabels(store: Store, asOf: string, deviceIds: string[]): Promise<Map<string, DeviceLabel>> {
  if (deviceIds.length === 0) return new Map();
  const rows = await store.query<DeviceLabel & { device_id: string }>(
    `SELECT ids.id AS device_id,
            if(net.device_id != '', net.sys_name, JSONExtractString(inv.hostname)) AS hostname,
            if(net.device_id != '', trim(concat(net.vendor, ' ', net.model)),
               if(JSONType(inv.hw, 'model') = 'String', JSONExtractString(inv.hw, 'model'), '')) AS model,
            if(net.device_id != '', trim(concat(net.os, ' ', net.firmware)),
               if(inv.os = '', '', trim(concat(JSONExtractString(inv.os, 'name'), ' ',
                 -- a version the agent could not tell is {"unknown": …}: shown as nothing, not as JSON
                 if(JSONType(inv.os, 'version') = 'String', JSONExtractString(inv.os, 'version'), ''))))) AS os,
            if(net.device_id != '', toString(net.polled_at), if(seen.device_id = '', '', toString(seen.last_seen))) AS last_seen
     FROM (SELECT arrayJoin({ids:Array(String)}) AS id) AS ids
     LEFT JOIN (
       SELECT device_id, anyIf(body, section = 'hostname') AS hostname, anyIf(body, section = 'hardware') AS hw, anyIf(body, section = 'os') AS os
       FROM {db}.inventory_sections FINAL WHERE device_id IN {ids:Array(String)} GROUP BY device_id
     ) AS inv ON inv.device_id = ids.id
     LEFT JOIN (
       SELECT device_id, max(collected_at) AS last_seen FROM {db}.reports
       WHERE device_id IN {ids:Array(String)} AND collected_at < toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC') GROUP BY device_id
     ) AS seen ON seen.device_id = ids.id
     LEFT JOIN (
       SELECT device_id, sys_name, vendor, model, os, firmware, polled_at FROM {db}.network_device_history
       WHERE device_id IN {ids:Array(String)} AND polled_at < toDateTime64(addDays({as_of:Date}, 1), 3, 'UTC')
       ORDER BY polled_at DESC LIMIT 1 BY device_id
     ) AS net ON net.device_id = ids.id
     SETTINGS join_use_nulls = 0`,
    { as_of: asOf, ids: deviceIds },
  );
  return new Map(rows.map(({ device_id, ...label }) => [device_id, label]));
}

export function labelOf(labels: Map<string, DeviceLabel>, deviceId: string): DeviceLabel {
  return labels.get(deviceId) ?? NONE;
}
