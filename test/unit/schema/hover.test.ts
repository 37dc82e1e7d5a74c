import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schemaHover } from '../../../server/src/service/schema';
import { parseYamlFile } from '../../../server/src/service/yaml/yamlFile';
import { cursorAt, serviceMonitorHead as sm } from './helpers';

function hover(marked: string) {
  const { text, offset } = cursorAt(marked);
  const result = schemaHover(parseYamlFile(text), offset);
  return result && { markdown: result.markdown, word: text.slice(result.from, result.to) };
}

describe('schema hover', () => {
  const cases: { title: string; input: string; word: string; mentions: RegExp[] }[] = [
    {
      title: 'an endpoint duration',
      input: `${sm}spec:\n  endpoints:\n    - port: http\n      inter‸val: 30s\n`,
      word: 'interval',
      mentions: [/`duration`/, /Example: `interval: 30s`/],
    },
    { title: 'an enum', input: `${sm}spec:\n  endpoints:\n    - sche‸me: http\n`, word: 'scheme', mentions: [/http \| https/] },
    { title: 'a selector', input: `${sm}spec:\n  sel‸ector:\n    matchLabels: {}\n`, word: 'selector', mentions: [/`object`/, /Services/] },
    {
      title: 'a rule field',
      input: 'groups:\n  - name: a\n    rules:\n      - alert: X\n        ‸for: 5m\n',
      word: 'for',
      mentions: [/pending/, /`duration`/],
    },
    {
      title: 'a PrometheusRule field',
      input: 'kind: PrometheusRule\nspec:\n  groups:\n    - name: a\n      query_offs‸et: 1m\n',
      word: 'query_offset',
      mentions: [/late samples/],
    },
    {
      title: 'a Prometheus selector',
      input: 'kind: Prometheus\nspec:\n  ruleSelec‸tor: {}\n',
      word: 'ruleSelector',
      mentions: [/none when null/],
    },
  ];
  for (const { title, input, word, mentions } of cases) {
    test(title, () => {
      const result = hover(input);
      assert.equal(result?.word, word);
      for (const pattern of mentions) assert.match(result.markdown, pattern);
    });
  }

  test('nothing on values, unknown fields and other kinds', () => {
    assert.equal(hover(`${sm}spec:\n  endpoints:\n    - scheme: ht‸tp\n`), undefined);
    assert.equal(hover(`${sm}spec:\n  endpointz‸: []\n`), undefined);
    assert.equal(hover('kind: Deployment\nspec:\n  repl‸icas: 1\n'), undefined);
  });
});
