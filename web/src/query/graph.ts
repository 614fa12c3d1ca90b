// The graph view of a range query, drawn by uPlot on a canvas: one line per series, optionally
// stacked, with a legend that names each series and shows the values under the cursor.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../dom';
import { formatTime, seriesName } from '../format';
import { onThemeChange, themeColor } from '../theme';
import type { MatrixSeries } from './results';

const palette = ['#3b82f6', '#ef4444', '#10b981', '#f59e0b', '#8b5cf6', '#ec4899', '#14b8a6', '#f97316', '#6366f1', '#84cc16', '#06b6d4', '#a855f7'];

export interface GraphInput {
  series: MatrixSeries[];
  start: number;
  end: number;
  step: number;
  stacked: boolean;
}

/** A drawn chart; call destroy when the panel re-renders or goes away. */
export interface Graph {
  element: HTMLElement;
  destroy(): void;
}

export function renderGraph(input: GraphInput): Graph {
  const element = h('div', { class: 'graph' });
  const { timestamps, raw } = align(input);
  const plotted = input.stacked ? stack(raw) : raw;
  let plot: uPlot | null = null;

  const build = () => {
    plot?.destroy();
    const width = Math.max(element.clientWidth || element.parentElement?.clientWidth || 600, 200);
    plot = new uPlot(options(input, raw, width), [timestamps, ...plotted] as uPlot.AlignedData, element);
  };
  const resize = () => plot?.setSize({ width: Math.max(element.clientWidth, 200), height: chartHeight() });
  const observer = new ResizeObserver(resize);
  const stopTheme = onThemeChange(build);
  // Build once the element is in the document, so its width is known.
  requestAnimationFrame(() => {
    build();
    observer.observe(element);
  });
  return {
    element,
    destroy() {
      observer.disconnect();
      stopTheme();
      plot?.destroy();
      plot = null;
    },
  };
}

function chartHeight(): number {
  return window.innerWidth < 600 ? 220 : 320;
}

/** Puts every series on the query's step grid; a missing point is a gap (null). */
function align(input: GraphInput): { timestamps: number[]; raw: (number | null)[][] } {
  const count = Math.floor((input.end - input.start) / input.step) + 1;
  const timestamps = Array.from({ length: count }, (_, i) => input.start + i * input.step);
  const raw = input.series.map((s) => {
    const row: (number | null)[] = new Array(count).fill(null);
    for (const [t, v] of s.values) {
      const index = Math.round((t - input.start) / input.step);
      if (index >= 0 && index < count) {
        const value = parseFloat(v);
        row[index] = Number.isFinite(value) ? value : null;
      }
    }
    return row;
  });
  return { timestamps, raw };
}

function stack(raw: (number | null)[][]): (number | null)[][] {
  const sums: number[] = raw.length > 0 ? new Array(raw[0].length).fill(0) : [];
  return raw.map((row) => row.map((v, i) => (v === null ? null : (sums[i] += v))));
}

function options(input: GraphInput, raw: (number | null)[][], width: number): uPlot.Options {
  const axisColor = themeColor('--text-muted') || '#666';
  const gridColor = themeColor('--border') || '#ddd';
  const axis: uPlot.Axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
  const series: uPlot.Series[] = [
    { label: 'Time', value: (_u, v) => (v === null ? '' : formatTime(v * 1000)) },
    ...input.series.map((s, i): uPlot.Series => {
      const color = palette[i % palette.length];
      return {
        label: seriesName(s.metric),
        stroke: color,
        width: 1.5,
        fill: input.stacked ? color + '55' : undefined,
        spanGaps: false,
        points: { show: false },
        // When stacked the plotted values are sums; the legend shows each series' own value.
        value: (_u, _v, seriesIndex, index) => {
          const value = index === null ? null : raw[seriesIndex - 1][index];
          return value === null ? '—' : formatValue(value);
        },
      };
    }),
  ];
  const bands: uPlot.Band[] = input.stacked ? input.series.slice(1).map((_, i) => ({ series: [i + 2, i + 1] as [number, number], fill: palette[(i + 1) % palette.length] + '55' })) : [];
  if (input.stacked) {
    // With bands, each series above the first fills only down to the one below it.
    series.slice(2).forEach((s) => (s.fill = undefined));
  }
  return {
    width,
    height: chartHeight(),
    series,
    bands,
    axes: [axis, { ...axis, size: 60, values: (_u, ticks) => ticks.map(formatValue) }],
    scales: { x: { time: true, min: input.start, max: input.end } },
    legend: { show: true, live: true },
    cursor: { focus: { prox: 16 } },
    focus: { alpha: 0.3 },
  };
}

function formatValue(value: number): string {
  if (value === 0) {
    return '0';
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 1e15 || magnitude < 1e-4) {
    return value.toExponential(3);
  }
  return Number(value.toPrecision(6)).toString();
}
