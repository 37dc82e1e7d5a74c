import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { publishDocsImage } from '../docsImages';
import type { InitialState, PreviewResult, SavedState } from '../../client/src/preview/previewMessaging';
import {
  chromiumAvailable,
  chromiumPath,
  closeBrowser,
  logEntry,
  logResult,
  openPreview,
  syntheticLogStreams,
  syntheticRange,
  type PreviewHarness,
} from './harness';

// The log view of LogQL log queries, in headless Chromium. `ALERTSMITH_WEBVIEW_DOCS_IMAGES=1`
// also refreshes the README's docs/images/preview-logs.png.

const repoRoot = join(import.meta.dirname, '..', '..');
const resultsDir = join(repoRoot, 'test-results');
const skip = chromiumAvailable ? false : `no Chromium at ${chromiumPath} (apt-get install -y chromium)`;
const end = Date.UTC(2026, 0, 1, 12);
const logState: InitialState = {
  source: 'q-1',
  query: { expr: '{namespace="shop"} |= "order"', title: 'orders.logql', language: 'logql', uri: 'file:///w/orders.logql' },
};

/** Answers the page's latest run and waits until it has drawn the answer. */
async function answer(harness: PreviewHarness, result: PreviewResult) {
  const posted = await harness.posted();
  const run = posted.filter((message) => message.type === 'run').pop();
  assert.ok(run, 'the page asked for a run');
  await harness.send({ type: 'result', source: run.source, seq: run.seq, result });
  await harness.waitForPosted('rendered', posted.length);
  return run;
}

/** Clicks "Load 500 more" and returns the run it posts. */
async function loadMore(harness: PreviewHarness) {
  const before = (await harness.posted()).length;
  await harness.page.getByRole('button', { name: 'Load 500 more' }).click();
  return harness.waitForPosted('run', before);
}

const lineTexts = (harness: PreviewHarness) => harness.page.locator('.log-row .log-line').allTextContents();

describe('log view in headless Chromium', { skip }, () => {
  after(() => closeBrowser());

  test('lines of all streams merge newest first, with the labels they share shown once', async () => {
    const harness = await openPreview({ state: logState });
    try {
      const run = await harness.waitForPosted('run');
      assert.deepEqual([run.kind, run.limit, run.more], ['range', 500, undefined], 'a LogQL run asks for 500 lines');
      const a = { namespace: 'shop', app: 'api', pod: 'api-1' };
      const b = { namespace: 'shop', app: 'api', pod: 'api-2' };
      await answer(
        harness,
        logResult([
          { labels: a, entries: [logEntry(end - 1000, 'a5'), logEntry(end - 3000, 'a3', 500), logEntry(end - 5000, 'a1')] },
          { labels: b, entries: [logEntry(end - 2000, 'b4'), logEntry(end - 3000, 'b3', 100), logEntry(end - 4000, 'b2')] },
        ]),
      );
      assert.deepEqual(await lineTexts(harness), ['a5', 'b4', 'a3', 'b3', 'b2', 'a1'], 'newest first, to the nanosecond');
      assert.equal(await harness.page.locator('.log-common code').textContent(), '{app="api", namespace="shop"}');
      assert.deepEqual(await harness.page.locator('.log-row .log-labels').allTextContents(), [
        'pod=api-1',
        'pod=api-2',
        'pod=api-1',
        'pod=api-2',
        'pod=api-2',
        'pod=api-1',
      ]);
      assert.equal(await harness.page.locator('.log-labels').first().getAttribute('title'), '{app="api", namespace="shop", pod="api-1"}');
      assert.equal(await harness.page.locator('.log-row .log-time').first().getAttribute('title'), `${(end - 1000) * 1e6} ns`);
      assert.match(await harness.page.locator('.status').innerText(), /6 lines · 2 streams/);
      assert.match(await harness.page.locator('.log-footer').innerText(), /All 6 lines in this range/);
      assert.equal(await harness.page.locator('.segmented button').first().innerText(), 'Logs');
      assert.ok(await harness.page.getByRole('button', { name: 'Table' }).isDisabled(), 'log queries have no instant table');
    } finally {
      await harness.close();
    }
  });

  test('the filter narrows lines and labels as you type, and highlights what matches', async () => {
    const harness = await openPreview({ state: logState });
    try {
      await harness.waitForPosted('run');
      await answer(harness, logResult(syntheticLogStreams(end, 10)));
      const total = (await lineTexts(harness)).length;
      assert.equal(total, 30);
      await harness.page.locator('.log-filter').fill('GATEWAY timeout');
      await harness.page.locator('.log-count', { hasText: 'match' }).waitFor();
      const lines = await lineTexts(harness);
      assert.ok(lines.length > 0 && lines.length < total, `some lines match (${lines.length})`);
      for (const line of lines) assert.match(line, /payment gateway timeout/);
      assert.equal(await harness.page.locator('.log-count').textContent(), `${lines.length} of ${total} lines match`);
      assert.deepEqual(
        [...new Set(await harness.page.locator('.log-line mark').allTextContents())],
        ['gateway timeout'],
        'the match is highlighted, in the case of the line',
      );

      await harness.page.locator('.log-filter').fill('fghij');
      await harness.page.locator('.log-count', { hasText: /^10 of/ }).waitFor();
      assert.deepEqual([...new Set(await harness.page.locator('.log-labels mark').allTextContents())], ['fghij'], 'labels match too');

      await harness.page.locator('.log-filter').fill('no such text');
      await harness.page.locator('.log-count', { hasText: /^0 of/ }).waitFor();
      assert.match(await harness.page.locator('.log-footer').innerText(), /No line matches "no such text"/);

      await harness.page.locator('.log-filter').fill('');
      await harness.page.locator('.log-count', { hasText: new RegExp(`^${total} lines$`) }).waitFor();
      assert.equal((await lineTexts(harness)).length, total);
      assert.equal(await harness.page.locator('.log-table mark').count(), 0);
    } finally {
      await harness.close();
    }
  });

  test('"load more" asks again for the oldest shown nanosecond, over the same start, and appends only new lines', async () => {
    const harness = await openPreview({ state: logState });
    try {
      await harness.waitForPosted('run');
      const labels = { app: 'api' };
      const ns = (ms: number, extra = 0n) => BigInt(ms) * 1_000_000n + extra;
      const first = logResult([{ labels, entries: [logEntry(end - 1000, 'newest'), logEntry(end - 2000, 'older', 42)] }], {
        limitReached: true,
      });
      await answer(harness, first);
      assert.match(await harness.page.locator('.log-footer').innerText(), /older lines may exist/);
      // Loki's end is exclusive: one past the oldest line, so a line sharing its nanosecond is not skipped.
      const more = await loadMore(harness);
      assert.deepEqual(more.more, { endNs: String(ns(end - 2000, 43n)), start: first.start });
      assert.equal(more.limit, 500);
      assert.ok(await harness.page.locator('.log-more').isDisabled(), 'one page at a time');

      // The page repeats the boundary line (listed once) and brings its twin at the same nanosecond.
      const twins = [logEntry(end - 2000, 'older', 42), logEntry(end - 2000, 'older twin', 42), logEntry(end - 3000, 'oldest')];
      await answer(harness, logResult([{ labels, entries: twins }], { start: first.start, limitReached: true }));
      assert.deepEqual(await lineTexts(harness), ['newest', 'older', 'older twin', 'oldest']);
      assert.match(await harness.page.locator('.status').innerText(), /4 lines · 1 streams/);

      // A page of nothing new (one nanosecond holds more lines than the limit): step below it.
      assert.equal((await loadMore(harness)).more?.endNs, String(ns(end - 3000, 1n)));
      await answer(harness, logResult([{ labels, entries: [logEntry(end - 3000, 'oldest')] }], { start: first.start, limitReached: true }));
      assert.equal((await loadMore(harness)).more?.endNs, String(ns(end - 3000)));
      await answer(harness, logResult([{ labels, entries: [logEntry(end - 4000, 'first')] }], { start: first.start }));
      assert.deepEqual(await lineTexts(harness), ['newest', 'older', 'older twin', 'oldest', 'first']);
      assert.match(await harness.page.locator('.log-footer').innerText(), /All 5 lines in this range/);
    } finally {
      await harness.close();
    }
  });

  test('an auto-refresh keeps the pages loaded with "load more" when it reaches back to them', async () => {
    const harness = await openPreview({ state: logState });
    try {
      await harness.waitForPosted('run');
      const labels = { app: 'api' };
      const first = logResult([{ labels, entries: [logEntry(end - 1000, 'newest'), logEntry(end - 2000, 'older')] }], {
        limitReached: true,
      });
      await answer(harness, first);
      await loadMore(harness);
      await answer(harness, logResult([{ labels, entries: [logEntry(end - 3000, 'oldest')] }], { start: first.start }));
      assert.match(await harness.page.locator('.log-footer').innerText(), /All 3 lines in this range/);

      await harness.page.clock.install();
      let before = (await harness.posted()).length;
      await harness.page.getByLabel('Auto-refresh').selectOption({ label: '10s' });
      await harness.waitForPosted('run', before);
      const joined = logResult([{ labels, entries: [logEntry(end + 1000, 'newer'), logEntry(end - 1000, 'newest')] }], {
        start: (first.start ?? 0) + 1000,
        end: end + 1000,
        limitReached: true,
      });
      await answer(harness, joined);
      assert.deepEqual(await lineTexts(harness), ['newer', 'newest', 'older', 'oldest']);
      assert.match(await harness.page.locator('.log-footer').innerText(), /All 4 lines in this range/);

      // A refresh that stops short of the lines listed (a gap of unknown lines) replaces them.
      before = (await harness.posted()).length;
      await harness.page.clock.runFor(10_500);
      await harness.waitForPosted('run', before);
      const gap = logResult([{ labels, entries: [logEntry(end + 9000, 'latest'), logEntry(end + 8000, 'late')] }], {
        start: (first.start ?? 0) + 9000,
        end: end + 9000,
        limitReached: true,
      });
      await answer(harness, gap);
      assert.deepEqual(await lineTexts(harness), ['latest', 'late']);
      assert.match(await harness.page.locator('.log-footer').innerText(), /older lines may exist/);
    } finally {
      await harness.close();
    }
  });

  test('a line with HTML is shown as text, runs nothing, and is copied as written', async () => {
    const harness = await openPreview({ state: logState });
    try {
      await harness.waitForPosted('run');
      const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> & done';
      await answer(harness, logResult([{ labels: { app: '<i>x</i>' }, entries: [logEntry(end - 1000, evil)] }]));
      assert.equal(await harness.page.locator('.log-line').textContent(), evil);
      assert.equal(await harness.page.locator('.logs img, .logs script, .logs b, .logs i').count(), 0, 'no element was made from the data');
      assert.equal(await harness.page.evaluate('window.__pwned'), undefined);
      assert.equal(await harness.page.locator('.log-common code').textContent(), '{app="<i>x</i>"}');
      const before = (await harness.posted()).length;
      await harness.page.locator('.log-row').hover();
      await harness.page.getByRole('button', { name: 'Copy this line' }).click();
      assert.deepEqual(await harness.waitForPosted('copy', before), { type: 'copy', text: evil });
      assert.deepEqual(await harness.violations(), [], 'no Content-Security-Policy violations');
      assert.deepEqual(harness.errors(), []);
    } finally {
      await harness.close();
    }
  });

  test("no lines is a clear empty state; a failed query shows Loki's error text", async () => {
    const harness = await openPreview({ state: logState });
    try {
      await harness.waitForPosted('run');
      await answer(harness, logResult([]));
      assert.match(await harness.page.locator('.log-footer').innerText(), /No log lines in this range/);
      assert.match(await harness.page.locator('.status').innerText(), /0 lines/);
      const before = (await harness.posted()).length;
      await harness.page.locator('button.run').click();
      const run = await harness.waitForPosted('run', before);
      const lokiError = 'parse error at line 1, col 20: syntax error: unexpected IDENTIFIER';
      await harness.send({ type: 'failed', source: run.source, seq: run.seq, kind: 'api', errorType: 'bad_data', message: lokiError });
      assert.equal(await harness.page.locator('.message.error').innerText(), `${lokiError} [bad_data]`);
    } finally {
      await harness.close();
    }
  });

  test('a metric LogQL query is graphed; ranges and auto-refresh run it again', async () => {
    const harness = await openPreview({
      state: { source: 'q-2', query: { expr: 'sum by (app) (rate({namespace="shop"}[5m]))', title: 'rate', language: 'logql' } },
    });
    try {
      await harness.waitForPosted('run');
      await answer(harness, syntheticRange(3, 120));
      assert.equal(await harness.page.locator('.uplot').count(), 1);
      assert.equal(await harness.page.locator('.segmented button').first().innerText(), 'Graph');
      assert.ok(!(await harness.page.getByRole('button', { name: 'Table' }).isDisabled()));

      let before = (await harness.posted()).length;
      await harness.page.getByLabel('Range').selectOption({ label: '6h' });
      assert.equal((await harness.waitForPosted('run', before)).rangeMs, 6 * 3_600_000);
      before = (await harness.posted()).length;
      await harness.page.getByLabel('Lines per page').selectOption({ label: '1000' });
      assert.equal((await harness.waitForPosted('run', before)).limit, 1000);
      before = (await harness.posted()).length;
      await harness.page.clock.install();
      await harness.page.getByLabel('Auto-refresh').selectOption({ label: '10s' });
      await harness.waitForPosted('run', before);
      const afterChange = (await harness.posted()).length;
      await harness.page.clock.runFor(10_500);
      const refreshed = await harness.waitForPosted('run', afterChange);
      assert.deepEqual([refreshed.rangeMs, refreshed.limit], [6 * 3_600_000, 1000], 'a refresh keeps the range and the limit');
    } finally {
      await harness.close();
    }
  });

  test('the page saves its query and toolbar for a reload; a restored page runs with them', async () => {
    const first = await openPreview({ state: logState });
    let saved: SavedState;
    try {
      await first.waitForPosted('run');
      const before = (await first.posted()).length;
      await first.page.getByLabel('Range').selectOption({ label: '3h' });
      await first.waitForPosted('run', before);
      saved = (await first.savedState()) as SavedState;
      assert.deepEqual(saved.query, logState.query);
      assert.equal(saved.rangeMs, 3 * 3_600_000);
    } finally {
      await first.close();
    }
    // After a reload VS Code gives the page its saved state back: it runs the same way at once.
    const restored = await openPreview({ state: { source: 'q-9', query: saved.query }, savedState: saved });
    try {
      const run = await restored.waitForPosted('run');
      assert.deepEqual([run.source, run.rangeMs, run.limit], ['q-9', 3 * 3_600_000, 500]);
    } finally {
      await restored.close();
    }
    // A page without state of its own takes the toolbar the extension restored in data-state.
    const fromHost = await openPreview({ state: { ...logState, view: { ...saved, view: 'graph', rangeMs: 86_400_000, limit: 100 } } });
    try {
      const run = await fromHost.waitForPosted('run');
      assert.deepEqual([run.rangeMs, run.limit], [86_400_000, 100]);
    } finally {
      await fromHost.close();
    }
  });

  test('screenshot of the log view (README)', async () => {
    const harness = await openPreview({
      state: {
        source: 'q-3',
        query: { expr: '{namespace="shop", container="app"}', title: 'shop.logql', language: 'logql' },
      },
      width: 1100,
      height: 640,
    });
    try {
      await harness.waitForPosted('run');
      await answer(harness, logResult(syntheticLogStreams(end, 40), { limitReached: true }));
      await harness.page.locator('.log-filter').fill('payment');
      await harness.page.locator('.log-count', { hasText: 'match' }).waitFor();
      assert.ok((await harness.page.locator('.log-line mark').count()) > 5);
      await mkdir(resultsDir, { recursive: true });
      const path = join(resultsDir, 'preview-logs.png');
      await harness.page.screenshot({ path });
      if (process.env.ALERTSMITH_WEBVIEW_DOCS_IMAGES === '1') publishDocsImage(path, 'preview-logs');
    } finally {
      await harness.close();
    }
  });
});
