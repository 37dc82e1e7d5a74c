/**
 * Schema pieces the Prometheus Operator CRDs share: Kubernetes label selectors, relabelling,
 * TLS and auth settings, scrape limits and the HTTP endpoint fields of monitors.
 * Names and types follow the CRDs (prometheus-operator `pkg/apis/monitoring/v1`,
 * https://github.com/prometheus-operator/prometheus-operator/tree/main/pkg/apis/monitoring/v1);
 * the docs are ours.
 */
import { arr, bool, duration, enumOf, int, map, obj, str, strings } from './build';
import type { FieldSchema, SchemaFields } from './types';

export const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** A Kubernetes `metav1.LabelSelector`. */
export function labelSelector(doc: string): FieldSchema {
  return obj(doc, {
    matchLabels: map('Labels the object must carry, each with exactly this value.'),
    matchExpressions: arr(
      'Set-based requirements on labels; all of them must hold.',
      obj('One requirement on a label.', {
        key: str('The label name the requirement tests.'),
        operator: enumOf('How the label is compared with `values`.', selectorOperators),
        values: strings('Values for In/NotIn; must be empty for Exists/DoesNotExist.'),
      }),
    ),
  });
}

export const metadata = obj('Name, namespace, labels and annotations of the object.', {
  name: str('Name of the object, unique within its namespace and kind.'),
  namespace: str('Namespace the object lives in; the current or kustomize namespace when left out.'),
  labels: map('Labels of the object; Prometheus selects monitors and rules by these.'),
  annotations: map('Free-form notes for tools; not used for selection.'),
  generateName: str('Prefix of a name the API server completes, when `name` is not set.'),
  creationTimestamp: str('Set by the API server; generated manifests carry `null`.'),
  ownerReferences: arr('Objects this one belongs to, for garbage collection.', obj('An owning object.')),
  finalizers: strings('Controllers that must finish before the object is deleted.'),
});

export const relabelActions = [
  'replace',
  'keep',
  'drop',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
  'keepequal',
  'dropequal',
] as const;

export const relabelConfig = obj('One relabelling step.', {
  sourceLabels: strings('Labels whose values are joined with `separator` and matched against `regex`.'),
  separator: str('String placed between the source label values (default `;`).'),
  targetLabel: str('Label the result is written to (replace, hashmod, lowercase, uppercase, keepequal, dropequal).'),
  regex: str('RE2 expression the joined source value must match, fully anchored (default `(.*)`).'),
  modulus: int('Modulus of the hash of the source labels (hashmod).'),
  replacement: str('Value written to the target label; `$1`-style references name regex groups (default `$1`).'),
  action: enumOf('What the step does with a match (default replace).', relabelActions),
});

export const relabelings = (doc: string): FieldSchema => arr(doc, relabelConfig);

export const secretKey = (doc: string): FieldSchema =>
  obj(doc, {
    name: str('Name of the Secret.'),
    key: str('Key within the Secret.'),
    optional: bool('Whether a missing Secret or key is accepted.'),
  });

/** ConfigMap-or-Secret reference used by TLS settings. */
const secretOrConfigMap = (doc: string): FieldSchema =>
  obj(doc, {
    secret: secretKey('A key of a Secret holding the data.'),
    configMap: secretKey('A key of a ConfigMap holding the data.'),
  });

export const tlsVersions = ['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const;

export const tlsConfig = obj('TLS settings for the scrape connection.', {
  ca: secretOrConfigMap('CA certificate used to verify the target.'),
  cert: secretOrConfigMap('Client certificate presented to the target.'),
  keySecret: secretKey('Secret key holding the client private key.'),
  caFile: str('Path of the CA certificate inside the Prometheus container.'),
  certFile: str('Path of the client certificate inside the Prometheus container.'),
  keyFile: str('Path of the client key inside the Prometheus container.'),
  serverName: str('Server name used to verify the target certificate (SNI).'),
  insecureSkipVerify: bool('Skips verification of the target certificate; avoid outside tests.'),
  minVersion: enumOf('Lowest TLS version accepted.', tlsVersions),
  maxVersion: enumOf('Highest TLS version accepted.', tlsVersions),
});

export const authorization = obj('Authorization header credentials.', {
  type: str('Authentication scheme of the header (default Bearer).'),
  credentials: secretKey('Secret key holding the credentials.'),
});

export const basicAuth = obj('HTTP basic authentication.', {
  username: secretKey('Secret key holding the user name.'),
  password: secretKey('Secret key holding the password.'),
});

export const oauth2 = obj('OAuth 2.0 client-credentials flow for the scrape.', {
  clientId: secretOrConfigMap('Where the client ID is read from.'),
  clientSecret: secretKey('Secret key holding the client secret.'),
  tokenUrl: str('URL the token is fetched from.'),
  scopes: strings('Scopes requested with the token.'),
  endpointParams: map('Extra parameters sent to the token URL.'),
});

export const scrapeProtocols = [
  'PrometheusProto',
  'OpenMetricsText0.0.1',
  'OpenMetricsText1.0.0',
  'PrometheusText0.0.4',
  'PrometheusText1.0.0',
] as const;

/** Per-scrape limits and protocol settings shared by ServiceMonitor, PodMonitor and Probe. */
export const scrapeLimits: SchemaFields = {
  sampleLimit: int('Most samples one scrape may return before the scrape is failed.'),
  targetLimit: int('Most targets this object may produce before its scrapes are failed.'),
  labelLimit: int('Most labels a sample may carry.'),
  labelNameLengthLimit: int('Longest label name accepted.'),
  labelValueLengthLimit: int('Longest label value accepted.'),
  keepDroppedTargets: int('How many targets dropped by relabelling stay visible in the UI.'),
  bodySizeLimit: str('Largest uncompressed response body accepted.', { example: '10MB' }),
  scrapeProtocols: arr('Protocols offered to the target, in order of preference.', enumOf('A scrape protocol.', scrapeProtocols)),
  fallbackScrapeProtocol: enumOf('Protocol assumed when the target answers with an unknown content type.', scrapeProtocols),
  scrapeClassicHistograms: bool('Also keeps the classic series of histograms scraped as native histograms.'),
  scrapeNativeHistograms: bool('Ingests native histograms from these targets.'),
  convertClassicHistogramsToNHCB: bool('Converts classic histograms to native histograms with custom buckets.'),
  nativeHistogramBucketLimit: int('Most buckets a native histogram may have before it is merged down.'),
  nativeHistogramMinBucketFactor: str('Smallest growth factor between native histogram buckets.', { example: '1.1' }),
  scrapeClass: str('Scrape class of the Prometheus whose settings these targets inherit.'),
};

export const attachMetadata = obj('Metadata attached to discovered targets.', {
  node: bool('Adds the labels of the node a target runs on (needs node read permission).'),
});

/** HTTP scrape fields shared by ServiceMonitor endpoints and PodMonitor pod endpoints. */
export const endpointCommon: SchemaFields = {
  path: str('HTTP path of the metrics (default /metrics).', { example: '/metrics' }),
  scheme: enumOf('Protocol used to scrape (default http).', ['http', 'https']),
  params: map('Query parameters added to the scrape URL (each a list of values).'),
  interval: duration('How often to scrape; the Prometheus default when empty.', '30s'),
  scrapeTimeout: duration('How long a scrape may take; must not exceed the interval.', '10s'),
  tlsConfig,
  bearerTokenSecret: secretKey('Secret key holding a bearer token for the scrape.'),
  authorization,
  basicAuth,
  oauth2,
  honorLabels: bool('Keeps the labels of scraped samples when they clash with target labels.'),
  honorTimestamps: bool('Keeps the timestamps that the target exposes.'),
  trackTimestampsStaleness: bool('Marks series stale even when the target exposes timestamps.'),
  metricRelabelings: relabelings('Relabelling applied to the scraped samples before storage.'),
  relabelings: relabelings('Relabelling applied to the target before the scrape.'),
  proxyUrl: str('HTTP proxy used for the scrape.'),
  noProxy: str('Comma-separated hosts, IPs and CIDRs that bypass the proxy.'),
  proxyFromEnvironment: bool('Uses the proxy named by the HTTP(S)_PROXY environment variables.'),
  proxyConnectHeader: map('Headers sent to the proxy on CONNECT requests.'),
  followRedirects: bool('Follows HTTP 3xx redirects during the scrape.'),
  enableHttp2: bool('Allows HTTP/2 for the scrape.'),
  filterRunning: bool('Drops targets whose pod is not running (default true).'),
};
