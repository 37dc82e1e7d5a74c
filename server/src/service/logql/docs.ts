import type { LogQLEntry } from '../catalog/logql';
import type { StageKind } from './pipelineLabels';

/** Markdown for a catalog entry: signature, description, example. */
export function entryMarkdown(entry: LogQLEntry): string {
  const notes: string[] = [];
  if (entry.unwrap === 'required') notes.push('Needs an unwrapped range: `| unwrap <label>` before the range.');
  if (entry.unwrap === 'forbidden') notes.push('Works on log lines; does not take `| unwrap`.');
  if (entry.grouping === false && (entry.kind === 'range-aggregation' || entry.kind === 'vector-aggregation'))
    notes.push('Does not take `by`/`without`.');
  return ['```logql', entry.signature, '```', entry.doc, ...notes, '', 'Example:', '```logql', entry.example, '```'].join('\n');
}

/** How a stage is named in hovers and completion details: `| json`, `a line filter`. */
export function stageLabel(kind: StageKind): string {
  if (kind === 'line_filter') return 'a line filter';
  if (kind === 'label_filter') return 'a label filter';
  return `\`| ${kind}\``;
}
