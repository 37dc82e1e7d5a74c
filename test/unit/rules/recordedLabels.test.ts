import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { inferWithRecordingRules } from '../../../server/src/service/rules/recordedLabels';
import type { RecordingRuleInfo } from '../../../server/src/service/types';

const rule = (name: string, expr: string, labels?: Record<string, string>): RecordingRuleInfo => ({
  name,
  expr,
  labels,
  uri: 'file:///recording.yaml',
  line: 0,
});

describe('output labels through recording rules', () => {
  const infer = inferWithRecordingRules([
    rule('namespace:errors:rate5m', 'sum by (namespace) (rate(errors_total[5m]))'),
    rule('cluster:errors:rate5m', 'sum(namespace:errors:rate5m)', { team: 'sre' }),
    // Recorded twice (one per group), with different groupings: the union, still exhaustive.
    rule('job:up:sum', 'sum by (job) (up{env="prod"})'),
    rule('job:up:sum', 'sum by (job, env) (up{env="dev"})'),
    rule('instance:cpu:rate5m', 'rate(node_cpu_seconds_total{mode!="idle"}[5m])'),
    rule('loki:lines:rate1m', 'sum by (app) (rate({app="x"} |= "error" [1m]))'),
    rule('a:loop:x', 'sum by (a) (b:loop:x)'),
    rule('b:loop:x', 'a:loop:x'),
  ]);
  const cases: Array<[string, string[] | undefined, boolean?]> = [
    ['namespace:errors:rate5m > 1', ['namespace'], true],
    ['{__name__="namespace:errors:rate5m"} > 1', ['namespace'], true],
    ['cluster:errors:rate5m > 1', ['team'], true],
    ['job:up:sum == 0', ['env', 'job'], true],
    // A matcher adds what it requires; aggregations over recorded series group as usual.
    ['namespace:errors:rate5m{pod!=""} > 1', ['namespace', 'pod'], true],
    ['max by (namespace) (namespace:errors:rate5m) > 1', ['namespace'], true],
    // Not an aggregation: what the rule writes is unknown beyond the matchers.
    ['instance:cpu:rate5m > 0.9', [], false],
    // Not PromQL (a Loki recording rule): unknown, so nothing is claimed.
    ['loki:lines:rate1m > 0', [], false],
    ['a:loop:x > 0', ['a'], true],
    ['not_recorded_total > 0', [], false],
  ];
  for (const [expr, labels, exhaustive] of cases) {
    test(expr, () => {
      const out = infer(expr);
      assert.deepEqual(out && [...out.labels].sort(), labels);
      assert.equal(out?.exhaustive, exhaustive);
    });
  }
});

describe('template label checks follow recording rules across files', () => {
  const recording = `groups:
  - name: recorded
    rules:
      - record: namespace:errors:rate5m
        expr: sum by (namespace) (rate(errors_total[5m]))
`;
  const alerts = `groups:
  - name: alerts
    rules:
      - alert: Errors
        expr: namespace:errors:rate5m > 1
        annotations:
          summary: "{{ $labels.namespace }} / {{ $labels.pod }}"
`;
  const unknownLabels = (service: ReturnType<typeof getLanguageService>, version: number) =>
    service
      .doValidation(TextDocument.create('file:///alerts.yaml', 'yaml', version, alerts))
      .filter((d) => d.code === 'rules/template-unknown-label')
      .map((d) => String(d.message));

  test('$labels.pod on an alert over a series recorded by (namespace) is reported, and stops being when the rule changes', () => {
    const service = getLanguageService();
    service.indexFile('file:///alerts.yaml', 'yaml', alerts);
    assert.deepEqual(unknownLabels(service, 1), [], 'no recording rule known: nothing can be proven');

    service.indexFile('file:///recording.yaml', 'yaml', recording);
    const reported = unknownLabels(service, 2);
    assert.equal(reported.length, 1, JSON.stringify(reported));
    assert.match(reported[0], /"pod".*returns: namespace/);

    service.indexFile('file:///recording.yaml', 'yaml', recording.replace('by (namespace)', 'by (namespace, pod)'));
    assert.deepEqual(unknownLabels(service, 3), []);
  });
});
