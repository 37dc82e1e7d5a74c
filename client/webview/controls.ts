import type { ViewState } from '../src/preview/previewMessaging';
import { lineLimits, rangePresets, refreshChoices, type Choice } from '../src/preview/timeRange';
import { element } from './format';

export type { ViewState };

export interface Controls {
  root: HTMLElement;
  setStepValid(valid: boolean): void;
  /**
   * What the query is: LogQL shows the lines-per-page choice; a log query (Loki answered with
   * streams) is read over a range, so "Graph" becomes "Logs" and the instant Table is off.
   */
  setMode(mode: { logql: boolean; logs: boolean }): void;
}

/** Toolbar: Graph/Table, range preset, step, lines per page (LogQL), auto-refresh, stacked, Run. */
export function buildControls(state: ViewState, handlers: { onChange(next: Partial<ViewState>): void; onRun(): void }): Controls {
  const root = element('div', 'toolbar');
  let mode = { logql: false, logs: false };

  const views = element('div', 'segmented');
  const graphButton = element('button', undefined, 'Graph');
  const tableButton = element('button', undefined, 'Table');
  const markView = () => {
    graphButton.setAttribute('aria-pressed', String(state.view === 'graph'));
    tableButton.setAttribute('aria-pressed', String(state.view === 'table'));
    graphButton.textContent = mode.logs ? 'Logs' : 'Graph';
    tableButton.disabled = mode.logs && state.view === 'graph';
    tableButton.title = tableButton.disabled ? 'Log queries run over a range; Loki has no instant table for them' : '';
    range.disabled = step.disabled = stacked.disabled = limit.disabled = state.view === 'table';
    if (mode.logs) step.disabled = stacked.disabled = true;
    limitField.hidden = !mode.logql;
  };
  graphButton.addEventListener('click', () => (handlers.onChange({ view: 'graph' }), markView()));
  tableButton.addEventListener('click', () => (handlers.onChange({ view: 'table' }), markView()));
  views.append(graphButton, tableButton);

  const range = select('Range', rangePresets, state.rangeMs, (ms) => handlers.onChange({ rangeMs: ms }));
  const refresh = select('Auto-refresh', refreshChoices, state.refreshMs, (ms) => handlers.onChange({ refreshMs: ms }));
  const limitChoices = lineLimits.map((count) => ({ label: String(count), ms: count }));
  const limit = select('Lines per page', limitChoices, state.limit, (count) => handlers.onChange({ limit: count }));
  const limitField = labelled('Lines', limit);

  const step = element('input', 'step');
  step.type = 'text';
  step.placeholder = 'auto';
  step.title = 'Step: a duration such as 30s or 1m, or seconds; empty for automatic';
  step.setAttribute('aria-label', 'Step');
  step.value = state.stepText;
  step.size = 6;
  step.addEventListener('change', () => handlers.onChange({ stepText: step.value }));

  const stacked = element('input');
  stacked.type = 'checkbox';
  stacked.checked = state.stacked;
  stacked.addEventListener('change', () => handlers.onChange({ stacked: stacked.checked }));
  const stackedLabel = element('label', 'check');
  stackedLabel.append(stacked, document.createTextNode(' Stacked'));

  const runButton = element('button', 'run', '▶ Run');
  runButton.addEventListener('click', () => handlers.onRun());

  root.append(views, labelled('Range', range), labelled('Step', step), limitField, labelled('Refresh', refresh), stackedLabel, runButton);
  markView();
  return {
    root,
    setStepValid: (valid) => step.classList.toggle('invalid', !valid),
    setMode(next) {
      mode = next;
      markView();
    },
  };
}

/** A `<select>` of choices; `ms` is the value (a duration, or a count for lines per page). */
function select(label: string, choices: readonly Choice[], current: number, onChange: (value: number) => void): HTMLSelectElement {
  const node = element('select');
  node.setAttribute('aria-label', label);
  for (const choice of choices) {
    const option = element('option', undefined, choice.label);
    option.value = String(choice.ms);
    option.selected = choice.ms === current;
    node.append(option);
  }
  node.addEventListener('change', () => onChange(Number(node.value)));
  return node;
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = element('label', 'field');
  label.append(element('span', undefined, text), control);
  return label;
}
