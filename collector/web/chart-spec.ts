/**
 * What a page asks the browser to draw: shared by the server (which embeds it as JSON beside a
 * data table) and the client bundle (which draws it with Chart.js).
 */
export interface ChartSpec {
  type: 'line' | 'bar';
  labels: string[];
  /** A tone colours a series by meaning (reporting / stale / never); otherwise by position. */
  series: Array<{ label: string; data: Array<number | null>; tone?: 'good' | 'warn' | 'bad' }>;
  /** Horizontal bars read better with long category names (sites). */
  horizontal?: boolean;
  stacked?: boolean;
  valueAxis: { title: string; min?: number; max?: number; suffix?: string };
}
