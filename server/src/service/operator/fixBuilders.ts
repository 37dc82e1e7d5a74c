/** Builds the quick fixes that make a selector and a set of labels agree, from either side. */
import type { LabelSelector, LabelSet, MapSite, OperatorObject } from './model';
import { qualifiedName } from './model';
import type { FixAction, OperatorFix } from './problem';
import { mismatches, type Labels } from './selector';
import { yamlScalar } from './yamlText';

/** Where a new entry of a missing child map goes. */
export function childSite(site: MapSite, key: string): MapSite {
  return site.node ? { parent: site.node, path: [key] } : { parent: site.parent, path: [...site.path, key] };
}

/** The labels a fix may edit on `target`, with where new ones go; undefined when not editable. */
function editableLabels(target: OperatorObject): { set: LabelSet; site: MapSite } | undefined {
  if (target.kind === 'Deployment' || target.kind === 'StatefulSet' || target.kind === 'DaemonSet') {
    return target.podLabels.node ? { set: target.podLabels, site: { node: target.podLabels.node, path: [] } } : undefined;
  }
  if (target.kind === 'Prometheus' || target.kind === 'Alertmanager' || target.kind === 'ThanosRuler') return undefined;
  return { set: target.labels, site: target.labelSite };
}

/**
 * Fixes for `selector` (owned by `owner`) not matching `target`: change the selector's values
 * to the target's, or give the target the labels the selector wants. Only `matchLabels` can be
 * fixed this way; a fix is offered only when it makes the selector match.
 */
export function labelFixes(
  owner: OperatorObject,
  selector: LabelSelector,
  target: OperatorObject,
  labels: Labels,
  sides: 'both' | 'target' = 'both',
): OperatorFix[] {
  const missing = mismatches(selector, labels);
  if (missing.length === 0 || missing.some((mismatch) => mismatch.wantedValue === undefined)) return [];
  const fixes: OperatorFix[] = [];
  const targetName = `${target.kind} ${qualifiedName(target)}`;

  if (sides === 'both' && missing.every((mismatch) => mismatch.actual !== undefined)) {
    const actions: FixAction[] = missing.flatMap((mismatch) => {
      const entry = selector.matchLabels.entries.find((candidate) => candidate.key === mismatch.key);
      return entry ? [{ kind: 'replace' as const, uri: owner.uri, span: entry.valueSpan, newText: yamlScalar(mismatch.actual!) }] : [];
    });
    const what = missing.map((mismatch) => `${mismatch.key}=${mismatch.actual}`).join(', ');
    fixes.push({ title: `Change selector to ${what} (as on ${targetName})`, actions });
  }

  const editable = editableLabels(target);
  if (editable) {
    const actions: FixAction[] = [];
    const added: Record<string, string> = {};
    for (const mismatch of missing) {
      const entry = editable.set.entries.find((candidate) => candidate.key === mismatch.key);
      if (entry) actions.push({ kind: 'replace', uri: target.uri, span: entry.valueSpan, newText: yamlScalar(mismatch.wantedValue!) });
      else added[mismatch.key] = mismatch.wantedValue!;
    }
    if (Object.keys(added).length > 0) {
      actions.push({ kind: 'addLabels', uri: target.uri, site: editable.site, indentStep: target.indentStep, labels: added });
    }
    const what = missing.map((mismatch) => `${mismatch.key}=${mismatch.wantedValue}`).join(', ');
    fixes.push({ title: `Set label ${what} on ${targetName}`, actions });
  }
  return fixes;
}
