/** ClickHouse DateTime64 text in UTC ('2026-11-23 07:26:35.203'), accepted by every input format setting. */
export function toClickHouseTime(value: string | number | Date): string {
  return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
}

export function fromClickHouseTime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}
