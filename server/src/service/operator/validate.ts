/**
 * Diagnostics of one file against the workspace index: the file's own field checks, then the
 * monitor and Prometheus-selection checks of each object in it.
 */
import type { AlertsmithSettings } from '../settings';
import { isMonitor } from './model';
import { checkMonitor } from './monitorChecks';
import type { OperatorProblem } from './problem';
import { checkSelection } from './selectionCheck';
import type { OperatorIndex } from './workspaceIndex';

export function validateOperatorFile(uri: string, index: OperatorIndex, settings: AlertsmithSettings['operator']): OperatorProblem[] {
  const file = index.file(uri);
  if (!file) return [];
  const problems = [...file.problems];
  for (const object of file.objects) {
    if (isMonitor(object)) problems.push(...checkMonitor(object, index));
    problems.push(...checkSelection(object, index, settings));
  }
  return problems.sort((a, b) => a.from - b.from || a.to - b.to);
}
