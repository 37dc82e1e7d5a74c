/** ServiceMonitor, PodMonitor and Probe `spec` schemas (monitoring.coreos.com/v1). */
import { arr, bool, enumOf, int, map, obj, str, strings } from './build';
import {
  attachMetadata,
  authorization,
  basicAuth,
  endpointCommon,
  labelSelector,
  oauth2,
  relabelings,
  scrapeLimits,
  secretKey,
  tlsConfig,
} from './common';
import type { FieldSchema, SchemaFields } from './types';

const namespaceSelector = obj('Namespaces to look for targets in; the monitor’s own namespace when left out.', {
  any: bool('Looks in every namespace instead of a list.'),
  matchNames: strings('Namespaces to look in.'),
});

const monitorCommon: SchemaFields = {
  jobLabel: str('Label of the selected object whose value becomes the `job` label.'),
  podTargetLabels: strings('Pod labels copied onto the scraped series.'),
  attachMetadata,
  selectorMechanism: enumOf('How the selector is applied: by relabelling or by the discovery role selector.', [
    'RelabelConfig',
    'RoleSelector',
  ]),
  ...scrapeLimits,
};

const serviceEndpoint = obj('One Service port to scrape and how.', {
  port: str('Name of the Service port to scrape.'),
  targetPort: str('Port of the pods behind the Service, by number or name, when `port` is not set.'),
  ...endpointCommon,
  bearerTokenFile: str('File holding a bearer token; prefer `authorization`.', { deprecated: true }),
});

const podEndpoint = obj('One pod port to scrape and how.', {
  port: str('Name of the container port to scrape.'),
  portNumber: int('Number of the container port to scrape, when it has no name.'),
  targetPort: str('Container port by number or name; prefer `port` or `portNumber`.', { deprecated: true }),
  ...endpointCommon,
});

export const serviceMonitorSpec: FieldSchema = obj('What the ServiceMonitor scrapes: the Services it selects and their endpoints.', {
  selector: labelSelector('Labels of the Services to scrape.'),
  namespaceSelector,
  endpoints: arr('Service ports to scrape, with their scrape settings.', serviceEndpoint),
  targetLabels: strings('Service labels copied onto the scraped series.'),
  serviceDiscoveryRole: enumOf('Kubernetes discovery role used to find the endpoints.', ['Endpoints', 'EndpointSlice']),
  ...monitorCommon,
});

export const podMonitorSpec: FieldSchema = obj('What the PodMonitor scrapes: the pods it selects and their ports.', {
  selector: labelSelector('Labels of the pods to scrape.'),
  namespaceSelector,
  podMetricsEndpoints: arr('Pod ports to scrape, with their scrape settings.', podEndpoint),
  ...monitorCommon,
});

const staticConfig = obj('A fixed list of targets.', {
  static: strings('Addresses to probe (host, URL, …) as the prober expects them.'),
  labels: map('Labels added to every static target.'),
  relabelingConfigs: relabelings('Relabelling applied to the static targets.'),
});

const ingressTargets = obj('Targets found from Ingress objects.', {
  selector: labelSelector('Labels of the Ingresses whose hosts are probed.'),
  namespaceSelector,
  relabelingConfigs: relabelings('Relabelling applied to the Ingress targets.'),
});

export const probeSpec: FieldSchema = obj('What the Probe checks through a prober such as the blackbox exporter.', {
  jobName: str('Value of the `job` label of the probe series.'),
  prober: obj('The prober that runs the checks.', {
    url: str('Address of the prober, host and port.', { example: 'blackbox-exporter:9115' }),
    scheme: enumOf('Protocol used to reach the prober (default http).', ['http', 'https']),
    path: str('HTTP path of the prober (default /probe).', { example: '/probe' }),
    proxyUrl: str('HTTP proxy used to reach the prober.'),
    noProxy: str('Comma-separated hosts, IPs and CIDRs that bypass the proxy.'),
    proxyFromEnvironment: bool('Uses the proxy named by the HTTP(S)_PROXY environment variables.'),
    proxyConnectHeader: map('Headers sent to the proxy on CONNECT requests.'),
  }),
  module: str('Prober module to use, e.g. `http_2xx` for the blackbox exporter.', { example: 'http_2xx' }),
  targets: obj('What to probe: a static list or Ingress objects.', { staticConfig, ingress: ingressTargets }),
  interval: { type: 'duration', doc: 'How often to probe; the Prometheus default when empty.', example: '30s' },
  scrapeTimeout: { type: 'duration', doc: 'How long a probe may take.', example: '10s' },
  params: map('Query parameters added to the prober URL.'),
  tlsConfig,
  bearerTokenSecret: secretKey('Secret key holding a bearer token for the prober.'),
  authorization,
  basicAuth,
  oauth2,
  metricRelabelings: relabelings('Relabelling applied to the probe samples before storage.'),
  followRedirects: bool('Follows HTTP 3xx redirects.'),
  enableHttp2: bool('Allows HTTP/2.'),
  ...scrapeLimits,
});
