import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateLokiRuleFile } from '../../../bench/generateLokiRules';
import { ruleExpressions } from '../../../bench/parserFloor';
import { formatLogQL } from '../../../server/src/service/logql/format';
import { lexLogQL } from '../../../server/src/service/logql/lex';
import { validateLogQL } from '../../../server/src/service/logql/validate';
import { validLogQL } from './validQueries';

function formatted(text: string, width?: number): string {
  const result = formatLogQL(text, width);
  assert.ok('formatted' in result, `${text} was left as written: ${'unformatted' in result ? result.unformatted : ''}`);
  return result.formatted;
}

test('one line, spaced canonically, where the query fits', () => {
  const cases: Array<[string, string]> = [
    ['{ app = "api" , env!~"dev|test" }', '{app="api", env!~"dev|test"}'],
    ['{app="api"}|="error"!="timeout"|~"(?i)fatal"', '{app="api"} |= "error" != "timeout" |~ "(?i)fatal"'],
    ['{app="api"}|json|status>=500 and level="error"', '{app="api"} | json | status >= 500 and level="error"'],
    ['{app="api"}|logfmt --strict level,took="duration"', '{app="api"} | logfmt --strict level, took="duration"'],
    ['{app="api"}|label_format level=lvl,svc="{{.app}}"', '{app="api"} | label_format level=lvl, svc="{{.app}}"'],
    ['{app="api"}|drop a,b="c"|keep d', '{app="api"} | drop a, b="c" | keep d'],
    ['{app="nginx"}|= ip("10.0.0.0/8")or "x"', '{app="nginx"} |= ip("10.0.0.0/8") or "x"'],
    ['{app="nginx"}|addr=ip("10.0.0.0/8")', '{app="nginx"} | addr = ip("10.0.0.0/8")'],
    ['rate( {app="api"}[5m] )', 'rate({app="api"}[5m])'],
    ['rate({app="api"}|json[5m]offset 1h)', 'rate({app="api"} | json [5m] offset 1h)'],
    ['sum(rate({a="b"}[5m]))by(app)', 'sum(rate({a="b"}[5m])) by (app)'],
    ['sum by(app)(rate({a="b"}[5m]))', 'sum by (app) (rate({a="b"}[5m]))'],
    ['quantile_over_time(0.99,{a="b"}|unwrap duration(d)[5m])', 'quantile_over_time(0.99, {a="b"} | unwrap duration(d) [5m])'],
    ['vector(1)+vector(2)>bool 0', 'vector(1) + vector(2) > bool 0'],
    ['sum(rate({a="b"}[1m]))*-1', 'sum(rate({a="b"}[1m])) * -1'],
    ['{a="b"}|logfmt|took>-1s', '{a="b"} | logfmt | took > -1s'],
    ['vector(1)/on(app)group_left(team)vector(1)', 'vector(1) / on (app) group_left (team) vector(1)'],
    // Strings, templates and regexes keep their text, spaces and quotes.
    ['{a="b"}|line_format `{{ .a  }}  x`', '{a="b"} | line_format `{{ .a  }}  x`'],
    ['SUM(RATE({app="api"}[5m]))', 'SUM(RATE({app="api"}[5m]))'],
    // Syntax the grammar lags Loki in (parse.ts) formats too.
    ['{app="api"}|logfmt|level="error" code="500"', '{app="api"} | logfmt | level="error" code="500"'],
  ];
  for (const [input, expected] of cases) assert.equal(formatted(input), expected, input);
});

test('a longer query breaks at its outermost node: pipelines a stage per line, aggregations around their arguments', () => {
  assert.equal(
    formatted(
      'sum by (app) (count_over_time({namespace="payments", app="checkout"} |= "error" != "timeout" | json | status >= 500 [5m]))',
      60,
    ),
    [
      'sum by (app) (',
      '  count_over_time(',
      '    {namespace="payments", app="checkout"}',
      '      |= "error"',
      '      != "timeout"',
      '      | json',
      '      | status >= 500 [5m]',
      '  )',
      ')',
    ].join('\n'),
  );
  assert.equal(
    formatted('quantile_over_time(0.99, {app="api"} | json | unwrap duration(latency) | __error__="" [5m]) by (route)', 60),
    [
      'quantile_over_time(',
      '  0.99,',
      '  {app="api"}',
      '    | json',
      '    | unwrap duration(latency)',
      '    | __error__="" [5m]',
      ') by (route)',
    ].join('\n'),
  );
  assert.equal(
    formatted('{namespace="payments", app="checkout"} | json | line_format "{{.level}} {{.msg}}" | level="error"', 60),
    ['{namespace="payments", app="checkout"}', '  | json', '  | line_format "{{.level}} {{.msg}}"', '  | level="error"'].join('\n'),
  );
});

test('an offset the grammar cannot place after an unwrapped range (parse.ts masks it) stays with its range', () => {
  assert.equal(
    formatted('first_over_time({app="a"} | logfmt | unwrap v [1m] offset 10s) by (pod)', 30),
    ['first_over_time(', '  {app="a"}', '    | logfmt', '    | unwrap v [1m] offset 10s', ') by (pod)'].join('\n'),
  );
});

test('a range written before the pipeline stays after its selector', () => {
  assert.equal(
    formatted('count_over_time({namespace="payments", app="checkout"}[5m] | json | status >= 500)', 50),
    ['count_over_time(', '  {namespace="payments", app="checkout"}[5m]', '    | json', '    | status >= 500', ')'].join('\n'),
  );
});

test('a chain of binary operations is laid out flat, since the grammar does not nest it by precedence', () => {
  // lezer-logql reads this as a / (b > bool 0.05); Loki as (a / b) > bool 0.05.
  assert.equal(
    formatted(
      'sum by (app) (rate({namespace="prod", app="api"} |= "error" [5m])) / sum by (app) (rate({namespace="prod", app="api"}[5m])) > bool 0.05',
      80,
    ),
    [
      '  sum by (app) (rate({namespace="prod", app="api"} |= "error" [5m]))',
      '/',
      '  sum by (app) (rate({namespace="prod", app="api"}[5m]))',
      '> bool',
      '  0.05',
    ].join('\n'),
  );
});

test('comments inside stay next to the stage, argument or operand they follow or precede', () => {
  const cases: [string, string][] = [
    ['sum(\n  rate({app="api"}[5m])   # per second\n)', 'sum(\n  rate({app="api"}[5m]) # per second\n)'],
    ['{app="api"} # the app\n|= "error" # errors only\n| json', '{app="api"} # the app\n  |= "error" # errors only\n  | json'],
    ['{app="api"}\n  # why\n  |= "x"', '{app="api"}\n  # why\n  |= "x"'],
    ['sum by (app) ( # c\n count_over_time({app="api"}[5m]))', 'sum by (app) ( # c\n  count_over_time({app="api"}[5m])\n)'],
    [
      'sum(rate({app="api"} |= "error" [5m])) # errors\n/\nsum(rate({app="api"}[5m])) # all\n> 0.1',
      '  sum(rate({app="api"} |= "error" [5m])) # errors\n/\n  sum(rate({app="api"}[5m])) # all\n>\n  0.1',
    ],
  ];
  for (const [input, expected] of cases) {
    assert.equal(formatted(input), expected, input);
    assert.equal(formatted(expected), expected, `not stable: ${expected}`);
  }
});

test('comments before and after stay; what cannot be formatted is left as written, with the reason', () => {
  assert.equal(formatted('# errors\n{app="api"}|="error"\n# end'), '# errors\n{app="api"} |= "error"\n# end');
  const reasons: Array<[string, RegExp]> = [
    ['{app="api"} |= ', /syntax errors/],
    ['{app="api", # which app\n env="prod"}', /comment inside a selector/],
    ['{app="api"} | json # c\n status="x"', /comment inside/],
    ['', /no query/],
  ];
  for (const [input, reason] of reasons) {
    const result = formatLogQL(input, 30);
    assert.ok('unformatted' in result && reason.test(result.unformatted), `${input}: ${JSON.stringify(result)}`);
  }
});

test('formatting only moves white space, reads back the same, and is stable — on every query written here and in the bench file', () => {
  const generated = [...new Set(ruleExpressions([generateLokiRuleFile(1_000)]))];
  const tokens = (text: string) => lexLogQL(text).tokens.map((t) => text.slice(t.from, t.to));
  const codes = (text: string) => validateLogQL(text, { context: 'query' }).problems.map((p) => p.code);
  let formattedCount = 0;
  for (const query of [...validLogQL, ...generated]) {
    for (const width of [40, 100]) {
      const result = formatLogQL(query, width);
      if (!('formatted' in result)) continue;
      formattedCount++;
      assert.deepEqual(tokens(result.formatted), tokens(query), query);
      assert.deepEqual(codes(result.formatted), codes(query), query);
      assert.equal(formatted(result.formatted, width), result.formatted, `not stable: ${query}`);
    }
  }
  assert.ok(formattedCount > 100, `only ${formattedCount} formatted`);
});
