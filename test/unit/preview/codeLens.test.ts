import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RunQueryArgs } from '../../../server/src/protocol';
import { computeCodeLenses, findLogQLThreshold, findThreshold, runQueryCommand } from '../../../server/src/service/codeLens';
import { parseAlertsmithDocument } from '../../../server/src/service/document';

function lenses(uri: string, languageId: string, text: string): RunQueryArgs[] {
  const document = TextDocument.create(uri, languageId, 1, text);
  const result = computeCodeLenses(document, parseAlertsmithDocument({ uri, languageId, text }));
  for (const lens of result) assert.equal(lens.command?.command, runQueryCommand);
  return result.map((lens) => lens.command?.arguments?.[0] as RunQueryArgs);
}

const ruleFile = `groups:
  - name: api
    rules:
      - record: job:errors:rate5m
        expr: sum by (job) (rate(errors_total[5m]))
      - alert: HighErrors
        expr: |
          job:errors:rate5m > 0.05
        for: 10m
        keep_firing_for: 2m
      - alert: Down
        expr: up == 0
`;

describe('computeCodeLenses', () => {
  test('one lens per PromQL expr, on the line of the expression', () => {
    const args = lenses('file:///r.yaml', 'yaml', ruleFile);
    assert.deepEqual(
      args.map((arg) => [arg.range.start.line, arg.expr]),
      [
        [4, 'sum by (job) (rate(errors_total[5m]))'],
        [6, 'job:errors:rate5m > 0.05'],
        [11, 'up == 0'],
      ],
    );
  });

  test('alerting rules carry for, keep_firing_for and the threshold; recording rules nothing', () => {
    const [record, high, down] = lenses('file:///r.yaml', 'yaml', ruleFile);
    assert.equal(record.alert, undefined);
    assert.deepEqual(high.alert, {
      name: 'HighErrors',
      for: '10m',
      forMs: 600_000,
      keepFiringForMs: 120_000,
      threshold: { op: '>', value: 0.05, valueExpr: 'job:errors:rate5m' },
    });
    assert.deepEqual(down.alert, { name: 'Down', forMs: 0, threshold: { op: '==', value: 0, valueExpr: 'up' } });
  });

  test('a PrometheusRule manifest gets lenses too', () => {
    const manifest = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: "rate(x[5m]) > 1"\n          for: 1m\n`;
    const [args] = lenses('file:///m.yaml', 'yaml', manifest);
    assert.equal(args.expr, 'rate(x[5m]) > 1');
    assert.equal(args.alert?.forMs, 60_000);
    assert.equal(args.range.start.line, 9);
  });

  test('a .promql or .logql file is one lens at its start, naming its language; empty files get none', () => {
    assert.deepEqual(
      lenses('file:///q.promql', 'promql', 'sum(up)\n').map((arg) => [arg.range.start.line, arg.expr, arg.language, arg.alert]),
      [[0, 'sum(up)', 'promql', undefined]],
    );
    assert.deepEqual(lenses('file:///q.promql', 'promql', '  \n'), []);
    assert.deepEqual(
      lenses('file:///q.logql', 'logql', '{app="x"} |= "err"').map((arg) => [arg.range.start.line, arg.expr, arg.language]),
      [[0, '{app="x"} |= "err"', 'logql']],
    );
    assert.deepEqual(lenses('file:///q.logql', 'logql', '\n'), []);
  });

  test('a Loki rule file gets LogQL lenses, alerts with their LogQL threshold', () => {
    const loki = `groups:
  - name: logs
    rules:
      - alert: ManyErrors
        expr: sum by (app) (rate({namespace="prod"} |= "error" [5m])) > 10
        for: 5m
      - record: app:lines:rate1m
        expr: sum by (app) (rate({namespace="prod"}[1m]))
`;
    const [alert, record] = lenses('file:///loki-rules.yaml', 'yaml', loki);
    assert.deepEqual([alert.language, record.language], ['logql', 'logql']);
    assert.deepEqual(alert.alert, {
      name: 'ManyErrors',
      for: '5m',
      forMs: 300_000,
      threshold: { op: '>', value: 10, valueExpr: 'sum by (app) (rate({namespace="prod"} |= "error" [5m]))' },
    });
    assert.equal(record.alert, undefined);
  });

  test('a YAML file without rules has no lenses', () => {
    assert.deepEqual(lenses('file:///c.yaml', 'yaml', 'apiVersion: v1\nkind: Service\n'), []);
  });
});

describe('findThreshold', () => {
  const cases: Array<[string, ReturnType<typeof findThreshold>]> = [
    ['rate(x[5m]) > 0.5', { op: '>', value: 0.5, valueExpr: 'rate(x[5m])' }],
    ['(sum(x) / sum(y)) >= 1e3', { op: '>=', value: 1000, valueExpr: 'sum(x) / sum(y)' }],
    ['(a < -1)', { op: '<', value: -1, valueExpr: 'a' }],
    ['0.9 > avail', { op: '<', value: 0.9, valueExpr: 'avail', flipped: true }],
    ['a != 0x10', { op: '!=', value: 16, valueExpr: 'a' }],
    ['a > 5m', { op: '>', value: 300, valueExpr: 'a' }],
    ['a > bool 1', undefined],
    ['a > b', undefined],
    ['a > 1 and b', undefined],
    ['1 > 2', undefined],
    ['absent(up)', undefined],
    ['a >', undefined],
  ];
  for (const [expr, expected] of cases) test(expr, () => assert.deepEqual(findThreshold(expr), expected));
});

describe('findLogQLThreshold', () => {
  const cases: Array<[string, ReturnType<typeof findLogQLThreshold>]> = [
    ['sum(rate({a="b"}[5m])) > 1', { op: '>', value: 1, valueExpr: 'sum(rate({a="b"}[5m]))' }],
    ['(count_over_time({a="b"} |= "x" [5m])) >= (2)', { op: '>=', value: 2, valueExpr: 'count_over_time({a="b"} |= "x" [5m])' }],
    ['rate({a="b"}[5m]) < -1.5', { op: '<', value: -1.5, valueExpr: 'rate({a="b"}[5m])' }],
    ['0.5 < rate({a="b"}[1m])', { op: '>', value: 0.5, valueExpr: 'rate({a="b"}[1m])', flipped: true }],
    ['rate({a="b"}[5m]) > 1e3', { op: '>', value: 1000, valueExpr: 'rate({a="b"}[5m])' }],
    ['sum(rate({a="b"}[5m])) > bool 1', undefined],
    ['count_over_time({a="b"}[5m]) > 1 and on() vector(1)', undefined],
    ['rate({a="b"}[5m]) > rate({a="c"}[5m])', undefined],
    ['1 > 2', undefined],
    ['{a="b"} |= "x"', undefined],
    ['rate({a="b"}[5m]) >', undefined],
  ];
  for (const [expr, expected] of cases) test(expr, () => assert.deepEqual(findLogQLThreshold(expr), expected));
});
