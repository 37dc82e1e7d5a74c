import type { WireQueryData } from '../../server/src/protocol';
import { element, formatTime, formatValue, seriesLabel } from './format';
import { sampleTimes } from '../../server/src/timeRuns';

/** Rows shown at most; a long vector is cut with a line saying so. */
const maxRows = 1000;

/** An instant result as a table: one row per series (label set, value), or the scalar/string. */
export function renderTable(container: HTMLElement, data: WireQueryData): void {
  const table = element('table', 'result-table');
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const addRow = (...cells: string[]) => {
    const row = body.insertRow();
    cells.forEach((text, index) => {
      const cell = row.insertCell();
      cell.textContent = text;
      if (index > 0) cell.className = 'value';
    });
  };
  if (data.resultType === 'scalar' || data.resultType === 'string') {
    head.append(element('th', undefined, data.resultType), element('th', 'value', 'Value'));
    addRow(formatTime(data.time), data.resultType === 'scalar' ? formatValue(data.value) : data.value);
  } else if (data.resultType !== 'streams') {
    // Log streams have their own view (not a table of samples).
    head.append(element('th', undefined, 'Series'), element('th', 'value', data.resultType === 'matrix' ? 'Samples' : 'Value'));
    for (const series of data.series.slice(0, maxRows)) {
      const times = data.resultType === 'matrix' ? sampleTimes(series.timeRuns) : [];
      const values =
        data.resultType === 'matrix'
          ? series.values.map((value, index) => `${formatValue(value)} @${(times[index] / 1000).toFixed(3)}`).join('\n')
          : formatValue(series.values[0]);
      addRow(seriesLabel(series.metric), values);
    }
  }
  container.replaceChildren(table);
  if (data.resultType === 'matrix' || data.resultType === 'vector') {
    if (data.series.length === 0) container.append(element('p', 'empty', 'No series: the query returned an empty result.'));
    if (data.series.length > maxRows) container.append(element('p', 'notice', `Showing ${maxRows} of ${data.series.length} series.`));
  }
}
