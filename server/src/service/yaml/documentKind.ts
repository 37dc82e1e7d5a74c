import { isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { YamlFile } from './types';

/**
 * What one YAML document is, as far as PromQL/LogQL go:
 * - `rule-file`: a Prometheus (or Loki) rule file, `groups:` at the top level;
 * - `prometheus-rule`: a `monitoring.coreos.com` PrometheusRule, groups under `spec`;
 * - `loki-rule`: a Loki operator AlertingRule/RecordingRule (`loki.grafana.com`), LogQL groups under `spec`;
 * - `kubernetes`: any other manifest (`apiVersion` + `kind`); `other`: anything else; `empty`.
 */
export type DocumentKind = 'rule-file' | 'prometheus-rule' | 'loki-rule' | 'kubernetes' | 'other' | 'empty';

/** The kind of one document of a file, with the map that owns its `groups` when it has rule groups. */
export interface DocumentKindInfo {
  /** Index of the document in the file. */
  index: number;
  kind: DocumentKind;
  /** The map holding `groups`: the top-level map of a rule file, or `spec` of a manifest. */
  groupsOwner?: YAMLMap;
  apiVersion?: string;
  manifestKind?: string;
}

export function documentKinds(file: YamlFile): DocumentKindInfo[] {
  return file.documents.map((document, index) => documentKindOf(document, index));
}

export function documentKindOf(document: Document, index: number): DocumentKindInfo {
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { index, kind: 'empty' };
  if (!isMap(root)) return { index, kind: 'other' };
  const apiVersion = stringValue(valueOf(root, 'apiVersion'));
  const manifestKind = stringValue(valueOf(root, 'kind'));
  const spec = valueOf(root, 'spec');
  if (manifestKind === 'PrometheusRule' && (apiVersion === undefined || apiVersion.startsWith('monitoring.coreos.com/'))) {
    return { index, kind: 'prometheus-rule', apiVersion, manifestKind, groupsOwner: isMap(spec) ? spec : undefined };
  }
  if ((manifestKind === 'AlertingRule' || manifestKind === 'RecordingRule') && apiVersion?.startsWith('loki.grafana.com/')) {
    return { index, kind: 'loki-rule', apiVersion, manifestKind, groupsOwner: isMap(spec) ? spec : undefined };
  }
  if (apiVersion !== undefined || manifestKind !== undefined) return { index, kind: 'kubernetes', apiVersion, manifestKind };
  if (hasRuleFileShape(root)) return { index, kind: 'rule-file', groupsOwner: root };
  return { index, kind: 'other' };
}

/**
 * `groups:` at the top level holding a list (or nothing yet), or standing alone: other YAML
 * files that merely have a `groups` key (inventories, CI files) are left alone.
 */
function hasRuleFileShape(root: YAMLMap): boolean {
  const groups = valueOf(root, 'groups');
  if (groups === undefined) return false;
  if (isSeq(groups) || groups === null || (isScalar(groups) && groups.value === null)) return true;
  return root.items.length === 1;
}

/** The value of `key` in a mapping (undefined when the key is absent). */
export function valueOf(map: YAMLMap, key: string): Node | null | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key) return item.value as Node | null;
  }
  return undefined;
}

function stringValue(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
