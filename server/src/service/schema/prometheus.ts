/**
 * The Prometheus CR `spec` (monitoring.coreos.com/v1), one field per line: `name | type | doc`.
 * Types: string, integer, boolean, duration, object, map, array, strings (array of strings),
 * selector (label selector), enum:a,b (one of), enums:a,b (array of), `~` marks deprecated.
 * Field names follow the CRD (prometheus-operator `pkg/apis/monitoring/v1/prometheus_types.go`,
 * https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/apis/monitoring/v1/prometheus_types.go).
 */
import { arr, bool, enumOf, map, obj, str } from './build';
import { attachMetadata, authorization, labelSelector, relabelings, scrapeProtocols, tlsConfig } from './common';
import type { FieldSchema, FieldType } from './types';

const table = `
additionalAlertManagerConfigs | object | Secret key holding extra Alertmanager configurations, appended as written.
additionalAlertRelabelConfigs | object | Secret key holding extra relabelling for alerts sent to Alertmanager.
additionalArgs | array | Extra command-line flags passed to Prometheus.
additionalScrapeConfigs | object | Secret key holding raw scrape configurations appended to the generated ones.
affinity | object | Pod affinity and anti-affinity rules.
alerting | object | The Alertmanagers alerts are sent to.
allowOverlappingBlocks | boolean~ | Allowed TSDB blocks with overlapping time ranges; always on in recent Prometheus.
apiserverConfig | object | How to reach the Kubernetes API when not running in-cluster.
arbitraryFSAccessThroughSMs | object | Whether monitors may read arbitrary files (tokens, certificates) from the Prometheus pod.
automountServiceAccountToken | boolean | Mounts the service account token in the pods.
baseImage | string~ | Container image without tag; use image.
bodySizeLimit | string | Default largest scrape body accepted, e.g. 10MB.
configMaps | strings | ConfigMaps mounted into the Prometheus pods under /etc/prometheus/configmaps.
containers | array | Extra containers, or overrides of the generated ones (merged by name).
convertClassicHistogramsToNHCB | boolean | Converts classic histograms to native histograms with custom buckets.
disableCompaction | boolean | Turns off TSDB compaction (for sidecars that upload blocks).
dnsConfig | object | DNS settings of the pods.
dnsPolicy | enum:ClusterFirstWithHostNet,ClusterFirst,Default,None | DNS policy of the pods.
enableAdminAPI | boolean | Enables the TSDB admin API (delete series, snapshots); keep it off unless needed.
enableFeatures | strings | Prometheus feature flags to enable (--enable-feature).
enableOTLPReceiver | boolean | Accepts OTLP metrics pushed to the OTLP endpoint.
enableRemoteWriteReceiver | boolean | Accepts samples pushed through the remote-write API.
enableServiceLinks | boolean | Injects Service environment variables into the pods.
enforcedBodySizeLimit | string | Body size limit imposed on every monitor, overriding theirs when larger.
enforcedKeepDroppedTargets | integer | Dropped-target limit imposed on every monitor.
enforcedLabelLimit | integer | Label count limit imposed on every monitor.
enforcedLabelNameLengthLimit | integer | Label name length limit imposed on every monitor.
enforcedLabelValueLengthLimit | integer | Label value length limit imposed on every monitor.
enforcedNamespaceLabel | string | Label set to each object's namespace on all its series and alerts.
enforcedSampleLimit | integer | Sample limit imposed on every monitor.
enforcedTargetLimit | integer | Target limit imposed on every monitor.
evaluationInterval | duration | How often rules are evaluated (default 30s).
excludedFromEnforcement | array | Objects exempt from enforcedNamespaceLabel.
exemplars | object | Exemplar storage settings.
externalLabels | map | Labels added to every series and alert leaving this Prometheus.
externalUrl | string | URL under which Prometheus is reached from outside, used in links.
hostAliases | array | Extra /etc/hosts entries of the pods.
hostNetwork | boolean | Runs the pods in the node's network namespace.
hostUsers | boolean | Runs the pods in the host user namespace.
ignoreNamespaceSelectors | boolean | Ignores the namespaceSelector of monitors and probes: each watches only its own namespace.
image | string | Container image of Prometheus, e.g. quay.io/prometheus/prometheus:v3.0.0.
imagePullPolicy | enum:Always,Never,IfNotPresent | When the images are pulled.
imagePullSecrets | array | Secrets used to pull images from private registries.
initContainers | array | Init containers of the pods.
keepDroppedTargets | integer | Default number of dropped targets kept for display.
labelLimit | integer | Default label count limit per sample.
labelNameLengthLimit | integer | Default longest label name.
labelValueLengthLimit | integer | Default longest label value.
listenLocal | boolean | Listens on 127.0.0.1 only.
logFormat | enum:logfmt,json | Log format of Prometheus.
logLevel | enum:debug,info,warn,error | Log level of Prometheus.
maximumStartupDurationSeconds | integer | How long Prometheus may take to start before the startup probe fails.
minReadySeconds | integer | Seconds a new pod must be ready before it counts as available.
nameEscapingScheme | enum:AllowUTF8,Underscores,Dots,Values | How UTF-8 metric names are escaped for scrapes that cannot carry them.
nameValidationScheme | enum:UTF8,Legacy | Which metric and label names are valid.
nodeSelector | map | Node labels the pods must be scheduled on.
otlp | object | Settings of OTLP ingestion.
overrideHonorLabels | boolean | Forces honorLabels off for every monitor.
overrideHonorTimestamps | boolean | Forces honorTimestamps off for every monitor.
paused | boolean | Stops the operator from changing the generated resources.
persistentVolumeClaimRetentionPolicy | object | Whether volume claims are deleted when the StatefulSet is deleted or scaled down.
podManagementPolicy | enum:OrderedReady,Parallel | How the StatefulSet starts and stops pods.
podMetadata | object | Labels and annotations added to the pods.
podMonitorNamespaceSelector | selector | Namespaces searched for PodMonitors; only this Prometheus' namespace when null.
podMonitorSelector | selector | PodMonitors to use; none when null, all when {}.
podTargetLabels | strings | Pod labels copied onto every scraped series.
portName | string | Name of the Prometheus web port (default web).
priorityClassName | string | Priority class of the pods.
probeNamespaceSelector | selector | Namespaces searched for Probes; only this Prometheus' namespace when null.
probeSelector | selector | Probes to use; none when null, all when {}.
prometheusExternalLabelName | string | Name of the external label holding the Prometheus name (default prometheus; empty removes it).
prometheusRulesExcludedFromEnforce | array~ | PrometheusRules exempt from the namespace label; use excludedFromEnforcement.
query | object | Query engine settings (timeout, concurrency, lookback).
queryLogFile | string | File where every query is logged.
reloadStrategy | enum:HTTP,ProcessSignal | How Prometheus is told to reload its configuration.
remoteRead | array | Remote read endpoints.
remoteWrite | array | Remote write endpoints samples are sent to.
remoteWriteReceiverMessageVersions | enums:V1.0,V2.0 | Remote-write protocol versions accepted by the receiver.
replicaExternalLabelName | string | Name of the external label holding the replica name (default prometheus_replica; empty removes it).
replicas | integer | Number of Prometheus pods per shard (default 1).
resources | object | CPU and memory requests and limits of the Prometheus container.
retention | duration | How long samples are kept (default 24h), e.g. 15d.
retentionSize | string | Most disk space the TSDB blocks may use, e.g. 50GB.
routePrefix | string | Path prefix of the HTTP routes, when behind a proxy.
ruleNamespaceSelector | selector | Namespaces searched for PrometheusRules; only this Prometheus' namespace when null.
ruleQueryOffset | duration | Default time offset of rule evaluation, to wait for late samples.
ruleSelector | selector | PrometheusRules to load; none when null, all when {}.
rules | object | Alerting rule settings (grace periods, resend delay).
runtime | object | Go runtime settings such as GOGC.
sampleLimit | integer | Default most samples per scrape.
schedulerName | string | Scheduler that places the pods.
scrapeClasses | array | Named sets of scrape settings that monitors refer to with scrapeClass.
scrapeClassicHistograms | boolean | Also keeps classic series of histograms scraped as native histograms.
scrapeConfigNamespaceSelector | selector | Namespaces searched for ScrapeConfigs; only this Prometheus' namespace when null.
scrapeConfigSelector | selector | ScrapeConfigs to use; none when null, all when {}.
scrapeFailureLogFile | string | File where failed scrapes are logged.
scrapeInterval | duration | Default scrape interval (default 30s).
scrapeNativeHistograms | boolean | Ingests native histograms.
scrapeProtocols | enums:${scrapeProtocols.join(',')} | Protocols offered to targets, in order of preference.
scrapeTimeout | duration | Default scrape timeout; must not exceed the scrape interval.
secrets | strings | Secrets mounted into the Prometheus pods under /etc/prometheus/secrets.
securityContext | object | Pod security context.
serviceAccountName | string | Service account the pods run as; it needs read access to targets.
serviceDiscoveryRole | enum:Endpoints,EndpointSlice | Discovery role used for ServiceMonitors.
serviceMonitorNamespaceSelector | selector | Namespaces searched for ServiceMonitors; only this Prometheus' namespace when null.
serviceMonitorSelector | selector | ServiceMonitors to use; none when null, all when {}.
serviceName | string | Governing Service of the StatefulSet, when not the generated one.
sha | string~ | Image digest; put it in image instead.
shardRetentionPolicy | object | What happens to shards removed by scaling down.
shardingStrategy | object | How targets are spread over shards.
shards | integer | Number of shards targets are split across (default 1).
storage | object | Persistent storage of the TSDB (volume claim template).
tag | string~ | Image tag; put it in image instead.
targetLimit | integer | Default most targets per monitor.
terminationGracePeriodSeconds | integer | Seconds a pod has to shut down cleanly.
thanos | object | Thanos sidecar settings.
tolerations | array | Taints the pods tolerate.
topologySpreadConstraints | array | How pods are spread across zones and nodes.
tracingConfig | object | Where Prometheus sends its traces.
tsdb | object | TSDB settings such as out-of-order time window.
updateStrategy | object | How the StatefulSet rolls out changes.
version | string | Prometheus version, used to pick supported flags and the image tag.
volumeMounts | array | Extra volume mounts of the Prometheus container.
volumes | array | Extra volumes of the pods.
walCompression | boolean | Compresses the write-ahead log (default true).
web | object | Web server settings (TLS, headers, page title).
`;

const basicTypes: readonly FieldType[] = ['string', 'integer', 'boolean', 'duration', 'object', 'array'];

function fieldOf(type: string, doc: string): FieldSchema {
  const deprecated = type.endsWith('~');
  const base = deprecated ? type.slice(0, -1) : type;
  const extra = deprecated ? { deprecated } : {};
  const [name, values] = base.split(':');
  if (name === 'map') return { ...map(doc), ...extra };
  if (name === 'selector') return labelSelector(doc);
  if (name === 'strings') return arr(doc, str(doc), extra);
  if (name === 'enum') return enumOf(doc, values.split(','), extra);
  if (name === 'enums') return arr(doc, enumOf(doc, values.split(',')), extra);
  // Kubernetes types (containers, volumes, remoteWrite…) that we do not describe field by field.
  if (name === 'array') return arr(doc, obj(doc), extra);
  if (name === 'duration') return { type: 'duration', doc, example: /retention/.test(doc) ? '15d' : '30s', ...extra };
  return { type: basicTypes.includes(name as FieldType) ? (name as FieldType) : 'string', doc, ...extra };
}

function parseTable(text: string): Record<string, FieldSchema> {
  const fields: Record<string, FieldSchema> = {};
  for (const line of text.split('\n')) {
    const [name, type, doc] = line.split(' | ');
    if (name && type && doc) fields[name.trim()] = fieldOf(type.trim(), doc.trim());
  }
  return fields;
}

const scrapeClass = obj('A named set of scrape settings.', {
  name: str('Name monitors use in their scrapeClass field.'),
  default: bool('Applies to monitors that name no scrape class; at most one class may be the default.'),
  fallbackScrapeProtocol: enumOf('Protocol assumed when a target answers with an unknown content type.', scrapeProtocols),
  tlsConfig,
  authorization,
  relabelings: relabelings('Relabelling applied to targets before those of the monitor.'),
  metricRelabelings: relabelings('Relabelling applied to samples after those of the monitor.'),
  attachMetadata,
});

export const prometheusSpec: FieldSchema = obj('How the operator runs this Prometheus and what it selects.', {
  ...parseTable(table),
  scrapeClasses: arr('Named sets of scrape settings that monitors refer to with scrapeClass.', scrapeClass),
});
