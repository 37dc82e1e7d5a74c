import type { PreviewResult } from '../src/preview/previewMessaging';
import type { WireStream } from '../../server/src/protocol';
import { element } from './format';
import {
  compactLabels,
  emptyLogList,
  factorLabels,
  findMatches,
  formatLabels,
  mergeStreams,
  refreshedList,
  loadMoreEndNs,
  type LogList,
  type LogRow,
} from './logRows';

export interface LogViewHandlers {
  /** "Load more": the next page, lines before `endNs` (exclusive, see loadMoreEndNs). */
  onLoadMore(endNs: string): void;
  onCopy(text: string): void;
}

/**
 * The answer to a LogQL log query: one list of lines from all streams, newest first, with the
 * labels all streams share shown once above it and each line's own labels beside it; a filter
 * that narrows and highlights as you type; "load more" while Loki stopped at the line limit.
 * Lines are untrusted: they only ever reach the page as text nodes.
 */
export class LogView {
  readonly root = element('div', 'logs');
  private readonly filterInput = element('input', 'log-filter');
  private readonly count = element('span', 'log-count');
  private readonly common = element('div', 'log-common');
  private readonly table = element('table', 'log-table');
  private readonly footer = element('div', 'log-footer');
  private list: LogList = emptyLogList;
  private limit = 0;
  private limitReached = false;
  private loading = false;
  /** The last "load more" page held only lines already listed (see loadMoreEndNs). */
  private lastPageAddedNothing = false;
  private pendingFilter = 0;

  constructor(
    private readonly handlers: LogViewHandlers,
    private readonly palette: readonly string[],
  ) {
    this.filterInput.type = 'search';
    this.filterInput.placeholder = 'Filter lines and labels';
    this.filterInput.setAttribute('aria-label', 'Filter lines and labels');
    // Coalesce fast typing into one redraw per frame.
    this.filterInput.addEventListener('input', () => {
      cancelAnimationFrame(this.pendingFilter);
      this.pendingFilter = requestAnimationFrame(() => this.draw());
    });
    const bar = element('div', 'log-bar');
    bar.append(this.filterInput, this.count);
    this.root.append(bar, this.common, this.table, this.footer);
  }

  /** A fresh answer (a run or a refresh): replaces the lines, keeps the filter. */
  show(result: PreviewResult, limit: number): void {
    if (result.data.resultType !== 'streams') return;
    this.list = emptyLogList;
    this.lastPageAddedNothing = false;
    this.add(result.data.streams, result.limitReached === true, limit);
    this.draw();
  }

  /** The next page: older lines, appended. */
  append(result: PreviewResult, limit: number): void {
    if (result.data.resultType !== 'streams') return;
    const before = this.list.rows.length;
    this.add(result.data.streams, result.limitReached === true, limit);
    this.lastPageAddedNothing = this.list.rows.length === before;
    this.draw();
  }

  /**
   * An auto-refresh's answer: joined to the lines listed (pages loaded with "load more" stay,
   * and so does whether older lines may exist) where it reaches back to them, else shown afresh.
   */
  refresh(result: PreviewResult, limit: number): void {
    if (result.data.resultType !== 'streams') return;
    const joined = refreshedList(this.list, result.data.streams, result.limitReached === true, result.start ?? 0);
    if (!joined) {
      this.show(result, limit);
      return;
    }
    this.list = joined;
    this.limit = limit;
    this.loading = false;
    this.draw();
  }

  /** "Load more" failed: the button works again (the error is shown above). */
  moreFailed(): void {
    this.loading = false;
    this.drawFooter();
  }

  get lines(): number {
    return this.list.rows.length;
  }

  get streams(): number {
    return this.list.streams.length;
  }

  private add(streams: readonly WireStream[], limitReached: boolean, limit: number): void {
    this.list = mergeStreams(this.list, streams);
    this.limit = limit;
    this.limitReached = limitReached;
    this.loading = false;
  }

  private draw(): void {
    const needle = this.filterInput.value.trim();
    const { common, own } = factorLabels(this.list.streams);
    const ownText = own.map(compactLabels);
    const fullText = this.list.streams.map((labels) => `{${formatLabels(labels)}}`);
    const commonText = formatLabels(common);
    this.common.replaceChildren();
    if (commonText) this.common.append(element('span', 'log-common-title', 'All streams: '), element('code', undefined, `{${commonText}}`));
    this.common.hidden = commonText === '';

    const body = document.createElement('tbody');
    let shown = 0;
    for (const row of this.list.rows) {
      const labels = ownText[row.stream];
      const metadata = row.metadata ? compactLabels(Object.entries(row.metadata)) : '';
      if (needle && !matches(row.line, needle) && !matches(labels, needle) && !matches(metadata, needle)) continue;
      body.append(this.rowElement(row, labels, metadata, needle, fullText[row.stream]));
      shown++;
    }
    this.table.replaceChildren(body);

    const total = this.list.rows.length;
    this.count.textContent = needle ? `${shown} of ${total} lines match` : `${total} ${total === 1 ? 'line' : 'lines'}`;
    this.table.hidden = shown === 0;
    this.drawFooter(needle && shown === 0 && total > 0 ? `No line matches "${needle}".` : undefined);
  }

  private rowElement(row: LogRow, labels: string, metadata: string, needle: string, stream: string): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.className = 'log-row';
    const time = element('td', 'log-time', formatLogTime(row.time));
    time.title = `${row.timeNs} ns`;
    const labelCell = element('td', 'log-labels');
    labelCell.title = stream;
    labelCell.style.borderLeftColor = this.palette[row.stream % this.palette.length];
    appendHighlighted(labelCell, labels, needle);
    if (metadata) {
      const meta = element('span', 'log-metadata');
      appendHighlighted(meta, metadata, needle);
      labelCell.append(labels ? document.createTextNode(' ') : '', meta);
    }
    const line = element('td', 'log-line');
    appendHighlighted(line, row.line, needle);
    const copy = element('button', 'log-copy', 'Copy');
    copy.title = 'Copy this line';
    copy.setAttribute('aria-label', 'Copy this line');
    copy.addEventListener('click', () => {
      this.handlers.onCopy(row.line);
      copy.textContent = 'Copied';
      setTimeout(() => (copy.textContent = 'Copy'), 1500);
    });
    const actions = element('td', 'log-actions');
    actions.append(copy);
    tr.append(time, labelCell, line, actions);
    return tr;
  }

  private drawFooter(note?: string): void {
    this.footer.replaceChildren();
    const total = this.list.rows.length;
    if (total === 0) {
      this.footer.append(element('p', 'empty', 'No log lines in this range: widen the range or loosen the query.'));
      return;
    }
    if (note) this.footer.append(element('p', 'empty', note));
    if (!this.limitReached) {
      this.footer.append(element('p', 'log-end', `All ${total} ${total === 1 ? 'line' : 'lines'} in this range.`));
      return;
    }
    const endNs = loadMoreEndNs(this.list, this.lastPageAddedNothing);
    const more = element('button', 'log-more', this.loading ? 'Loading…' : `Load ${this.limit} more`);
    more.disabled = this.loading || endNs === undefined;
    more.addEventListener('click', () => {
      if (!endNs || this.loading) return;
      this.loading = true;
      this.drawFooter();
      this.handlers.onLoadMore(endNs);
    });
    this.footer.append(element('span', 'log-end', `Loki stopped at the limit: older lines may exist. `), more);
  }
}

function matches(text: string, needle: string): boolean {
  return text !== '' && findMatches(text, needle).length > 0;
}

/** Text with each match of `needle` in a <mark>; text nodes only, never HTML. */
function appendHighlighted(parent: HTMLElement, text: string, needle: string): void {
  let at = 0;
  for (const [from, to] of findMatches(text, needle)) {
    if (from > at) parent.append(document.createTextNode(text.slice(at, from)));
    parent.append(element('mark', undefined, text.slice(from, to)));
    at = to;
  }
  if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
}

/** `2026-01-01 12:00:00.123`, local time, as the rest of the preview writes times. */
function formatLogTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}
