// PromQL highlighting inside `expr:` values of YAML, in every scalar style. The host grammar is
// our stand-in (fixtures/yaml-standin.tmLanguage.json); set ALERTSMITH_VSCODE_YAML_GRAMMARS to a
// folder holding VS Code's yaml*.tmLanguage.json files to run the same cases against the real one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRegistry, hasScope, scopesOf, tokenize } from './tokenize';

const rules = (expr: string) => `groups:
  - name: example
    rules:
      - alert: Example
${expr}
        for: 5m
        labels:
          severity: page`;

interface Case {
  title: string;
  yaml: string;
  /** [text of a token (occurrence 1 unless given), scope it must have, occurrence] */
  has?: Array<[string, string, number?]>;
  /** [text of a token, scope it must NOT have, occurrence] */
  lacks?: Array<[string, string, number?]>;
}

const promql = 'meta.embedded.inline.promql';
const block = 'meta.embedded.block.promql';

const cases: Case[] = [
  {
    title: 'plain scalar',
    yaml: rules('        expr: rate(http_requests_total[5m]) > 0'),
    has: [
      ['rate', 'support.function.builtin.promql'],
      ['rate', promql],
      ['5m', 'constant.numeric.duration.promql'],
      ['expr', 'entity.name.tag.yaml'],
    ],
    lacks: [
      ['5m', 'source.promql', 2],
      ['for', promql],
      ['severity', promql],
    ],
  },
  {
    title: 'plain scalar continued on deeper lines',
    yaml: rules('        expr: sum(rate(errors_total[5m]))\n          / sum(rate(requests_total[5m]))'),
    has: [['requests_total', 'variable.other.metric.promql']],
    lacks: [['for', promql]],
  },
  {
    title: 'plain scalar starting on the next line',
    yaml: rules('        expr:\n          absent(up{job="api"})'),
    has: [
      ['absent', 'support.function.builtin.promql'],
      ['job', 'entity.other.attribute-name.label.promql'],
    ],
  },
  {
    title: 'double-quoted scalar',
    yaml: rules(`        expr: "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 1"`),
    has: [
      ['histogram_quantile', 'support.function.builtin.promql'],
      ['by (‸le)', 'entity.other.attribute-name.label.promql'],
      ['"histogram', 'string.quoted.double.yaml'],
      ['"\n', 'string.quoted.double.yaml'],
    ],
    lacks: [['"histogram', 'source.promql']],
  },
  {
    title: 'single-quoted scalar with a PromQL string inside',
    yaml: rules(`        expr: 'up{job="api"} == 0'`),
    has: [
      ['‸up{', promql],
      ['"api"', 'string.quoted.double.promql'],
      ["'up", 'string.quoted.single.yaml'],
    ],
    lacks: [['for', promql]],
  },
  {
    title: 'literal block scalar with a blank line inside',
    yaml: rules('        expr: |\n          sum by (job) (rate(errors_total[5m]))\n\n            > 0.1 # noisy'),
    has: [
      ['|', 'keyword.control.flow.block-scalar.literal.yaml'],
      ['sum', 'support.function.aggregation.promql'],
      ['sum', block],
      ['> 0.1', 'keyword.operator.comparison.promql'],
      ['# noisy', 'comment.line.number-sign.promql'],
    ],
    lacks: [
      ['for', block],
      ['severity', block],
    ],
  },
  {
    title: 'folded block scalar with chomping and indentation indicators',
    yaml: rules('        expr: >-2 # folded\n            increase(restarts_total[1h]) > 3'),
    has: [
      ['>', 'keyword.control.flow.block-scalar.folded.yaml'],
      ['-2', 'storage.modifier.chomping-indicator.yaml'],
      ['2 #', 'constant.numeric.indentation-indicator.yaml'],
      ['# folded', 'comment.line.number-sign.yaml'],
      ['increase', 'support.function.builtin.promql'],
      ['1h', 'constant.numeric.duration.promql'],
    ],
    lacks: [['for', block]],
  },
  {
    title: 'literal block scalar with keep chomping, first key after a dash',
    yaml: `spec:
  groups:
  - name: g
    rules:
    - expr: |+
        topk(3, node_load1)
      record: instance:node_load1:top3`,
    has: [
      ['topk', 'support.function.aggregation.promql'],
      ['+', 'storage.modifier.chomping-indicator.yaml'],
    ],
    lacks: [
      ['record', block],
      ['instance:node_load1:top3', block],
    ],
  },
  {
    title: 'LogQL in a Loki rule is highlighted as LogQL',
    yaml: rules('        expr: sum(rate({app="api"} |= "error" [5m])) > 10'),
    has: [
      ['|=', 'keyword.operator.line-filter.logql'],
      ['rate', 'meta.embedded.inline.logql'],
    ],
    lacks: [['rate', promql]],
  },
  {
    title: 'other keys, comments and other block scalars are left alone',
    yaml: `groups:
  - name: g
    rules:
      - alert: A
        # expr: rate(commented[5m])
        expr: up == 0
        annotations:
          description: rate(not_promql[5m])
          runbook: |
            expr: rate(inside_text[5m])`,
    has: [['‸up ==', promql]],
    lacks: [
      ['rate(commented', 'source.promql'],
      ['commented', 'source.promql'],
      ['not_promql', 'source.promql'],
      ['inside_text', 'source.promql'],
      ['expr: rate(inside', 'entity.name.tag.yaml'],
    ],
  },
];

function check(registryName: string, registry: ReturnType<typeof createRegistry>) {
  describe(`PromQL injected into YAML (${registryName})`, () => {
    for (const { title, yaml, has = [], lacks = [] } of cases) {
      test(title, async () => {
        const lines = await tokenize('source.yaml', yaml, registry);
        for (const [needle, scope, occurrence] of has) {
          const scopes = scopesOf(lines, needle.replace('\n', ''), occurrence ?? (needle.endsWith('\n') ? -1 : 1));
          assert.ok(hasScope(scopes, scope), `${JSON.stringify(needle)} should be ${scope}, got ${JSON.stringify(scopes)}`);
        }
        for (const [needle, scope, occurrence] of lacks) {
          const scopes = scopesOf(lines, needle, occurrence ?? 1);
          assert.ok(!hasScope(scopes, scope), `${JSON.stringify(needle)} should not be ${scope}, got ${JSON.stringify(scopes)}`);
        }
      });
    }
  });
}

check('stand-in YAML grammar', createRegistry());
const vscodeGrammars = process.env.ALERTSMITH_VSCODE_YAML_GRAMMARS;
if (vscodeGrammars) check(`VS Code YAML grammar from ${vscodeGrammars}`, createRegistry(vscodeGrammars));
