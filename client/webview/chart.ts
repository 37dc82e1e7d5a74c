import uPlot from 'uplot';
import type { AlertThreshold } from '../../server/src/protocol';
import type { PreviewResult, TimeInterval } from '../src/preview/previewMessaging';
import { alignSeries, countPoints, stackSeries, type AlignedSeries } from './align';
import { formatValue, seriesLabel } from './format';
import { withAlpha, type ChartTheme } from './theme';

export interface GraphOptions {
  stacked: boolean;
  threshold?: Pick<AlertThreshold, 'op' | 'value'>;
  firing?: readonly TimeInterval[];
  theme: ChartTheme;
  width: number;
  height: number;
  /** Called once, after the first complete draw (for the "rendered" timing). */
  onDrawn?: () => void;
}

export interface Graph {
  series: number;
  points: number;
  resize(width: number, height: number): void;
  destroy(): void;
}

/**
 * A range result as a uPlot chart: a legend of label sets with the values under the cursor,
 * drag to zoom (double-click resets), click a legend entry to hide or show its series, lines
 * or stacked areas. Alerts add the threshold as a dashed line and shade when they would have
 * fired. Drawing reads no CSS at draw time, so it is the same in VS Code and headless tests.
 */
export function renderGraph(container: HTMLElement, result: PreviewResult, options: GraphOptions): Graph | undefined {
  if (result.data.resultType !== 'matrix') return undefined;
  const grid =
    result.start !== undefined && result.end !== undefined && result.stepMs
      ? { start: result.start, end: result.end, stepMs: result.stepMs }
      : undefined;
  const aligned = alignSeries(result.data.series, grid);
  const labels = result.data.series.map((series) => seriesLabel(series.metric));
  const { theme } = options;
  const colors = labels.map((_, index) => theme.series[index % theme.series.length]);
  const visible = labels.map(() => true);
  let drawn = false;

  const stackedData = (): { data: uPlot.AlignedData; bands: uPlot.Band[] } => {
    const { ys, bands } = stackSeries(aligned.ys, visible);
    return { data: [aligned.x, ...ys], bands: bands.map(([upper, lower]) => ({ series: [upper, lower] as [number, number] })) };
  };
  const initial = options.stacked ? stackedData() : { data: [aligned.x, ...aligned.ys] as uPlot.AlignedData, bands: [] };

  const plotOptions: uPlot.Options = {
    width: options.width,
    height: options.height,
    pxAlign: 0,
    cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
    legend: { live: true },
    scales: { x: { time: true }, y: { range: (_u, min, max) => yRange(min, max, options.threshold?.value) } },
    axes: [
      { ...axis(theme), space: 80 },
      { ...axis(theme), size: 64, values: (_u, ticks) => ticks.map((tick) => formatValue(tick)) },
    ],
    series: [
      { label: 'Time' },
      ...labels.map((label, index): uPlot.Series => ({
        label,
        stroke: colors[index],
        width: theme.lineWidth,
        fill: options.stacked ? withAlpha(colors[index], 0.35) : undefined,
        points: { show: false },
        spanGaps: false,
        // Hover values are the series' own, also when stacked.
        value: (_u, _v, seriesIndex, index2) => formatValue(index2 === null ? null : aligned.ys[seriesIndex - 1]?.[index2]),
      })),
    ],
    bands: initial.bands,
    hooks: {
      drawClear: [(u) => shadeFiring(u, options.firing ?? [], theme)],
      draw: [
        (u) => {
          drawThreshold(u, options.threshold, theme);
          if (!drawn) {
            drawn = true;
            options.onDrawn?.();
          }
        },
      ],
      setSeries: options.stacked
        ? [
            (u, seriesIndex) => {
              if (seriesIndex === null) return;
              visible[seriesIndex - 1] = u.series[seriesIndex].show !== false;
              const next = stackedData();
              u.delBand();
              for (const band of next.bands) u.addBand(band);
              u.setData(next.data, false);
            },
          ]
        : [],
    },
  };
  const plot = new uPlot(plotOptions, initial.data, container);
  return {
    series: labels.length,
    points: countPoints(aligned.ys),
    resize: (width, height) => plot.setSize({ width, height }),
    destroy: () => plot.destroy(),
  };
}

function axis(theme: ChartTheme): uPlot.Axis {
  return { stroke: theme.foreground, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
}

/** Data extent, widened to keep the threshold in view, with a little headroom. */
export function yRange(min: number | null, max: number | null, threshold?: number): [number, number] {
  let low = min ?? threshold ?? 0;
  let high = max ?? threshold ?? 1;
  if (threshold !== undefined && Number.isFinite(threshold)) {
    low = Math.min(low, threshold);
    high = Math.max(high, threshold);
  }
  if (low === high) return [low - 1, high + 1];
  const pad = (high - low) * 0.05;
  return [low >= 0 && low - pad < 0 ? 0 : low - pad, high + pad];
}

function shadeFiring(u: uPlot, firing: readonly TimeInterval[], theme: ChartTheme): void {
  if (firing.length === 0) return;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.fillStyle = theme.firing;
  for (const interval of firing) {
    const left = Math.max(bbox.left, u.valToPos(interval.start / 1000, 'x', true));
    const right = Math.min(bbox.left + bbox.width, u.valToPos(interval.end / 1000, 'x', true));
    // A period of a single step still gets a visible sliver.
    if (right >= left) ctx.fillRect(left, bbox.top, Math.max(right - left, 2 * devicePixelRatio), bbox.height);
  }
  ctx.restore();
}

function drawThreshold(u: uPlot, threshold: GraphOptions['threshold'], theme: ChartTheme): void {
  if (!threshold || !Number.isFinite(threshold.value)) return;
  const { ctx, bbox } = u;
  const y = Math.round(u.valToPos(threshold.value, 'y', true));
  if (y < bbox.top || y > bbox.top + bbox.height) return;
  ctx.save();
  ctx.strokeStyle = theme.threshold;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(bbox.left, y);
  ctx.lineTo(bbox.left + bbox.width, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = theme.threshold;
  ctx.font = `${11 * devicePixelRatio}px sans-serif`;
  ctx.textAlign = 'right';
  ctx.fillText(`${threshold.op} ${formatValue(threshold.value)}`, bbox.left + bbox.width - 4 * devicePixelRatio, y - 4 * devicePixelRatio);
  ctx.restore();
}

export type { AlignedSeries };
