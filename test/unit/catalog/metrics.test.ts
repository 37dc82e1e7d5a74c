import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wellKnownMetrics, catalogMetrics } from '../../../server/src/service/catalog/metrics';
import type { MetricInfo } from '../../../server/src/service/types';

const metadataJson = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'metadata', 'metrics_metadata.json');
type CorpusMetadata = Record<string, { type: string; help: string; sources: string[] }>;
const corpusMetadata: CorpusMetadata | undefined = existsSync(metadataJson)
  ? (JSON.parse(readFileSync(metadataJson, 'utf8')) as CorpusMetadata)
  : undefined;
const noCorpus = corpusMetadata ? false : `corpus not found at ${metadataJson}`;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Upstream quirks: cAdvisor exposes these `_total` names as gauges. */
const GAUGES_NAMED_TOTAL = new Set(['container_fs_inodes_total', 'container_network_tcp_usage_total', 'container_network_udp_usage_total']);
const TYPES = new Set<MetricInfo['type']>(['counter', 'gauge', 'histogram', 'summary', 'info', 'stateset', 'gaugehistogram', 'unknown']);

/** Lower-cased words only, without kube-state-metrics' `[STABLE]` prefixes, to compare help texts. */
function normalise(help: string): string {
  return help
    .replace(/\[(STABLE|ALPHA|BETA|EXPERIMENTAL)\]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

test('catalog is a real catalog of several hundred metrics from every source', () => {
  assert.ok(wellKnownMetrics.length >= 400, `only ${wellKnownMetrics.length} metrics`);
  const sources = new Set(wellKnownMetrics.map((m) => m.source));
  for (const source of ['node_exporter', 'kube-state-metrics', 'cadvisor', 'kube-apiserver', 'kubelet', 'client_golang', 'prometheus']) {
    assert.ok(sources.has(source), `no metric from ${source}`);
  }
});

test('no duplicate metric names', () => {
  const seen = new Set<string>();
  const dups = wellKnownMetrics.filter((m) => (seen.has(m.name) ? true : (seen.add(m.name), false))).map((m) => m.name);
  assert.deepEqual(dups, []);
});

test('names, types, labels and help are well-formed', () => {
  for (const m of wellKnownMetrics) {
    assert.match(m.name, METRIC_NAME, m.name);
    assert.ok(TYPES.has(m.type), `${m.name}: bad type ${m.type}`);
    assert.ok(m.help.trim().length >= 10, `${m.name}: help too short`);
    assert.ok(m.source, `${m.name}: no source`);
    for (const label of m.labels ?? []) assert.match(label, LABEL_NAME, `${m.name}: label ${label}`);
    assert.equal(new Set(m.labels ?? []).size, (m.labels ?? []).length, `${m.name}: duplicate labels`);
    assert.ok(!(m.labels ?? []).some((l) => l === 'job' || l === 'instance'), `${m.name}: job/instance are implied`);
    if (m.name.endsWith('_total') && !GAUGES_NAMED_TOTAL.has(m.name)) assert.notEqual(m.type, 'gauge', `${m.name}: _total but gauge`);
  }
});

test('histograms come with their _bucket, _sum and _count series', () => {
  for (const m of wellKnownMetrics.filter((x) => x.type === 'histogram')) {
    const bucket = catalogMetrics.get(`${m.name}_bucket`);
    assert.ok(bucket, `${m.name}_bucket missing`);
    assert.equal(bucket.type, 'counter');
    assert.ok(bucket.labels?.includes('le'), `${m.name}_bucket lacks le`);
    for (const suffix of ['_sum', '_count']) {
      const series = catalogMetrics.get(`${m.name}${suffix}`);
      assert.ok(series, `${m.name}${suffix} missing`);
      assert.equal(series.type, 'counter');
      assert.ok(!series.labels?.includes('le'), `${m.name}${suffix} should not have le`);
    }
  }
});

test('units follow the name', () => {
  const cases: [string, string | undefined][] = [
    ['node_cpu_seconds_total', 'seconds'],
    ['node_memory_MemAvailable_bytes', 'bytes'],
    ['container_memory_working_set_bytes', 'bytes'],
    ['apiserver_request_duration_seconds', 'seconds'],
    ['node_hwmon_temp_celsius', 'celsius'],
    ['kube_pod_start_time', 'seconds'],
    ['up', undefined],
  ];
  for (const [name, unit] of cases) assert.equal(catalogMetrics.get(name)?.unit, unit, name);
  for (const m of wellKnownMetrics) {
    if (/_seconds(_total)?$/.test(m.name)) assert.equal(m.unit, 'seconds', m.name);
    if (/_bytes(_total)?$/.test(m.name)) assert.equal(m.unit, 'bytes', m.name);
  }
});

test('metrics people write rules against are there with their labels', () => {
  const cases: [string, MetricInfo['type'], string[]][] = [
    ['node_cpu_seconds_total', 'counter', ['cpu', 'mode']],
    ['node_filesystem_avail_bytes', 'gauge', ['device', 'fstype', 'mountpoint']],
    ['node_network_receive_bytes_total', 'counter', ['device']],
    ['kube_pod_container_status_restarts_total', 'counter', ['container', 'namespace', 'pod']],
    ['kube_deployment_status_replicas_available', 'gauge', ['deployment', 'namespace']],
    ['kube_node_status_condition', 'gauge', ['node', 'condition', 'status']],
    ['container_cpu_usage_seconds_total', 'counter', ['container', 'namespace', 'pod', 'cpu']],
    ['container_memory_working_set_bytes', 'gauge', ['container', 'namespace', 'pod']],
    ['apiserver_request_total', 'counter', ['verb', 'resource', 'code']],
    ['apiserver_request_duration_seconds_bucket', 'counter', ['verb', 'le']],
    ['kubelet_volume_stats_available_bytes', 'gauge', ['namespace', 'persistentvolumeclaim']],
    ['prometheus_http_requests_total', 'counter', ['code', 'handler']],
    ['go_gc_duration_seconds', 'summary', ['quantile']],
    ['up', 'gauge', []],
  ];
  for (const [name, type, labels] of cases) {
    const metric = catalogMetrics.get(name);
    assert.ok(metric, `${name} missing`);
    assert.equal(metric.type, type, name);
    for (const label of labels) assert.ok(metric.labels?.includes(label), `${name} lacks label ${label}`);
  }
});

test('types agree with the corpus metadata', { skip: noCorpus }, () => {
  const mismatches: string[] = [];
  for (const m of wellKnownMetrics) {
    const upstream = corpusMetadata![m.name];
    if (!upstream) continue;
    const expected = upstream.type === 'untyped' ? 'unknown' : upstream.type;
    if (expected !== m.type) mismatches.push(`${m.name}: ${m.type} vs ${expected}`);
  }
  assert.deepEqual(mismatches, []);
});

test('help text is our own words, not the upstream HELP string', { skip: noCorpus }, () => {
  const copied: string[] = [];
  let compared = 0;
  for (const m of wellKnownMetrics) {
    const upstream = corpusMetadata![m.name];
    if (!upstream?.help) continue;
    compared++;
    const ours = normalise(m.help);
    const theirs = normalise(upstream.help);
    // Equal, or one containing the other, means the sentence was taken over.
    if (ours === theirs || (theirs.length > 15 && ours.includes(theirs)) || theirs.includes(ours)) copied.push(m.name);
  }
  assert.ok(compared > 200, `only ${compared} metrics could be compared with the corpus`);
  assert.deepEqual(copied, []);
});
