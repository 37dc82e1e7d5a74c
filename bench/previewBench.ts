import { toWireData } from '../server/src/handlers/runQuery';
import type { QueryData } from '../server/src/sources/prometheus/queryApi';
import type { RunQueryRequest } from '../server/src/protocol';
import type { PreviewResult } from '../client/src/preview/previewMessaging';
import { chromiumAvailable, chromiumPath, closeBrowser, openPreview } from '../test/webview/harness';
import { median, percentile, printFigures } from './stats';

const seriesCount = 50;
const pointsPerSeries = 1000;
const runs = 9;

/**
 * Query preview: time from "Run" to a drawn chart of 50 series × 1,000 points, Prometheus
 * excluded. Each run does what follows Prometheus' answer: the server's conversion to the
 * wire form, the LSP hop (JSON both ways), the host's message to the webview, and the page's
 * alignment and uPlot draw, ending when the page reports the first complete draw. The page
 * is the real bundle in headless Chromium (see test/webview/harness.ts).
 */
export async function previewBench(): Promise<void> {
  if (!chromiumAvailable) {
    console.log(`\n(skipped the query preview bench: no Chromium at ${chromiumPath} — apt-get install -y chromium)`);
    return;
  }
  const data = syntheticQueryData();
  const harness = await openPreview({ state: { source: 'bench', query: { expr: 'bench', title: 'bench' } }, width: 1200, height: 900 });
  const totals: number[] = [];
  const pageDraws: number[] = [];
  try {
    const run = await harness.waitForPosted('run');
    for (let i = 0; i < runs + 1; i++) {
      const start = performance.now();
      const { data: wire } = toWireData(data, 10_000);
      const answer: RunQueryRequest.Result = {
        ok: true,
        data: wire,
        stepMs: 15_000,
        start: firstTime,
        end: lastTime,
        warnings: [],
        notices: [],
        tookMs: 0,
      };
      const overLsp = JSON.parse(JSON.stringify(answer)) as typeof answer & { ok: true };
      const result: PreviewResult = { kind: 'range', expr: 'bench', ...overLsp };
      const rendered = await harness.sendAndWait({ type: 'result', source: run.source, seq: run.seq, result }, 'rendered');
      if (i === 0) continue; // warm-up: first JIT and font loading
      totals.push(performance.now() - start);
      pageDraws.push(rendered.ms);
    }
  } finally {
    await harness.close();
    await closeBrowser();
  }
  printFigures(
    `Query preview: Run → drawn chart, ${seriesCount} series × ${pointsPerSeries.toLocaleString('en-US')} points (median of ${runs})`,
    [
      { name: 'Run → drawn chart (excluding Prometheus)', value: median(totals), unit: 'ms', goal: '≤ 300 ms' },
      { name: '  p90', value: percentile(totals, 90), unit: 'ms' },
      { name: '  of which in the page (align + uPlot draw)', value: median(pageDraws), unit: 'ms' },
    ],
  );
}

const lastTime = Date.UTC(2026, 0, 1, 12);
const firstTime = lastTime - (pointsPerSeries - 1) * 15_000;

/** What the server's query API hands over after parsing Prometheus' JSON. */
function syntheticQueryData(): QueryData {
  return {
    resultType: 'matrix',
    series: Array.from({ length: seriesCount }, (_, index) => ({
      metric: { __name__: 'http_requests_per_second', job: 'api', instance: `10.0.0.${index}:8080` },
      samples: Array.from({ length: pointsPerSeries }, (_, i): [number, number] => [
        firstTime + i * 15_000,
        50 + index + 20 * Math.sin(i / 20 + index),
      ]),
    })),
  };
}
