// Draws the charts the server described; everything else on the pages works without this script.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { ChartSpec } from '../chart-spec.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

// NHS identity colours; series also differ in dash pattern, so colour is never the only cue.
const COLOURS = ['#005eb8', '#007f3b', '#8a1538', '#ed8b00', '#330072'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];
const TONES = { good: '#005eb8', warn: '#ed8b00', bad: '#8a1538' };

function datasets(spec: ChartSpec): Array<ChartDataset<'line' | 'bar', Array<number | null>>> {
  return spec.series.map((series, i) => ({
    label: series.label,
    data: series.data,
    borderColor: series.tone ? TONES[series.tone] : COLOURS[i % COLOURS.length],
    backgroundColor: series.tone ? TONES[series.tone] : COLOURS[i % COLOURS.length],
    borderDash: spec.type === 'line' ? DASHES[i % DASHES.length] : undefined,
    borderWidth: 2,
    pointRadius: spec.type === 'line' ? 3 : undefined,
    spanGaps: true,
  }));
}

function draw(canvas: HTMLCanvasElement): void {
  const source = document.getElementById(canvas.dataset.chart ?? '');
  if (!source?.textContent) return;
  const spec = JSON.parse(source.textContent) as ChartSpec;
  const suffix = spec.valueAxis.suffix ?? '';
  const valueAxis = {
    min: spec.valueAxis.min,
    max: spec.valueAxis.max,
    stacked: spec.stacked,
    title: { display: true, text: spec.valueAxis.title, color: '#212b32' },
    ticks: { color: '#212b32', callback: (value: number | string) => `${value}${suffix}` },
    grid: { color: '#d8dde0' },
  };
  const categoryAxis = { stacked: spec.stacked, ticks: { color: '#212b32', autoSkip: true }, grid: { display: false } };
  const horizontal = spec.horizontal === true;
  if (horizontal) canvas.parentElement?.style.setProperty('height', `${Math.max(160, 48 + spec.labels.length * 36)}px`);
  new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.labels, datasets: datasets(spec) },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      maintainAspectRatio: false,
      animation: false,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: { legend: { labels: { color: '#212b32' } }, tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.formattedValue}${suffix}` } } },
    },
  });
}

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) draw(canvas);
// What bench/dashboard times "charts drawn" by.
performance.mark('sf-charts-drawn');
