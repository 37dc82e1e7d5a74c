import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../server/src/service/yaml';
import { extractRecordingRules } from '../../../server/src/service/rules/recordingRules';

describe('extractRecordingRules', () => {
  it('lists recording rules of rule files and PrometheusRules, with the line of `record:`', () => {
    const text = [
      'groups:',
      '  - name: a',
      '    rules:',
      '      - record: job:up:sum',
      '        expr: sum by (job) (up)',
      '        labels: { team: x }',
      '      - alert: A',
      '        expr: up == 0',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'spec:',
      '  groups:',
      '    - name: b',
      '      rules:',
      '        - expr: |',
      '            rate(x[5m])',
      '          record: x:rate5m',
      '',
    ].join('\n');
    assert.deepEqual(extractRecordingRules('file:///r.yaml', parseYamlFile(text)), [
      { name: 'job:up:sum', expr: 'sum by (job) (up)', uri: 'file:///r.yaml', line: 3, labels: { team: 'x' } },
      { name: 'x:rate5m', expr: 'rate(x[5m])\n', uri: 'file:///r.yaml', line: 17 },
    ]);
  });

  it('ignores other YAML', () => {
    assert.deepEqual(extractRecordingRules('file:///d.yaml', parseYamlFile('kind: Deployment\napiVersion: apps/v1\n')), []);
  });
});
