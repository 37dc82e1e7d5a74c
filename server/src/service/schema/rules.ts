/**
 * Rule groups, as Prometheus rule files and PrometheusRule `spec` hold them
 * (https://github.com/prometheus/prometheus/blob/main/model/rulefmt/rulefmt.go).
 */
import { arr, duration, enumOf, int, map, obj, str } from './build';
import type { FieldSchema } from './types';

const rule = obj('An alerting rule (`alert`) or a recording rule (`record`).', {
  alert: str('Name of the alert this rule fires; use either `alert` or `record`.', { excludes: ['record'] }),
  record: str('Name of the series this rule writes, usually `level:metric:operations`.', {
    example: 'job:http_requests:rate5m',
    excludes: ['alert', 'for', 'keep_firing_for', 'annotations'],
  }),
  expr: str('The PromQL expression evaluated at every group evaluation.'),
  for: duration('How long the condition must hold before the alert fires (pending until then).', '5m'),
  keep_firing_for: duration('How long the alert keeps firing after the condition stops holding.', '10m'),
  labels: map('Labels added to the alert or recorded series.'),
  annotations: map('Information attached to the alert, such as `summary` and `description`; templates allowed.'),
});

const group = obj('A named group of rules evaluated together, in order.', {
  name: str('Name of the group, unique within the file.'),
  interval: duration('How often the group is evaluated; the global evaluation interval when empty.', '1m'),
  limit: int('Most alerts or series one evaluation may produce; 0 means no limit.'),
  query_offset: duration('How far back in time the rules are evaluated, to wait for late samples.', '1m'),
  labels: map('Labels added to every rule of the group.'),
  partial_response_strategy: enumOf('Thanos: what to do when some store answers are missing.', ['warn', 'abort']),
  rules: arr('The alerting and recording rules of the group.', rule),
});

export const ruleGroups: FieldSchema = arr('Groups of alerting and recording rules.', group);

export const prometheusRuleSpec: FieldSchema = obj('The rule groups of this PrometheusRule.', { groups: ruleGroups });
