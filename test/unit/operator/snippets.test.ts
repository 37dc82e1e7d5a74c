// snippets/operator.json: expanded with their defaults, the snippets make resources that match each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { check, codes, deploymentYaml, workspace } from './helpers';

const snippets: Record<string, { prefix: string; body: string[] }> = JSON.parse(readFileSync('snippets/operator.json', 'utf8'));

/** Expands a VS Code snippet body with every placeholder at its default (choices: the first). */
function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  const mirror = (n: string) => `\u0000${n}\u0000`;
  function parse(i: number, inside: boolean): [string, number] {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && inside) {
        return [out, i + 1];
      } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
        const n = /^\d+/.exec(body.slice(i + 1))![0];
        out += mirror(n);
        i += 1 + n.length;
      } else if (c === '$' && body[i + 1] === '{') {
        const n = /^\d+/.exec(body.slice(i + 2))![0];
        const at = i + 2 + n.length;
        if (body[at] === ':') {
          const [value, next] = parse(at + 1, true);
          if (!values.has(n)) values.set(n, value);
          out += mirror(n);
          i = next;
        } else if (body[at] === '|') {
          const end = body.indexOf('|}', at + 1);
          values.set(n, body.slice(at + 1, end).split(',')[0]);
          out += mirror(n);
          i = end + 2;
        } else {
          out += mirror(n);
          i = at + 1;
        }
      } else {
        out += c;
        i += 1;
      }
    }
    return [out, i];
  }
  let text = parse(0, false)[0];
  for (let round = 0; round < 5 && text.includes('\u0000'); round++) {
    text = text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => values.get(n) ?? '');
  }
  return text;
}

const expanded = (prefix: string) => {
  const snippet = Object.values(snippets).find((candidate) => candidate.prefix === prefix);
  assert.ok(snippet, prefix);
  return expandSnippet(snippet.body.join('\n'));
};

test('snippet expansion helper', () => {
  assert.equal(expandSnippet('a: ${1:x}\nb: $1\nc: ${2|p,q|} ${3:{\\}} \\$v$0'), 'a: x\nb: x\nc: p {} $v');
});

test('every snippet expands to YAML without syntax errors', () => {
  for (const { prefix, body } of Object.values(snippets)) {
    const documents = parseAllDocuments(expandSnippet(body.join('\n')));
    assert.ok(Array.isArray(documents) && documents.every((d) => d.errors.length === 0), prefix);
  }
});

test('ServiceMonitor, PodMonitor, PrometheusRule and Service snippets match each other', () => {
  const prometheus =
    'kind: Prometheus\nmetadata: {name: main}\nspec:\n  serviceMonitorSelector: {matchLabels: {release: prometheus}}\n  podMonitorSelector: {matchLabels: {release: prometheus}}\n  ruleSelector: {matchLabels: {release: prometheus}}\n';
  const index = workspace({
    'prometheus.yaml': prometheus,
    'service.yaml': expanded('service-metrics'),
    'deployment.yaml': deploymentYaml('my-app', { app: 'my-app' }, ['metrics:9090']),
    'servicemonitor.yaml': expanded('servicemonitor'),
    'podmonitor.yaml': expanded('podmonitor'),
    'rule.yaml': expanded('prometheusrule'),
  });
  for (const path of ['servicemonitor.yaml', 'podmonitor.yaml', 'rule.yaml', 'service.yaml']) {
    assert.deepEqual(check(index, path), [], path);
  }
  assert.equal(index.allMonitors().length, 2);
  // And the check is real: a Service with another port name is caught.
  index.updateFile('file:///w/service.yaml', expanded('service-metrics').replace('name: metrics', 'name: web'));
  assert.equal(codes(check(index, 'servicemonitor.yaml'), 'operator/port-not-found').length, 1);
});

test('rule snippets fit under a PrometheusRule group', () => {
  const rules = [expanded('rule-alert'), expanded('rule-record')].map((rule) => rule.replace(/^/gm, '        ')).join('\n');
  const text = `kind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n    - name: g\n      rules:\n${rules}\n`;
  const [document] = parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[];
  const value = (document as { toJS(): { spec: { groups: { rules: Record<string, string>[] }[] } } }).toJS();
  assert.deepEqual(
    value.spec.groups[0].rules.map((rule) => rule.alert ?? rule.record),
    ['TargetDown', 'job:http_requests:rate5m'],
  );
  assert.equal(value.spec.groups[0].rules[0].expr, 'up{job="my-app"} == 0');
});
