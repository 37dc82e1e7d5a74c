import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeLogQL } from '../../../server/src/service/logql/completion';

/** `‸` marks the cursor (`|` is LogQL's pipe). */
function complete(input: string) {
  const offset = input.indexOf('‸');
  const text = input.slice(0, offset) + input.slice(offset + 1);
  const result = completeLogQL(text, offset);
  return { ...result, labels: result.items.map((item) => item.label), replaced: text.slice(result.from, result.to) };
}

interface Case {
  input: string;
  includes: string[];
  excludes?: string[];
  replaced?: string;
}

const cases: Case[] = [
  {
    input: '‸',
    includes: ['{…}', 'rate', 'count_over_time', 'sum', 'topk', 'quantile_over_time', 'label_replace', 'vector'],
    excludes: ['json', 'ip'],
  },
  { input: 'sum by (app) (‸', includes: ['rate', 'sum_over_time'] },
  { input: '{‸', includes: ['app', 'namespace', 'pod'], excludes: ['rate'] },
  { input: '{app="api", na‸}', includes: ['namespace'], replaced: 'na' },
  { input: '{app="api"} or {app="‸"}', includes: ['api'] },
  { input: '{level="‸"}', includes: ['error', 'warn', 'info'] },
  { input: '{app="api"} ‸', includes: ['|=', '!=', '|~', '!~', '|>', '!>', '|'], excludes: ['[5m]'] },
  { input: 'rate({app="api"} |= "x" ‸', includes: ['|=', '[5m]'] },
  { input: '{app="api"} |= ‸', includes: ['"…"', 'ip'] },
  {
    input: '{app="api"} | ‸',
    includes: ['json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'label_format', 'drop', 'keep', 'decolorize'],
    // No stage yet could have failed, so a filter on `__error__` would keep every line.
    excludes: ['unwrap', '__error__'],
  },
  { input: '{app="api"} |= "x" | drop pod | ‸', includes: ['json'], excludes: ['__error__'] },
  { input: '{app="api"} | json | ‸', includes: ['__error__'] },
  { input: '{app="api"} | line_format "{{.msg}}" | ‸', includes: ['__error__'] },
  { input: '{app="api"} | logfmt | ‸ | json', includes: ['__error__'] },
  { input: '{app="api"} | ‸ | json', includes: ['json'], excludes: ['__error__'] },
  { input: 'sum_over_time({app="api"} | logfmt | unwrap bytes(size) | ‸', includes: ['__error__'] },
  { input: 'sum_over_time({app="api"} | json | ‸', includes: ['unwrap', 'json'] },
  { input: '{app="api"} | logfmt ‸', includes: ['--strict', '--keep-empty'] },
  { input: '{app="api"} | regexp "(?P<route>[^ ]+)" | ro‸', includes: ['route'], replaced: 'ro' },
  { input: '{app="api"} | json status="response.status" | status ‸', includes: ['=', '!=', '=~', '>', '>=', '<', '<='] },
  { input: 'sum_over_time({app="api"} | json took="t" | unwrap ‸', includes: ['bytes', 'duration', 'duration_seconds', 'took'] },
  { input: 'rate({app="api"}[‸', includes: ['1m', '5m', '1h'] },
  { input: 'sum by (‸) (count_over_time({app="api"} | pattern "<ip> <_> <status>" [5m]))', includes: ['ip', 'status', 'app'] },
  { input: '{app="api"} | pattern "<ip> <_>" | line_format "{{.‸}}"', includes: ['.ip', '.app', 'ToUpper', '__line__'], replaced: '.' },
  { input: '{app="api"} | logfmt | label_format x="{{ ‸"', includes: ['ToLower', 'default'] },
  { input: '{app="api"} | line_format "plain ‸"', includes: [], excludes: ['ToLower'] },
  { input: '{app="api"} | logfmt | drop ‸', includes: ['app'] },
  { input: 'sum(rate({app="api"}[5m])) ‸', includes: ['by', 'without', '+', 'or'] },
  { input: '{app="api"} # a comm‸ent', includes: [], excludes: ['|='] },
  // A label filter's value: what the operator compares, never the start of a query.
  { input: '{app="a"} | logfmt | addr = ‸', includes: ['"…"', 'ip', '100', '250ms'], excludes: ['{…}', 'rate', 'sum'] },
  { input: '{app="a"} | logfmt | level=‸', includes: ['"error"', '"warn"', '"…"'], excludes: ['{…}'] },
  { input: '{app="a"} | logfmt | duration > ‸', includes: ['250ms', '10KB', '100'], excludes: ['"…"', 'ip', '{…}'] },
  { input: '{app="a"} | logfmt | path =~ ‸', includes: ['"…"'], excludes: ['ip', '100', '{…}'] },
  { input: '{app="a"} | logfmt | level="error" and status != ‸', includes: ['"…"', '100'], excludes: ['{…}', 'rate'] },
  { input: '{app="a"} | logfmt | level="error" and ‸', includes: ['level', 'app'], excludes: ['rate', '{…}'] },
  { input: '{app="a"} | logfmt | level="error", sta‸', includes: ['level'], replaced: 'sta' },
  { input: '{app="a"} | logfmt | level="error" and status ‸', includes: ['>=', '='], excludes: ['rate'] },
  // `!=` and `!~` are line filters and label filters; after a metric expression, comparisons.
  { input: '{app="api"} | logfmt | level != "debug" ‸', includes: ['and', 'or', '|'] },
  { input: '{a="b"} | json != ‸', includes: ['"…"', 'ip'], excludes: ['rate'] },
  { input: '{a="b"} |= ip("1.2.3.4") != ‸', includes: ['"…"'], excludes: ['rate'] },
  { input: 'sum(rate({a="b"}[5m])) != ‸', includes: ['bool', 'sum'], excludes: ['"…"'] },
  // What may follow a label filter, a line filter, a comparison, a range.
  { input: '{app="a"} | logfmt | status >= 500 ‸', includes: ['and', 'or', '|', '|='] },
  { input: '{app="a"} |= "x" ‸', includes: ['or', '|='], excludes: ['and'] },
  { input: '{app="a"} ‸', includes: ['|='], excludes: ['or', 'and'] },
  { input: 'sum(rate({app="a"}[5m])) > ‸', includes: ['bool', 'sum', '{…}'] },
  { input: 'rate({a="b"}[5m] ‸', includes: ['offset'], excludes: ['by', 'without', '+', 'and'] },
  // Parser parameters.
  { input: '{app="a"} | json ‸', includes: ['label="path"', '|', '|='] },
  { input: '{app="a"} | json a="b", ‸', includes: ['label="path"'] },
  { input: '{app="a"} | logfmt --strict ‸', includes: ['--keep-empty', '|'], excludes: ['--strict'] },
  { input: '{app="a"} | label_format dst=‸', includes: ['"{{ … }}"', 'app'], excludes: ['rate'] },
  // Labels a drop or keep removed are gone from templates.
  { input: '{app="a"} | logfmt | drop pod | line_format "{{ .‸ }}"', includes: ['.app'], excludes: ['.pod'] },
  { input: '{app="a", pod="x"} | keep app | line_format "{{ .‸ }}"', includes: ['.app'], excludes: ['.pod'] },
  { input: '{app="a"} | logfmt | drop pod="x" | line_format "{{ .‸ }}"', includes: ['.app', '.pod'] },
];

test('completion offers what LogQL allows at the cursor', () => {
  for (const c of cases) {
    const got = complete(c.input);
    for (const label of c.includes) assert.ok(got.labels.includes(label), `${c.input}: missing ${label} in ${got.labels.join(' ')}`);
    for (const label of c.excludes ?? []) assert.ok(!got.labels.includes(label), `${c.input}: unexpected ${label}`);
    if (c.replaced !== undefined) assert.equal(got.replaced, c.replaced, c.input);
    if (c.includes.length === 0 && !c.excludes) assert.deepEqual(got.labels, [], c.input);
  }
});

test('items carry docs and snippets', () => {
  const rate = complete('‸').items.find((item) => item.label === 'quantile_over_time')!;
  assert.match(String(rate.insertText), /unwrap/);
  assert.equal(rate.insertTextFormat, 2);
  assert.match(JSON.stringify(rate.documentation), /φ-quantile/);
  const json = complete('{app="api"} | ‸').items.find((item) => item.label === 'json')!;
  assert.match(JSON.stringify(json.documentation), /Example/);
});

test('after a pipe the editor lists extracted labels, then the stages, then stream labels', () => {
  /** The labels in the order an editor shows them: by sortText, else by label. */
  const shown = (input: string) =>
    complete(input)
      .items.map((item) => ({ label: String(item.label), key: item.sortText ?? String(item.label) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((item) => item.label);
  const plain = shown('{app="api", namespace="prod"} | ‸');
  assert.ok(plain.indexOf('logfmt') < plain.indexOf('app'), plain.join(' '));
  assert.equal(shown('{app="api", namespace="prod"} | logfmt | ‸').at(-1), '__error__');
  const parsed = shown('{app="api"} | json status="response.status" | ‸');
  assert.equal(parsed[0], 'status', parsed.join(' '));
  assert.ok(parsed.indexOf('line_format') < parsed.indexOf('app'), parsed.join(' '));
});

test('completion never throws', () => {
  for (const text of ['', '{', '|', '"', '{a="b"} | line_format "{{', 'sum(((', '[', '`']) {
    for (let offset = 0; offset <= text.length; offset++) assert.doesNotThrow(() => completeLogQL(text, offset));
  }
});
