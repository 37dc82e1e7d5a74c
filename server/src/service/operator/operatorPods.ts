/** The pods the operator creates for its own CRs (Prometheus, Alertmanager, ThanosRuler). */
import type { YAMLMap } from 'yaml';
import type { ContainerPort, OperatorObject, WorkloadObject } from './model';
import { labelSetOf, mapPath, valueOf } from './yamlNodes';

/** What every object has before its kind-specific fields. */
export type ObjectBaseFields = Omit<OperatorObject, 'kind'>;

/** The pod template labels the operator gives the StatefulSet pods of a Prometheus/Alertmanager. */
export function operatorPods(
  base: ObjectBaseFields,
  app: 'prometheus' | 'alertmanager' | 'thanos-ruler',
  spec: YAMLMap | undefined,
  containerPorts: ContainerPort[],
): WorkloadObject {
  const name = base.name ?? '';
  const at = { keySpan: base.kindSpan, valueSpan: base.kindSpan };
  const generated = [
    { key: 'app.kubernetes.io/name', value: app },
    { key: 'app.kubernetes.io/instance', value: name },
    { key: 'app.kubernetes.io/managed-by', value: 'prometheus-operator' },
    { key: app, value: name },
    { key: `operator.prometheus.io/name`, value: name },
  ].map((entry) => ({ ...entry, ...at }));
  const custom = labelSetOf(valueOf(mapPath(spec, 'podMetadata'), 'labels')).entries;
  const kind = app === 'prometheus' ? 'Prometheus' : app === 'alertmanager' ? 'Alertmanager' : 'ThanosRuler';
  return { ...base, kind, podLabels: { entries: [...custom, ...generated] }, containerPorts };
}
