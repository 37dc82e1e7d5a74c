import './preview.css';
import type { HostToWebview, InitialState, PreviewQuery, PreviewResult, RunOptions, WebviewToHost } from '../src/preview/previewMessaging';
import { parseViewState } from '../src/preview/savedState';
import { formatDuration, parseStep } from '../src/preview/timeRange';
import { renderGraph, type Graph } from './chart';
import { buildControls, type Controls, type ViewState } from './controls';
import { element, formatTime } from './format';
import { LogView } from './logView';
import { renderTable } from './table';
import { currentTheme } from './theme';

/**
 * The query preview page. It only draws: every query goes to the extension host as a `run`
 * message; answers carry the `source` and `seq` they belong to, and anything older than the
 * latest run is ignored. The page never sees credentials and makes no network requests. It
 * keeps its query and toolbar with `vscode.setState`, which VS Code hands back to the
 * extension after a window reload to restore the panel.
 */

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const initial = JSON.parse(document.body.dataset.state ?? '{}') as InitialState;

let source = initial.source;
let query: PreviewQuery = initial.query;
let seq = 0;
/** The `seq` of a pending "load more" run, whose answer is appended rather than shown. */
let moreSeq: number | undefined;
/** The `seq` of the pending auto-refresh, whose log lines join those listed (LogView.refresh). */
let refreshSeq: number | undefined;
let lastResult: PreviewResult | undefined;
let graph: Graph | undefined;
let logView: LogView | undefined;
let refreshTimer: number | undefined;
let receivedAt = 0;

// The page's own saved toolbar wins (it is the newest); a restored panel's comes in data-state.
const state: ViewState = parseViewState(vscode.getState() ?? initial.view);

const app = document.getElementById('app') as HTMLElement;
const header = element('header', 'query');
const controls: Controls = buildControls(state, { onChange: changed, onRun: run });
const status = element('div', 'status');
const messages = element('div', 'messages');
const content = element('div', 'content');
const firing = element('div', 'firing');
app.append(header, controls.root, status, messages, content, firing);
showQuery();
saveState();

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  if (message.type === 'setQuery') {
    source = message.source;
    query = message.query;
    lastResult = undefined;
    logView = undefined;
    showQuery();
    saveState();
    run();
    return;
  }
  if (message.source !== source || message.seq !== seq) return; // an answer to a superseded run
  switch (message.type) {
    case 'running':
      status.textContent = message.seq === moreSeq ? 'Loading older lines…' : 'Running…';
      status.className = 'status busy';
      break;
    case 'result':
      receivedAt = performance.now();
      if (message.seq === moreSeq && logView && message.result.data.resultType === 'streams') {
        logView.append(message.result, state.limit);
        showStatus(message.result);
        report(logView.streams, logView.lines);
      } else {
        const refresh = message.seq === refreshSeq && lastResult?.data.resultType === 'streams';
        lastResult = message.result;
        show(message.result, refresh);
      }
      break;
    case 'failed':
      status.className = 'status';
      status.textContent = '';
      if (message.seq === moreSeq) logView?.moreFailed();
      // Loki and Prometheus explain a failed query themselves: their text, as they wrote it.
      showMessages([{ kind: 'error', text: message.errorType ? `${message.message} [${message.errorType}]` : message.message }]);
      break;
  }
});

new ResizeObserver(() => graph?.resize(chartWidth(), chartHeight())).observe(content);
// VS Code swaps the body class and variables when the theme changes: redraw with the new colours.
// (Not the log view: redrawing it from the last answer would drop the pages loaded since.)
new MutationObserver(() => lastResult && lastResult.data.resultType !== 'streams' && show(lastResult)).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});
window.addEventListener('error', (event) => vscode.postMessage({ type: 'log', level: 'error', message: String(event.message) }));

vscode.postMessage({ type: 'ready' });
run();
scheduleRefresh();

function changed(next: Partial<ViewState>): void {
  Object.assign(state, next);
  saveState();
  if ('refreshMs' in next) scheduleRefresh();
  if ('stacked' in next && lastResult?.kind === 'range') show(lastResult);
  else if ('refreshMs' in next) refresh();
  else run();
}

/** What a reload needs to show this panel again: the query and the toolbar. */
function saveState(): void {
  vscode.setState({ ...state, query });
}

/** Runs the query; with `more`, asks for the next page of older log lines. */
function run(more?: RunOptions['more']): void {
  seq += 1;
  moreSeq = more ? seq : undefined;
  const stepMs = state.stepText.trim() === '' ? null : (parseStep(state.stepText) ?? null);
  controls.setStepValid(state.stepText.trim() === '' || stepMs !== null);
  const message: WebviewToHost = {
    type: 'run',
    source,
    seq,
    kind: state.view === 'graph' ? 'range' : 'instant',
    rangeMs: state.rangeMs,
    stepMs,
    width: chartWidth(),
  };
  if (query.language === 'logql') message.limit = state.limit;
  if (more) message.more = more;
  vscode.postMessage(message);
}

function loadMore(endNs: string): void {
  if (lastResult?.start === undefined) return;
  run({ endNs, start: lastResult.start });
}

function scheduleRefresh(): void {
  window.clearInterval(refreshTimer);
  refreshTimer =
    state.refreshMs > 0 ? window.setInterval(() => document.visibilityState === 'visible' && refresh(), state.refreshMs) : undefined;
}

function refresh(): void {
  run();
  refreshSeq = seq;
}

function showQuery(): void {
  const title = element('h1', undefined, query.title);
  title.append(element('span', 'language', query.language === 'logql' ? 'LogQL' : 'PromQL'));
  controls.setMode({ logql: query.language === 'logql', logs: false });
  const expr = element('code', 'expr', query.expr);
  header.replaceChildren(title, expr);
  const alert = query.alert;
  if (alert) {
    const parts = [alert.for ? `for ${alert.for}` : 'no for (fires at once)'];
    if (alert.threshold) parts.push(`fires when ${alert.threshold.valueExpr} ${alert.threshold.op} ${alert.threshold.value}`);
    header.append(element('div', 'alert-info', `Alert ${alert.name ?? ''}: ${parts.join(' · ')}`));
  }
  document.title = query.title;
}

/** Shows an answer; `refresh` when it is an auto-refresh of the log lines shown. */
function show(result: PreviewResult, refresh = false): void {
  graph?.destroy();
  graph = undefined;
  const logs = result.data.resultType === 'streams';
  controls.setMode({ logql: query.language === 'logql', logs });
  if (!logs) showStatus(result);
  showMessages([
    ...result.warnings.map((text) => ({ kind: 'warning' as const, text })),
    ...result.notices.map((text) => ({ kind: 'notice' as const, text })),
  ]);
  content.replaceChildren();
  firing.replaceChildren();
  if (result.data.resultType === 'streams') {
    // One view per query: a refresh keeps what is typed in its filter.
    logView ??= new LogView({ onLoadMore: loadMore, onCopy: (text) => vscode.postMessage({ type: 'copy', text }) }, currentTheme().series);
    if (refresh) logView.refresh(result, state.limit);
    else logView.show(result, state.limit);
    showStatus(result);
    content.append(logView.root);
    report(logView.streams, logView.lines);
    return;
  }
  const seriesCount = result.data.resultType === 'matrix' || result.data.resultType === 'vector' ? result.data.series.length : 1;
  if (result.kind === 'range' && result.data.resultType === 'matrix') {
    if (result.data.series.length === 0) {
      content.append(element('p', 'empty', 'No series: the query returned no data in this range.'));
      report(0, 0);
    } else {
      const chart = element('div', 'chart');
      content.append(chart);
      const threshold = result.expr !== query.expr ? query.alert?.threshold : undefined;
      const drawn = renderGraph(chart, result, {
        stacked: state.stacked,
        threshold,
        firing: result.firing,
        theme: currentTheme(),
        width: chartWidth(),
        height: chartHeight(),
        onDrawn: () => report(drawn?.series ?? 0, drawn?.points ?? 0),
      });
      graph = drawn;
    }
    if (result.firing) showFiring(result.firing);
  } else {
    renderTable(content, result.data);
    report(seriesCount, seriesCount);
  }
}

function showStatus(result: PreviewResult): void {
  const data = result.data;
  const facts = [`${result.tookMs} ms`];
  if (data.resultType === 'streams') {
    // All pages so far, as the log view merged them.
    const lines = logView?.lines ?? 0;
    facts.push(`${lines} ${lines === 1 ? 'line' : 'lines'}`, `${logView?.streams ?? 0} streams`);
  } else {
    facts.push(`${data.resultType === 'matrix' || data.resultType === 'vector' ? data.series.length : 1} series`);
    if (result.stepMs) facts.push(`step ${formatDuration(result.stepMs)}`);
  }
  status.className = 'status';
  status.textContent = facts.join(' · ');
}

function report(series: number, points: number): void {
  vscode.postMessage({ type: 'rendered', source, seq, ms: Math.round((performance.now() - receivedAt) * 10) / 10, series, points });
}

function showFiring(intervals: PreviewResult['firing'] & object): void {
  if (intervals.length === 0) {
    firing.append(element('p', undefined, 'Would not have fired in this range.'));
    return;
  }
  firing.append(
    element('p', undefined, `Would have fired ${intervals.length === 1 ? 'once' : `${intervals.length} times`} in this range:`),
  );
  const list = element('ul');
  for (const interval of intervals.slice(0, 20)) {
    list.append(
      element(
        'li',
        undefined,
        `${formatTime(interval.start)} → ${formatTime(interval.end)} (${formatDuration(Math.max(interval.end - interval.start, 0)) || '0s'})`,
      ),
    );
  }
  if (intervals.length > 20) list.append(element('li', undefined, `… and ${intervals.length - 20} more`));
  firing.append(list);
}

function showMessages(items: Array<{ kind: 'error' | 'warning' | 'notice'; text: string }>): void {
  messages.replaceChildren(...items.map((item) => element('div', `message ${item.kind}`, item.text)));
}

function chartWidth(): number {
  return Math.max(200, Math.floor(content.clientWidth || document.body.clientWidth - 32));
}

function chartHeight(): number {
  return Math.max(220, Math.min(480, Math.floor(window.innerHeight * 0.5)));
}
