/**
 * Known `spec` fields of the Prometheus Operator CRDs (monitoring.coreos.com/v1), as listed by the
 * CRD schemas in prometheus-operator `example/prometheus-operator-crd/` (6adcebc), and a
 * did-you-mean by edit distance.
 */

const scrapeLimits = [
  'sampleLimit',
  'targetLimit',
  'labelLimit',
  'labelNameLengthLimit',
  'labelValueLengthLimit',
  'keepDroppedTargets',
  'bodySizeLimit',
  'scrapeProtocols',
  'fallbackScrapeProtocol',
  'scrapeClassicHistograms',
  'scrapeNativeHistograms',
  'convertClassicHistogramsToNHCB',
  'nativeHistogramBucketLimit',
  'nativeHistogramMinBucketFactor',
  'scrapeClass',
];

const monitorCommon = [
  'attachMetadata',
  'jobLabel',
  'namespaceSelector',
  'podTargetLabels',
  'selector',
  'selectorMechanism',
  ...scrapeLimits,
];

const endpointCommon = [
  'authorization',
  'basicAuth',
  'bearerTokenSecret',
  'enableHttp2',
  'filterRunning',
  'followRedirects',
  'honorLabels',
  'honorTimestamps',
  'interval',
  'metricRelabelings',
  'noProxy',
  'oauth2',
  'params',
  'path',
  'port',
  'proxyConnectHeader',
  'proxyFromEnvironment',
  'proxyUrl',
  'relabelings',
  'scheme',
  'scrapeTimeout',
  'targetPort',
  'tlsConfig',
  'trackTimestampsStaleness',
];

const prometheusSpec = `additionalAlertManagerConfigs additionalAlertRelabelConfigs additionalArgs additionalScrapeConfigs
affinity alerting allowOverlappingBlocks apiserverConfig arbitraryFSAccessThroughSMs automountServiceAccountToken baseImage
bodySizeLimit configMaps containers convertClassicHistogramsToNHCB disableCompaction dnsConfig dnsPolicy enableAdminAPI
enableFeatures enableOTLPReceiver enableRemoteWriteReceiver enableServiceLinks enforcedBodySizeLimit enforcedKeepDroppedTargets
enforcedLabelLimit enforcedLabelNameLengthLimit enforcedLabelValueLengthLimit enforcedNamespaceLabel enforcedSampleLimit
enforcedTargetLimit evaluationInterval excludedFromEnforcement exemplars externalLabels externalUrl hostAliases hostNetwork
hostUsers ignoreNamespaceSelectors image imagePullPolicy imagePullSecrets initContainers keepDroppedTargets labelLimit
labelNameLengthLimit labelValueLengthLimit listenLocal logFormat logLevel maximumStartupDurationSeconds minReadySeconds
nameEscapingScheme nameValidationScheme nodeSelector otlp overrideHonorLabels overrideHonorTimestamps paused
persistentVolumeClaimRetentionPolicy podManagementPolicy podMetadata podMonitorNamespaceSelector podMonitorSelector
podTargetLabels portName priorityClassName probeNamespaceSelector probeSelector prometheusExternalLabelName
prometheusRulesExcludedFromEnforce query queryLogFile reloadStrategy remoteRead remoteWrite remoteWriteReceiverMessageVersions
replicaExternalLabelName replicas resources retention retentionSize routePrefix ruleNamespaceSelector ruleQueryOffset
ruleSelector rules runtime sampleLimit schedulerName scrapeClasses scrapeClassicHistograms scrapeConfigNamespaceSelector
scrapeConfigSelector scrapeFailureLogFile scrapeInterval scrapeNativeHistograms scrapeProtocols scrapeTimeout secrets
securityContext serviceAccountName serviceDiscoveryRole serviceMonitorNamespaceSelector serviceMonitorSelector serviceName sha
shardRetentionPolicy shardingStrategy shards storage tag targetLimit terminationGracePeriodSeconds thanos tolerations
topologySpreadConstraints tracingConfig tsdb updateStrategy version volumeMounts volumes walCompression web`.split(/\s+/);

/** Field lists by schema location, e.g. `ServiceMonitor.spec`, `ServiceMonitor.spec.endpoints[]`. */
export const knownFields: Record<string, readonly string[]> = {
  'ServiceMonitor.spec': [...monitorCommon, 'endpoints', 'serviceDiscoveryRole', 'targetLabels'],
  'ServiceMonitor.spec.endpoints[]': [...endpointCommon, 'bearerTokenFile'],
  'ServiceMonitor.spec.namespaceSelector': ['any', 'matchNames'],
  'PodMonitor.spec': [...monitorCommon, 'podMetricsEndpoints'],
  'PodMonitor.spec.podMetricsEndpoints[]': [...endpointCommon, 'portNumber'],
  'PodMonitor.spec.namespaceSelector': ['any', 'matchNames'],
  'Probe.spec': [
    ...scrapeLimits,
    'authorization',
    'basicAuth',
    'bearerTokenSecret',
    'enableHttp2',
    'followRedirects',
    'interval',
    'jobName',
    'metricRelabelings',
    'module',
    'oauth2',
    'params',
    'prober',
    'scrapeTimeout',
    'targets',
    'tlsConfig',
  ],
  'Probe.spec.prober': ['noProxy', 'path', 'proxyConnectHeader', 'proxyFromEnvironment', 'proxyUrl', 'scheme', 'url'],
  'Probe.spec.targets': ['ingress', 'staticConfig'],
  'Prometheus.spec': prometheusSpec,
  'PrometheusRule.spec': ['groups'],
  'PrometheusRule.spec.groups[]': ['interval', 'labels', 'limit', 'name', 'partial_response_strategy', 'query_offset', 'rules'],
};

/** Levenshtein distance, bounded: stops early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** The closest known name, when it is close enough to be a likely typo. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
