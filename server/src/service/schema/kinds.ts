/** The root schema of each document kind we complete, and how to walk a path through it. */
import type { Document } from 'yaml';
import { documentKindOf } from '../yaml/documentKind';
import { enumOf, obj } from './build';
import { metadata } from './common';
import { podMonitorSpec, probeSpec, serviceMonitorSpec } from './monitors';
import { prometheusSpec } from './prometheus';
import { prometheusRuleSpec, ruleGroups } from './rules';
import type { FieldSchema, SchemaPath } from './types';

export const operatorApiVersion = 'monitoring.coreos.com/v1';

export const operatorKinds = ['ServiceMonitor', 'PodMonitor', 'Probe', 'PrometheusRule', 'Prometheus'] as const;
export type OperatorSchemaKind = (typeof operatorKinds)[number];

const specs: Record<OperatorSchemaKind, FieldSchema> = {
  ServiceMonitor: serviceMonitorSpec,
  PodMonitor: podMonitorSpec,
  Probe: probeSpec,
  PrometheusRule: prometheusRuleSpec,
  Prometheus: prometheusSpec,
};

function manifest(kind: OperatorSchemaKind): FieldSchema {
  return obj(`A ${kind} manifest.`, {
    apiVersion: enumOf('API group and version of the object.', [operatorApiVersion]),
    kind: enumOf('Type of the object.', operatorKinds),
    metadata,
    spec: specs[kind],
  });
}

/** Root schemas: one per Operator kind, plus plain Prometheus rule files. */
export const rootSchemas: Readonly<Record<OperatorSchemaKind | 'rule-file', FieldSchema>> = {
  ServiceMonitor: manifest('ServiceMonitor'),
  PodMonitor: manifest('PodMonitor'),
  Probe: manifest('Probe'),
  PrometheusRule: manifest('PrometheusRule'),
  Prometheus: manifest('Prometheus'),
  'rule-file': obj('A Prometheus rule file.', { groups: ruleGroups }),
};

/** The root schema of a parsed YAML document, when it is one we know. */
export function schemaOfDocument(document: Document): FieldSchema | undefined {
  const info = documentKindOf(document, 0);
  if (info.kind === 'rule-file') return rootSchemas['rule-file'];
  if (info.kind !== 'prometheus-rule' && info.kind !== 'kubernetes') return undefined;
  const kind = info.manifestKind as OperatorSchemaKind | undefined;
  if (!kind || !operatorKinds.includes(kind)) return undefined;
  if (info.apiVersion !== undefined && !info.apiVersion.startsWith('monitoring.coreos.com/')) return undefined;
  return rootSchemas[kind];
}

/** A monitoring.coreos.com manifest that does not say its kind yet: only the common fields. */
const untypedManifest = obj('A Prometheus Operator manifest.', {
  kind: enumOf('Type of the object.', operatorKinds),
  metadata,
});

/** The schema for completing keys: a known document's, or the common fields of an untyped Operator manifest. */
export function schemaForKeys(document: Document): FieldSchema | undefined {
  const known = schemaOfDocument(document);
  if (known) return known;
  const info = documentKindOf(document, 0);
  return info.manifestKind === undefined && info.apiVersion?.startsWith('monitoring.coreos.com/') ? untypedManifest : undefined;
}

/** The field a path leads to (`[]` is the root itself). */
export function schemaAt(root: FieldSchema, path: SchemaPath): FieldSchema | undefined {
  let current: FieldSchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') current = current.type === 'array' ? current.items : undefined;
    else
      current = current.type === 'object' && current.fields && Object.hasOwn(current.fields, segment) ? current.fields[segment] : undefined;
  }
  return current;
}
