import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { firingIntervals } from '../../client/src/preview/firing';
import type { PreviewResult } from '../../client/src/preview/previewMessaging';
import { chromiumAvailable, chromiumPath, closeBrowser, openPreview, syntheticRange, type PreviewHarness, type Theme } from './harness';

const resultsDir = join(import.meta.dirname, '..', '..', 'test-results');
const skip = chromiumAvailable ? false : `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;
const alertState = {
  source: 'q-7',
  query: {
    expr: 'job:errors:rate5m > 60',
    title: 'HighErrors',
    alert: { name: 'HighErrors', for: '10m', forMs: 600_000, threshold: { op: '>' as const, value: 60, valueExpr: 'job:errors:rate5m' } },
  },
};

/** Pixel statistics of the chart canvas, measured in the page (no image library needed). */
const canvasStats = `(() => {
  const canvas = document.querySelector('.uplot canvas');
  if (!canvas) return null;
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set();
  let painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue;
    painted++;
    colours.add((data[i] >> 4) << 8 | (data[i + 1] >> 4) << 4 | (data[i + 2] >> 4));
  }
  return { painted, total: canvas.width * canvas.height, colours: colours.size };
})()`;

/** A cheap fingerprint of the chart canvas, to see that a redraw changed it. */
const canvasHash = `(() => {
  const canvas = document.querySelector('.uplot canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let hash = 0;
  for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]) | 0;
  return hash;
})()`;

async function runAndAnswer(harness: PreviewHarness, result: PreviewResult): Promise<{ ms: number; series: number; points: number }> {
  const run = await harness.waitForPosted('run');
  const before = (await harness.posted()).length;
  await harness.send({ type: 'result', source: run.source, seq: run.seq, result });
  return harness.waitForPosted('rendered', before);
}

describe('query preview in headless Chromium', { skip }, () => {
  after(() => closeBrowser());

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast'] as Theme[]) {
    test(`50 series × 1,000 points draw with a legend (${theme})`, async () => {
      const harness = await openPreview({
        state: { source: 'q-1', query: { expr: 'sum by (job, instance, code) (rate(http_requests_total[5m]))', title: 'requests.promql' } },
        theme,
      });
      try {
        const run = await harness.waitForPosted('run');
        assert.equal(run.kind, 'range');
        assert.ok(run.width > 500, `the page reports its chart width (${run.width})`);
        const rendered = await runAndAnswer(harness, syntheticRange(50, 1000));
        assert.deepEqual([rendered.series, rendered.points], [50, 50_000]);

        const legend = await harness.page.locator('.u-legend .u-series').allTextContents();
        assert.equal(legend.length, 51, 'one legend row per series, plus time');
        assert.match(legend[1], /http_requests_per_second\{code="200", instance="10\.0\.0\.0:8080", job="api"\}/);

        const stats = (await harness.page.evaluate(canvasStats)) as { painted: number; total: number; colours: number } | null;
        assert.ok(stats, 'a chart canvas exists');
        assert.ok(stats.painted / stats.total > 0.05, `the chart is not blank (${stats.painted} of ${stats.total} pixels painted)`);
        assert.ok(stats.colours >= 10, `several series colours are drawn (${stats.colours})`);
        assert.deepEqual(await harness.violations(), [], 'no Content-Security-Policy violations');

        await mkdir(resultsDir, { recursive: true });
        await harness.page.screenshot({ path: join(resultsDir, `preview-${theme}.png`), fullPage: false });
      } finally {
        await harness.close();
      }
    });
  }

  test('stacked areas, series toggling and drag-to-zoom work without errors', async () => {
    const harness = await openPreview({ state: { source: 'q-5', query: { expr: 'sum by (code) (rate(x[5m]))', title: 'stacked' } } });
    try {
      await runAndAnswer(harness, syntheticRange(6, 300));
      const lines = (await harness.page.evaluate(canvasStats)) as { painted: number };
      await harness.page.locator('label.check input').check();
      await harness.page.waitForFunction('document.querySelector(".uplot") !== null');
      const stacked = (await harness.page.evaluate(canvasStats)) as { painted: number };
      assert.ok(stacked.painted > lines.painted * 1.5, `filled areas paint more than lines (${stacked.painted} vs ${lines.painted})`);

      const second = harness.page.locator('.u-legend .u-series').nth(2);
      await second.click();
      assert.match((await second.getAttribute('class')) ?? '', /u-off/);
      const box = await harness.page.locator('.u-over').boundingBox();
      assert.ok(box);
      const beforeZoom = await harness.page.evaluate(canvasHash);
      await harness.page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await harness.page.mouse.down();
      await harness.page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
      await harness.page.mouse.up();
      assert.notEqual(await harness.page.evaluate(canvasHash), beforeZoom, 'dragging across the chart zooms in');
      assert.deepEqual(harness.errors(), []);
      await harness.page.screenshot({ path: join(resultsDir, 'preview-stacked.png') });
    } finally {
      await harness.close();
    }
  });

  test('an alert shows its threshold, for, and when it would have fired', async () => {
    const harness = await openPreview({ state: alertState, theme: 'vscode-dark' });
    try {
      const result = syntheticRange(4, 240);
      assert.ok(result.data.resultType === 'matrix');
      const firing = firingIntervals(result.data.series, { stepMs: result.stepMs!, forMs: 600_000, threshold: { op: '>', value: 60 } });
      assert.ok(firing.length >= 2, 'the synthetic data crosses the threshold for long enough, more than once');
      await runAndAnswer(harness, { ...result, expr: 'job:errors:rate5m', firing });
      assert.match(await harness.page.locator('.alert-info').innerText(), /for 10m · fires when job:errors:rate5m > 60/);
      assert.match(await harness.page.locator('.firing').innerText(), new RegExp(`Would have fired ${firing.length} times`));
      assert.equal(await harness.page.locator('.firing li').count(), firing.length);
      await harness.page.screenshot({ path: join(resultsDir, 'preview-alert.png') });
    } finally {
      await harness.close();
    }
  });

  test("Prometheus' error and warnings are shown as it wrote them", async () => {
    const harness = await openPreview({ state: { source: 'q-2', query: { expr: 'rate(up[5m]', title: 'Selection' } } });
    try {
      const run = await harness.waitForPosted('run');
      await harness.send({
        type: 'failed',
        source: run.source,
        seq: run.seq,
        kind: 'api',
        errorType: 'bad_data',
        message: 'api/v1/query_range: 1:12: parse error: unclosed left parenthesis',
      });
      assert.equal(
        await harness.page.locator('.message.error').innerText(),
        'api/v1/query_range: 1:12: parse error: unclosed left parenthesis [bad_data]',
      );
      await harness.send({
        type: 'result',
        source: run.source,
        seq: run.seq,
        result: {
          ...syntheticRange(1, 10),
          warnings: ['PromQL info: metric might not be a counter'],
          notices: ['Step raised from 1s to 55s'],
        },
      });
      assert.deepEqual(await harness.page.locator('.message').allInnerTexts(), [
        'PromQL info: metric might not be a counter',
        'Step raised from 1s to 55s',
      ]);
    } finally {
      await harness.close();
    }
  });

  test('answers to superseded runs and other queries are ignored', async () => {
    const harness = await openPreview({ state: { source: 'q-3', query: { expr: 'up', title: 'up' } } });
    try {
      const first = await harness.waitForPosted('run');
      await harness.page.locator('button.run').click();
      await harness.send({ type: 'result', source: first.source, seq: first.seq, result: syntheticRange(5, 10) });
      await harness.send({ type: 'result', source: 'q-other', seq: first.seq + 1, result: syntheticRange(5, 10) });
      assert.equal(await harness.page.locator('.uplot').count(), 0);
      assert.equal((await harness.posted()).filter((message) => message.type === 'run').length, 2);
    } finally {
      await harness.close();
    }
  });

  test('the Table view runs an instant query and lists the series', async () => {
    const harness = await openPreview({ state: { source: 'q-4', query: { expr: 'up', title: 'up' } } });
    try {
      await harness.waitForPosted('run');
      const before = (await harness.posted()).length;
      await harness.page.getByRole('button', { name: 'Table' }).click();
      const run = await harness.waitForPosted('run', before);
      assert.equal(run.kind, 'instant');
      const data = {
        resultType: 'vector' as const,
        series: ['a', 'b', 'c'].map((job, i) => ({
          metric: { __name__: 'up', job },
          timeRuns: [1000, 0, 1],
          values: [i === 2 ? ('NaN' as const) : i],
        })),
      };
      await harness.send({
        type: 'result',
        source: run.source,
        seq: run.seq,
        result: { kind: 'instant', expr: 'up', data, warnings: [], notices: [], tookMs: 3 },
      });
      const rows = await harness.page.locator('.result-table tbody tr').allInnerTexts();
      assert.deepEqual(
        rows.map((row) => row.split('\t')),
        [
          ['up{job="a"}', '0'],
          ['up{job="b"}', '1'],
          ['up{job="c"}', 'NaN'],
        ],
      );
    } finally {
      await harness.close();
    }
  });
});
